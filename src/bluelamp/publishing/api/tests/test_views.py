"""/api/v1/posts: writing, routing, approving, publishing and removing posts through the API,
with the same refusals as the services (400 by field, 403, 404, 409) and publishing against
the fake X server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from django.utils import timezone
from rest_framework.test import APIClient

from bluelamp.core.roles import Role
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.fakeplatforms import FakeX
from bluelamp.publishing.models import Post
from bluelamp.publishing.services import connections, delivery
from bluelamp.publishing.tests.people import newsroom

pytestmark = pytest.mark.django_db

CLEAN = "Join us at the Handsworth community event on Saturday from 10am."
OTHER = "Thanks to everyone who came to the Dudley fun day today."
PHONE = "Call Dave on 07700 900123 about the event."
ARREST = (
    "We arrested a 34-year-old man in Aston last night on suspicion of burglary. "
    "More at https://www.west-midlands.police.uk/news"
)
TEAM = object()  # stands for the team account's id in parametrised bodies


@pytest.fixture
def room():
    return newsroom()


@pytest.fixture
def api(room, token_for):
    """``api("author")``: an APIClient signed in with a token as one of the newsroom."""
    clients: dict[str, APIClient] = {}

    def client(name: str) -> APIClient:
        if name not in clients:
            user = getattr(room, name)
            made = APIClient()
            made.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
            made.user = user
            clients[name] = made
        return clients[name]

    return client


def create(client, account, text=CLEAN, **fields):
    return client.post(
        "/api/v1/posts", {"account": account.pk, "text": text, **fields}, format="json"
    )


def made(client, account, text=CLEAN, **fields) -> str:
    response = create(client, account, text, **fields)
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def step(client, post_id, action, **body):
    return client.post(f"/api/v1/posts/{post_id}/{action}", body, format="json")


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.json()
    return response.json()


def future(hours: int = 2) -> str:
    return (timezone.now() + dt.timedelta(hours=hours)).isoformat()


# ------------------------------------------------------------------------------ composing


def test_create_answers_the_draft_with_its_findings_and_verdict(room, api):
    response = create(api("author"), room.team, PHONE)

    body = ok(response, 201)
    assert response["Location"] == f"/api/v1/posts/{body['id']}"
    assert body["state"] == "draft"
    assert body["verdict"] == "block"
    assert [f["rule"] for f in body["findings"]] == ["personal-data"]
    finding = body["findings"][0]
    assert finding["clause"] and finding["message"] and finding["excerpt"]
    assert body["account"] == {
        "id": room.team.pk,
        "platform": "x",
        "handle": room.team.handle,
        "tier": "team",
    }
    assert body["author"]["username"] == "author"
    assert body["route"]["blocked"] is True
    assert "block" in body["route"]["summary"]
    assert "submit" in body["actions"] and "edit" in body["available_actions"]
    assert Post.objects.get().text == PHONE


def test_a_clean_post_passes_and_a_live_broadcast_needs_ccd(room, api):
    clean = ok(create(api("author"), room.team), 201)
    assert clean["verdict"] == "pass"
    assert clean["findings"] == []
    assert clean["route"] == {
        "blocked": False,
        "approver": None,
        "needs_record": False,
        "faces_to_settle": False,
        "summary": "Ready to publish or schedule.",
    }

    live = ok(create(api("author"), room.team, kind="live"), 201)
    assert [f["rule"] for f in live["findings"]] == ["live-broadcast"]
    assert live["route"]["approver"] == "ccd"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"text": CLEAN}, "account", "required"),
        ({"account": "team", "text": CLEAN}, "account", "integer"),
        ({"account": 0, "text": CLEAN}, "account", "no account"),
        ({"account": TEAM}, "text", "required"),
        ({"account": TEAM, "text": CLEAN, "kind": "novel"}, "kind", "not a valid choice"),
        ({"account": TEAM, "text": "   "}, "text", "Enter the text"),
        ({"account": TEAM, "text": CLEAN, "second_opinion": "perhaps"}, "second_opinion", "bool"),
    ],
)
def test_bad_input_is_refused_naming_the_field(room, api, body, field, words):
    body = {k: room.team.pk if v is TEAM else v for k, v in body.items()}
    response = api("author").post("/api/v1/posts", body, format="json")

    refused = response.json()
    assert response.status_code == 400, refused
    assert refused["code"] == "invalid_input"
    assert field in refused["errors"]
    assert words.lower() in refused["message"].lower()
    assert field in refused["message"] or words == "Enter the text"
    assert Post.objects.count() == 0


def test_patch_changes_a_draft_and_checks_it_again(room, api):
    post_id = made(api("author"), room.team, PHONE)

    body = ok(
        api("author").patch(
            f"/api/v1/posts/{post_id}",
            {"text": CLEAN, "second_opinion": True},
            format="json",
        )
    )

    assert body["text"] == CLEAN
    assert body["verdict"] == "pass"
    assert body["second_opinion"] is True
    assert body["route"]["approver"] == "manager"
    ok(api("author").patch(f"/api/v1/posts/{post_id}", {"kind": "reply"}, format="json"))
    assert Post.objects.get().kind == "reply"
    assert Post.objects.get().text == CLEAN


def test_patch_is_refused_once_the_post_has_left_draft(room, api):
    post_id = made(api("author"), room.team)
    ok(step(api("author"), post_id, "submit"))

    response = api("author").patch(f"/api/v1/posts/{post_id}", {"text": OTHER}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert Post.objects.get().text == CLEAN


# -------------------------------------------------------------------------------- routing


def test_submitting_a_blocked_post_is_refused_with_post_blocked(room, api):
    post_id = made(api("author"), room.team, PHONE)

    response = step(api("author"), post_id, "submit")

    refused = response.json()
    assert response.status_code == 400
    assert refused["code"] == "post_blocked"
    assert "Personal data of a private individual" in refused["message"]
    assert "text" in refused["errors"]
    assert Post.objects.get().state == flow.DRAFT


def test_submit_a_clean_post_makes_it_ready_or_scheduled(room, api):
    ready = ok(step(api("author"), made(api("author"), room.team), "submit"))
    assert ready["state"] == "ready"
    assert {"publish", "schedule", "revise", "withdraw"} <= set(ready["available_actions"])

    when = future()
    scheduled = ok(
        step(api("author"), made(api("author"), room.team, OTHER), "submit", scheduled_for=when)
    )
    assert scheduled["state"] == "scheduled"
    assert dt.datetime.fromisoformat(scheduled["scheduled_for"]) == dt.datetime.fromisoformat(when)


def test_a_time_in_the_past_or_not_a_time_is_refused_naming_scheduled_for(room, api):
    post_id = made(api("author"), room.team)
    past = (timezone.now() - dt.timedelta(hours=1)).isoformat()

    for value, words in ((past, "future"), ("next tuesday", "datetime")):
        response = step(api("author"), post_id, "submit", scheduled_for=value)
        refused = response.json()
        assert response.status_code == 400, refused
        assert "scheduled_for" in refused["errors"]
        assert words in refused["message"].lower()
    assert Post.objects.get().state == flow.DRAFT


def test_a_record_finding_needs_the_disclosure_record_first(room, api):
    post_id = made(api("author"), room.team, ARREST)
    assert ok(api("author").get(f"/api/v1/posts/{post_id}"))["route"]["needs_record"] is True

    refused = step(api("author"), post_id, "submit")
    assert refused.status_code == 400
    assert refused.json()["code"] == "post_record_needed"

    no_name = step(api("author"), post_id, "record", oic_told=True)
    assert no_name.status_code == 400
    assert "oic_name" in no_name.json()["errors"]

    body = ok(step(api("author"), post_id, "record", crime_ref="20/123456/26"))
    assert body["record"]["crime_ref"] == "20/123456/26"
    assert body["record"]["recorded_by"] == "author"
    assert body["route"]["needs_record"] is False
    assert ok(step(api("author"), post_id, "submit"))["state"] == "ready"


# ------------------------------------------------------------------------------ four eyes


def test_four_eyes_the_author_may_not_approve_their_own_post(room, api):
    post_id = made(api("author"), room.team, second_opinion=True)
    sent = ok(step(api("author"), post_id, "submit"))
    assert sent["state"] == "awaiting_approval"
    assert sent["approver_needed"] == "manager"
    assert "approve" not in sent["available_actions"]

    response = step(api("author"), post_id, "approve", note="Looks fine to me")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "own post" in response.json()["message"]
    colleague = step(api("colleague"), post_id, "approve")
    assert colleague.status_code == 403
    assert Post.objects.get().state == flow.AWAITING_APPROVAL
    assert Post.objects.get().approvals.count() == 0


def test_the_line_manager_approves_with_a_note_and_it_is_kept(room, api):
    post_id = made(api("author"), room.team, second_opinion=True)
    ok(step(api("author"), post_id, "submit"))
    assert "approve" in ok(api("manager").get(f"/api/v1/posts/{post_id}"))["available_actions"]

    body = ok(step(api("manager"), post_id, "approve", note="Good to go"))

    assert body["state"] == "ready"
    [approval] = body["approvals"]
    assert approval["approver"] == "manager"
    assert approval["role"] == "manager"
    assert approval["decision"] == "approved"
    assert approval["note"] == "Good to go"
    assert approval["decided_at"]
    again = step(api("manager"), post_id, "approve")
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_transition"


def test_return_needs_a_reason_and_the_author_revises(room, api):
    post_id = made(api("author"), room.team, second_opinion=True)
    ok(step(api("author"), post_id, "submit"))

    blank = step(api("manager"), post_id, "return", reason="  ")
    assert blank.status_code == 400
    assert "reason" in blank.json()["errors"]
    missing = step(api("manager"), post_id, "return")
    assert missing.status_code == 400
    assert missing.json()["message"].startswith("reason:")

    body = ok(step(api("manager"), post_id, "return", reason="Add the start time"))
    assert body["state"] == "returned"
    assert body["approvals"][0]["decision"] == "returned"
    assert body["approvals"][0]["note"] == "Add the start time"
    assert ok(step(api("author"), post_id, "revise"))["state"] == "draft"


def test_the_approver_may_edit_the_text_only(room, api):
    post_id = made(api("author"), room.team, second_opinion=True)
    ok(step(api("author"), post_id, "submit"))

    body = ok(api("manager").patch(f"/api/v1/posts/{post_id}", {"text": OTHER}, format="json"))

    assert body["text"] == OTHER
    assert body["state"] == "awaiting_author"
    assert body["approvals"][0]["decision"] == "edited"
    kind = api("manager").patch(f"/api/v1/posts/{post_id}", {"kind": "reply"}, format="json")
    assert kind.status_code == 400
    assert "kind" in kind.json()["errors"]


# ----------------------------------------------------------------------- who may see and do


def test_staff_off_the_roster_may_not_post_or_read_others_posts(room, api):
    refused = create(api("outsider"), room.team)
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    assert "roster" in refused.json()["message"]
    assert Post.objects.count() == 0

    post_id = made(api("author"), room.team)
    assert api("outsider").get(f"/api/v1/posts/{post_id}").status_code == 404
    assert api("outsider").get(f"/api/v1/posts/{post_id}").json()["code"] == "not_found"
    assert step(api("outsider"), post_id, "submit").status_code == 404
    patch = api("outsider").patch(f"/api/v1/posts/{post_id}", {"text": OTHER}, format="json")
    assert patch.status_code == 404
    assert ok(api("outsider").get("/api/v1/posts"))["count"] == 0
    assert Post.objects.get().state == flow.DRAFT


def test_only_ccd_posts_on_the_force_account(room, api):
    assert create(api("author"), room.force_account).status_code == 403
    ok(create(api("ccd"), room.force_account), 201)


def test_a_roster_colleague_reads_but_may_not_take_the_authors_steps(room, api):
    post_id = made(api("author"), room.team)

    body = ok(api("colleague").get(f"/api/v1/posts/{post_id}"))

    assert body["available_actions"] == []
    assert step(api("colleague"), post_id, "submit").status_code == 403
    patch = api("colleague").patch(f"/api/v1/posts/{post_id}", {"text": OTHER}, format="json")
    assert patch.status_code == 403
    assert Post.objects.get().state == flow.DRAFT
    assert Post.objects.get().text == CLEAN


def test_people_without_a_posting_role_are_refused(user_of, token_for):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user_of(Role.INFOSEC))}")
    assert client.get("/api/v1/posts").status_code == 403
    assert APIClient().get("/api/v1/posts").status_code == 401


def test_a_session_works_as_well_as_a_token(room):
    client = APIClient()
    client.force_authenticate(room.author)
    ok(create(client, room.team), 201)
    assert ok(client.get("/api/v1/posts"))["count"] == 1


def test_wrong_state_is_409(room, api):
    post_id = made(api("author"), room.team)
    for action, body in (
        ("publish", {}),
        ("schedule", {"scheduled_for": future()}),
        ("unschedule", {}),
        ("revise", {}),
        ("remove", {"reason": "Wrong"}),
    ):
        response = step(api("author"), post_id, action, **body)
        assert response.status_code == 409, (action, response.json())
        assert response.json()["code"] == "invalid_transition"
    ok(step(api("author"), post_id, "submit"))
    assert step(api("author"), post_id, "submit").status_code == 409
    assert step(api("manager"), post_id, "approve").status_code == 409

    ok(step(api("author"), post_id, "withdraw", reason="Event cancelled"))
    closed = step(api("author"), post_id, "record", crime_ref="20/1/26")
    assert closed.status_code == 409
    assert Post.objects.get().state == flow.WITHDRAWN


def test_schedule_and_unschedule_a_ready_post(room, api):
    post_id = made(api("author"), room.team)
    ok(step(api("author"), post_id, "submit"))

    missing = step(api("author"), post_id, "schedule")
    assert missing.status_code == 400
    assert "scheduled_for" in missing.json()["errors"]
    assert ok(step(api("author"), post_id, "schedule", scheduled_for=future()))["state"] == (
        "scheduled"
    )
    body = ok(step(api("author"), post_id, "unschedule"))
    assert body["state"] == "ready"
    assert body["scheduled_for"] is None


def test_an_unknown_post_or_action_is_404(room, api):
    post_id = made(api("author"), room.team)
    unknown = "00000000-0000-4000-8000-000000000000"
    assert api("author").get(f"/api/v1/posts/{unknown}").status_code == 404
    assert step(api("author"), unknown, "submit").status_code == 404
    assert step(api("author"), post_id, "explode").status_code == 404
    assert api("author").get("/api/v1/posts/not-a-uuid").status_code == 404


# -------------------------------------------------------------------------------- the list


def test_list_filters(room, api):
    author, colleague = api("author"), api("colleague")
    phone = made(author, room.team, PHONE)
    clean = made(author, room.team, CLEAN)
    ok(step(author, clean, "submit"))
    npu = made(author, room.npu, "Burglary advice evening at Aston library on Monday.")
    theirs = made(colleague, room.team, OTHER)
    published_at = dt.datetime(2026, 11, 10, 12, 0, tzinfo=dt.UTC)
    Post.objects.filter(public_id=theirs).update(state="published", published_at=published_at)

    def ids(**params) -> list[str]:
        body = ok(author.get("/api/v1/posts", params))
        return [p["id"] for p in body["results"]]

    assert ids() == [theirs, npu, clean, phone]
    assert ids(account=room.npu.pk) == [npu]
    assert ids(author="colleague") == [theirs]
    assert ids(author="AUTHOR") == [npu, clean, phone]
    assert ids(state="ready") == [clean]
    assert ids(rule="personal-data") == [phone]
    assert ids(q="handsworth") == [clean]
    assert ids(published_after="2026-11-10") == [theirs]
    assert ids(published_after="2026-11-11") == []
    assert ids(published_before="2026-11-10") == [theirs]  # both days included, as the archive's
    assert ids(published_before="2026-11-09") == []
    assert ids(published_after="2026-11-10", published_before="2026-11-10") == [theirs]
    assert ids(author="author", state="draft", q="call") == [phone]

    page = ok(author.get("/api/v1/posts", {"page_size": 2}))
    assert page["count"] == 4
    assert len(page["results"]) == 2
    assert page["next"] and page["previous"] is None

    for params, field in (
        ({"rule": "no-such-rule"}, "rule"),
        ({"published_after": "last week"}, "published_after"),
        ({"state": "lost"}, "state"),
        ({"account": "team"}, "account"),
    ):
        response = author.get("/api/v1/posts", params)
        assert response.status_code == 400, params
        assert field in response.json()["errors"]
        assert response.json()["message"].startswith(f"{field}:")


def test_ccd_and_the_auditor_read_every_post_and_others_only_theirs(room, api):
    made(api("author"), room.team)
    made(api("ccd"), room.force_account)
    assert ok(api("ccd").get("/api/v1/posts"))["count"] == 2
    assert ok(api("auditor").get("/api/v1/posts"))["count"] == 2
    assert ok(api("psd").get("/api/v1/posts"))["count"] == 2
    assert ok(api("author").get("/api/v1/posts"))["count"] == 1
    assert ok(api("manager").get("/api/v1/posts"))["count"] == 1
    assert ok(api("outsider").get("/api/v1/posts"))["count"] == 0


# ------------------------------------------------------------------- publishing and removal


@pytest.fixture
def fake_x(settings, monkeypatch):
    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    monkeypatch.setattr(delivery, "SLEEP", lambda seconds: None)
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


@pytest.fixture
def connected(room, fake_x):
    connections.connection_save(actor=room.ccd, account=room.team, token="good-token")
    return fake_x


def test_publish_and_remove_through_the_fake_x(room, api, connected):
    author = api("author")
    post_id = made(author, room.team)
    ok(step(author, post_id, "submit"))

    body = ok(step(author, post_id, "publish"))

    assert body["state"] == "published"
    assert body["platform_post_id"] in connected.posts
    assert connected.posts[body["platform_post_id"]]["text"] == CLEAN
    assert body["platform_url"].endswith(f"/status/{body['platform_post_id']}")
    assert body["published_at"]
    assert body["actions"] == ["remove", "correct"]  # CORRECT is in the posts table
    assert body["available_actions"] == ["record", "remove"]  # X cannot change a published post
    assert ok(author.get("/api/v1/posts", {"state": "published"}))["count"] == 1

    assert step(api("colleague"), post_id, "remove", reason="Wrong").status_code == 403
    assert step(author, post_id, "remove", reason=" ").status_code == 400
    removed = ok(step(author, post_id, "remove", reason="Wrong date"))

    assert removed["state"] == "removed"
    assert removed["removed_at"]
    [removal] = removed["removals"]
    assert removal["outcome"] == "deleted"
    assert removal["reason"] == "Wrong date"
    assert removal["requested_by"] == "author"
    assert connected.posts == {}


def test_a_platforms_refusal_is_502_with_its_words(room, api, connected):
    author = api("author")
    post_id = made(author, room.team)
    ok(step(author, post_id, "submit"))
    connected.fault(
        "POST",
        "/2/tweets",
        "reply",
        status=403,
        body={"detail": "You are not permitted to create a Tweet.", "status": 403},
    )

    response = step(author, post_id, "publish")

    assert response.status_code == 502
    assert response.json()["code"] == "publish_failed"
    assert "not permitted" in response.json()["message"]
    body = ok(author.get(f"/api/v1/posts/{post_id}"))
    assert body["state"] == "failed"
    assert body["platform_post_id"] == ""
    assert "not permitted" in body["last_error"]
    assert connected.posts == {}


def test_a_refused_deletion_is_502_and_the_post_stays_published(room, api, connected):
    author = api("author")
    post_id = made(author, room.team)
    ok(step(author, post_id, "submit"))
    ok(step(author, post_id, "publish"))
    connected.fault("DELETE", r"/2/tweets/\d+", "token", times=5)

    response = step(author, post_id, "remove", reason="Wrong date")

    assert response.status_code == 502
    assert response.json()["code"] == "removal_failed"
    assert response.json()["outcome"] == "failed"
    body = ok(author.get(f"/api/v1/posts/{post_id}"))
    assert body["state"] == "published"
    assert body["removals"][-1]["outcome"] == "failed"
    assert len(connected.posts) == 1


def test_a_draft_is_submitted_before_it_is_published(room, api, connected):
    post_id = made(api("author"), room.team)
    response = step(api("author"), post_id, "publish")
    assert response.status_code == 409
    assert "Submit it first" in response.json()["message"]
    assert connected.posts == {}


# -------------------------------------------------------------------------------- schema


def test_the_schema_describes_the_posts_endpoints(api):
    schema = ok(api("author").get("/api/schema/", {"format": "json"}))
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/posts"])
    assert {"get", "patch"} <= set(paths["/api/v1/posts/{public_id}"])
    for action in (
        "submit",
        "record",
        "approve",
        "return",
        "revise",
        "withdraw",
        "schedule",
        "unschedule",
        "publish",
        "remove",
    ):
        operation = paths[f"/api/v1/posts/{{public_id}}/{action}"]["post"]
        assert operation["operationId"] == f"posts_{action}"
    assert "502" in paths["/api/v1/posts/{public_id}/publish"]["post"]["responses"]


def test_a_correction_on_x_is_refused_up_front_as_its_api_cannot_and_the_words_are_kept(
    room, api, connected
):
    author = api("author")
    post_id = made(author, room.team)
    ok(step(author, post_id, "submit"))
    ok(step(author, post_id, "publish"))
    assert "correct" not in ok(author.get(f"/api/v1/posts/{post_id}"))["available_actions"]

    answer = step(author, post_id, "correct", text="Sunday instead.", reason="Wrong day")

    assert answer.status_code == 409
    message = answer.json()["message"]
    assert "correct it in the platform's app" in message
    assert message.count("platform's app") == 1
    body = ok(author.get(f"/api/v1/posts/{post_id}"))
    assert body["text"] == CLEAN
    assert body["corrections"] == []

"""/api/v1/removal-requests: information security takes a request from intake to closure
through the API, through the same services as the pages, with the same refusals (each one
400 or 409 with a clear message, and nothing changed); auditors read and change nothing;
everyone else is refused; the requester's details stay out of the logs and the audit trail."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from rest_framework.test import APIClient

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.data_requests.api import views as api_views
from bluelamp.data_requests.choices import LetterKind, Outcome, Regime, RequestStatus
from bluelamp.data_requests.models import Letter, PostDecision, RemovalRequest
from bluelamp.data_requests.tests.factories import (
    REQUESTER_CONTACT,
    REQUESTER_NAME,
    LetterFactory,
    PostDecisionFactory,
    RemovalRequestFactory,
)

pytestmark = pytest.mark.django_db

#: Monday 2 March 2026, 10:00 UTC: the endpoints' "now".
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
SECRETS = ("Bethany", "Quartermaine", "07700", "example.org", "Larch")
BASE = "/api/v1/removal-requests"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(api_views, "now", lambda: NOW)


@pytest.fixture
def api(user_of, token_for):
    """``api("infosec")``: a client with a token, one user per name."""
    roles = {
        "infosec": (Role.INFOSEC,),
        "auditor": (Role.AUDITOR,),
        "staff": (Role.STAFF,),
        "ccd": (Role.STAFF, Role.CCD),
        "psd": (Role.PSD,),
    }
    clients: dict[str, APIClient] = {}

    def make(name: str) -> APIClient:
        if name not in clients:
            user = user_of(*roles[name], username=f"api-{name}")
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
            client.user = user
            clients[name] = client
        return clients[name]

    return make


def _state(rr) -> tuple:
    row = RemovalRequest.objects.get(pk=rr.pk)
    return (
        {f.name: getattr(row, f.name) for f in row._meta.concrete_fields},
        list(PostDecision.objects.filter(request=row).values()),
        Letter.objects.filter(request=row).count(),
        AuditEvent.objects.filter(action__startswith="removal_request.").count(),
    )


INTAKE = {
    "requester_name": REQUESTER_NAME,
    "requester_contact": REQUESTER_CONTACT,
    "request_text": "Remove the appeal with my photo: I have been found.",
    "right": "erasure",
    "regime": "ukgdpr",
    "received_at": "2026-02-27",
    "received_how": "written",
}


# --- Intake to closure ------------------------------------------------------------------------


def test_infosec_takes_a_request_from_intake_to_closure_through_the_api(api, caplog):
    caplog.set_level(logging.DEBUG)
    client = api("infosec")

    created = client.post(BASE, INTAKE, format="json")
    assert created.status_code == 201, created.json()
    rr = created.json()
    assert created["Location"] == f"{BASE}/{rr['id']}"
    assert rr["requester_name"] == REQUESTER_NAME
    assert rr["state"] == "received"
    # Received Friday 27 February 2026 (the start of the day in London)
    assert rr["received_at"] == "2026-02-27T00:00:00Z"
    assert rr["clock"]["relevant_date"] == "2026-02-27"
    assert rr["clock"]["target"] == "2026-03-13"
    assert rr["clock"]["warning"] == "2026-03-26"
    assert rr["clock"]["deadline"] == "2026-03-27"
    assert rr["clock"]["due_text"] == "due in 19 working days"
    assert rr["clock"]["colour"] == "green"
    assert "confirm_identity" in rr["available_actions"]
    url = f"{BASE}/{rr['id']}"

    def step(path, body=None, expect=200):
        response = client.post(f"{url}/{path}", body or {}, format="json")
        assert response.status_code == expect, response.json()
        return response.json()

    assert step("identity-request")["state"] == "awaiting_identity"
    received = step("identity-receipt", {"received_at": "2026-03-01T12:00:00+00:00"})
    assert received["state"] == "considering"
    assert received["clock"]["relevant_date"] == "2026-03-01"  # identity moves the clock
    assert received["clock"]["deadline"] == "2026-04-01"
    after = step("posts", {"url": "https://x.com/WMPDudley/status/1", "platform": "X"})
    step("posts", {"url": "https://www.facebook.com/WMPDudley/posts/2", "platform": "Facebook"})
    remove, amend = (p["id"] for p in step("regime", {"regime": "ukgdpr"})["posts"])
    assert after["posts"][0]["outcome"] == "pending"
    step(f"posts/{remove}/decision", {"outcome": "remove"})
    decided = step(
        f"posts/{amend}/decision",
        {"outcome": "amend", "corrected_text": "Update: found safe and well."},
    )
    assert [p["outcome"] for p in decided["posts"]] == ["remove", "amend"]

    draft = client.get(
        f"{url}/letters/draft",
        {"letter_kind": "extension", "extension_reasons": "Posts re-shared on many accounts."},
    )
    assert draft.status_code == 200
    assert "Why we need more time: Posts re-shared on many accounts." in draft.json()["body"]
    extended = step(
        "extension",
        {"reasons": "Posts re-shared on many accounts.", "letter_body": draft.json()["body"]},
    )
    assert extended["extended"] is True
    assert extended["extension_notice_sent_on"] == "2026-03-02"
    assert extended["clock"]["extended_deadline"] == "2026-06-01"
    assert extended["clock"]["final_deadline"] == "2026-06-01"
    assert extended["letters"][0]["letter_kind"] == "extension"
    assert extended["extension_letter"] == extended["letters"][0]["id"]

    tasks = step("tasks")
    assert tasks["state"] == "actioning"
    for post in tasks["posts"]:
        step(
            f"tasks/{post['task']['id']}/completion",
            {
                "carried_out_by": "Sam Patel, social media team",
                "carried_out_at": "2026-03-02",
                "evidence": "Platform confirmation 88123",
            },
        )
    outcome = client.get(f"{url}/letters/draft", {"letter_kind": "outcome"}).json()["body"]
    sent = client.post(f"{url}/letters", {"letter_kind": "outcome", "body": outcome}, format="json")
    assert sent.status_code == 201, sent.json()
    pdf_url = sent.json()["pdf_url"]
    assert pdf_url == f"{url}/letters/{sent.json()['id']}/pdf"
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    answered = step("response", {"letter": sent.json()["id"], "summary": "Both dealt with."})
    assert answered["state"] == "responded"
    assert answered["response_letter"] == sent.json()["id"]
    assert answered["responded_at"] == "2026-03-02T10:00:00Z"  # the letter's sent time
    closed = step("closure")
    assert closed["state"] == "closed"
    assert closed["available_actions"] == []

    # Every step is audited, and the requester's details are in no event and no log line
    events = AuditEvent.objects.filter(action__startswith="removal_request.")
    assert events.exclude(action="removal_request.personal_data_read").count() == 16
    # and every read of the requester's details too (two drafts, the PDF), without them
    reads = events.filter(action="removal_request.personal_data_read")
    assert [e.after["read"] for e in reads] == ["letter_draft", "letter_draft", "letter_pdf"]
    for event in events:
        recorded = " ".join(
            str(v) for v in (event.target_label, event.before, event.after, event.actor_text)
        )
        assert not any(secret in recorded for secret in SECRETS), event.action
    assert not any(secret in caplog.text for secret in SECRETS)


# --- Reading ----------------------------------------------------------------------------------


def test_the_list_names_requests_by_number_with_their_clocks_and_filters_by_state(api):
    open_ = RemovalRequestFactory(received_at=dt.datetime(2026, 2, 27, 9, tzinfo=dt.UTC))
    closed = RemovalRequestFactory(status=RequestStatus.CLOSED, owner=open_.owner)
    client = api("auditor")

    everything = client.get(BASE).json()
    assert everything["count"] == 2
    row = everything["results"][0]
    assert row["reference"] == open_.reference
    assert row["clock"]["deadline"] == "2026-03-27"
    assert "requester_name" not in row and REQUESTER_NAME not in str(everything)

    only_closed = client.get(BASE, {"state": "closed"}).json()
    assert [r["id"] for r in only_closed["results"]] == [closed.pk]
    both = client.get(f"{BASE}?state=closed&state=received").json()
    assert both["count"] == 2
    bad = client.get(BASE, {"state": "lost"})
    assert bad.status_code == 400
    assert "state" in bad.json()["errors"]


def test_the_due_filter_lists_overdue_and_due_soon_requests_soonest_first(api):
    def received(day):
        return dt.datetime(2026, *day, 9, tzinfo=dt.UTC)

    overdue = RemovalRequestFactory(received_at=received((1, 20)))  # deadline 20 February
    soon = RemovalRequestFactory(received_at=received((2, 4)), owner=overdue.owner)  # 4 March
    RemovalRequestFactory(received_at=received((2, 27)), owner=overdue.owner)  # 27 March
    RemovalRequestFactory(
        received_at=received((1, 5)), status=RequestStatus.CLOSED, owner=overdue.owner
    )
    client = api("infosec")

    def ids(due):
        return [r["id"] for r in client.get(BASE, {"due": due}).json()["results"]]

    assert ids("overdue") == [overdue.pk]
    assert ids("due_soon") == [soon.pk]
    assert ids("overdue_or_due_soon") == [overdue.pk, soon.pk]
    rows = client.get(BASE, {"due": "overdue"}).json()["results"]
    assert rows[0]["clock"]["due_text"] == "overdue by 10 days"
    assert rows[0]["clock"]["colour"] == "red"


def test_the_auditor_reads_a_request_with_the_requester_but_changes_nothing(api):
    post = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    rr = post.request
    client = api("auditor")
    detail = client.get(f"{BASE}/{rr.pk}")
    assert detail.status_code == 200
    assert detail.json()["requester_contact"] == REQUESTER_CONTACT
    assert detail.json()["available_actions"] == []
    before = _state(rr)
    for path, body in [
        ("identity-confirmation", {}),
        (f"posts/{post.pk}/decision", {"outcome": "remove"}),
        ("extension", {"reasons": "Complex", "letter_body": "We need more time."}),
        ("closure", {}),
    ]:
        response = client.post(f"{BASE}/{rr.pk}/{path}", body, format="json")
        assert response.status_code == 403, path
        assert response.json()["code"] == "permission_denied"
    assert client.post(BASE, INTAKE, format="json").status_code == 403
    letter = client.post(
        f"{BASE}/{rr.pk}/letters", {"letter_kind": "acknowledgement", "body": "Hi"}, format="json"
    )
    assert letter.status_code == 403
    assert _state(rr) == before


@pytest.mark.parametrize("name", ["staff", "ccd", "psd"])
def test_other_roles_cannot_see_requests_at_all(api, name):
    rr = RemovalRequestFactory()
    client = api(name)
    for response in (
        client.get(BASE),
        client.get(f"{BASE}/{rr.pk}"),
        client.post(BASE, INTAKE, format="json"),
        client.post(f"{BASE}/{rr.pk}/closure", {}, format="json"),
    ):
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
        assert REQUESTER_NAME not in str(response.json())


def test_anonymous_callers_are_refused(api_client):
    assert api_client.get(BASE).status_code == 401


def test_a_missing_request_post_or_task_is_404(api):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    other = PostDecisionFactory(request__owner=rr.owner)
    client = api("infosec")
    assert client.get(f"{BASE}/999").status_code == 404
    response = client.post(
        f"{BASE}/{rr.pk}/posts/{other.pk}/decision", {"outcome": "remove"}, format="json"
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.outcome == Outcome.PENDING
    assert client.post(f"{BASE}/{rr.pk}/tasks/999/completion", {}, format="json").status_code == 404


# --- The refusals: clear messages naming the field, nothing changed ---------------------------


def test_a_received_date_in_the_future_is_refused_naming_the_field(api):
    response = api("infosec").post(
        BASE, {**INTAKE, "received_at": "2026-03-03T09:00:00+00:00"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message"] == "The date the request was received cannot be in the future"
    assert body["errors"] == {
        "received_at": ["The date the request was received cannot be in the future"]
    }
    assert not RemovalRequest.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="removal_request.").exists()


def test_a_received_time_without_its_offset_or_not_a_date_is_refused(api):
    client = api("infosec")
    for value in ("2026-02-27T09:00:00", "27/02/2026", 20260227):
        response = client.post(BASE, {**INTAKE, "received_at": value}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["received_at"]
    assert not RemovalRequest.objects.exists()


def test_intake_with_nothing_filled_in_lists_every_missing_field(api):
    response = api("infosec").post(BASE, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {
        "requester_name",
        "requester_contact",
        "request_text",
        "right",
        "received_at",
        "received_how",
    }


def test_a_refusal_without_reasons_is_refused_naming_the_field(api):
    post = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    before = _state(post.request)
    response = api("infosec").post(
        f"{BASE}/{post.request.pk}/posts/{post.pk}/decision", {"outcome": "refuse"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"reasons": ["Enter the reasons for refusing"]}
    assert _state(post.request) == before


def test_a_decision_on_a_closed_request_is_refused_and_changes_nothing(api):
    post = PostDecisionFactory(request__status=RequestStatus.CLOSED)
    before = _state(post.request)
    response = api("infosec").post(
        f"{BASE}/{post.request.pk}/posts/{post.pk}/decision", {"outcome": "remove"}, format="json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert (
        body["message"]
        == f"{post.request.reference} is closed: deciding a post cannot be done now."
    )
    assert (body["state"], body["action"]) == ("closed", "decide_post")
    assert _state(post.request) == before


def test_a_second_extension_is_refused_and_changes_nothing(api):
    rr = RemovalRequestFactory(
        status=RequestStatus.CONSIDERING,
        extended=True,
        extension_reasons="Complex",
        extension_notice_sent_on=dt.date(2026, 3, 1),
    )
    before = _state(rr)
    response = api("infosec").post(
        f"{BASE}/{rr.pk}/extension",
        {"reasons": "Still complex", "letter_body": "We need yet more time."},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "removal_request_extension_refused"
    assert "already been extended" in response.json()["message"]
    assert _state(rr) == before


def test_an_extension_after_the_notice_date_is_refused_and_changes_nothing(api, monkeypatch):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING)  # received 27 February
    late = dt.datetime(2026, 3, 30, 10, tzinfo=dt.UTC)
    monkeypatch.setattr(api_views, "now", lambda: late)
    before = _state(rr)
    response = api("infosec").post(
        f"{BASE}/{rr.pk}/extension",
        {"reasons": "Complex", "letter_body": "We need more time: it is complex."},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "removal_request_extension_refused"
    assert "had to be sent by Friday 27 March 2026" in response.json()["message"]
    assert list(response.json()["errors"]) == ["letter_body"]
    assert _state(rr) == before


def test_an_extension_without_its_notice_or_reasons_is_refused_naming_the_fields(api):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    before = _state(rr)
    response = api("infosec").post(f"{BASE}/{rr.pk}/extension", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"reasons", "letter"}
    assert _state(rr) == before


def test_an_extension_can_rest_on_the_notice_already_sent(api):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    notice = LetterFactory(
        request=rr, kind=LetterKind.EXTENSION, sent_at=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    )
    response = api("infosec").post(
        f"{BASE}/{rr.pk}/extension", {"reasons": "Complex", "letter": notice.pk}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["extension_notice_sent_on"] == "2026-03-01"


def test_a_refusal_letter_missing_what_it_must_say_is_not_sent(api):
    post = PostDecisionFactory(
        request__status=RequestStatus.CONSIDERING,
        request__regime=Regime.PART3,
        outcome=Outcome.REFUSE,
        reasons="Relevant material in an open investigation.",
    )
    client = api("infosec")
    url = f"{BASE}/{post.request.pk}"
    response = client.post(
        f"{url}/letters", {"letter_kind": "refusal", "body": "We will not."}, format="json"
    )
    assert response.status_code == 400
    message = response.json()["errors"]["body"][0]
    assert "complain to the Information Commissioner" in message
    assert "ask the Information Commissioner to check" in message
    assert not Letter.objects.exists()
    # The drafted refusal is complete, and answering with it sends it
    draft = client.get(f"{url}/letters/draft", {"letter_kind": "refusal"}).json()["body"]
    answered = client.post(
        f"{url}/response",
        {"response_letter_kind": "refusal", "letter_body": draft},
        format="json",
    )
    assert answered.status_code == 200, answered.json()
    assert answered.json()["state"] == "responded"
    assert answered.json()["letters"][0]["letter_kind"] == "refusal"


def test_a_response_without_a_letter_is_refused_naming_the_field(api):
    post = PostDecisionFactory(
        request__status=RequestStatus.CONSIDERING, outcome=Outcome.REFUSE, reasons="Accurate"
    )
    before = _state(post.request)
    response = api("infosec").post(
        f"{BASE}/{post.request.pk}/response", {"summary": "Refused"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["letter"]
    assert _state(post.request) == before


def test_the_schema_describes_every_removal_request_endpoint(api):
    schema = api("infosec").get("/api/schema/", {"format": "json"}).json()
    paths = {p for p in schema["paths"] if p.startswith(BASE)}
    assert paths == {
        BASE,
        f"{BASE}/{{id}}",
        *(
            f"{BASE}/{{id}}/{step}"
            for step in (
                "posts",
                "posts/{post_id}/decision",
                "regime",
                "identity-request",
                "identity-receipt",
                "identity-confirmation",
                "extension",
                "tasks",
                "tasks/{task_id}/completion",
                "response",
                "closure",
                "letters",
                "letters/draft",
                "letters/{letter_id}/pdf",
            )
        ),
    }
    detail = schema["components"]["schemas"]["RemovalRequestDetail"]["properties"]
    assert {"requester_name", "clock", "posts", "letters", "available_actions"} <= set(detail)
    clock = schema["components"]["schemas"]["Clock"]["properties"]
    assert {"relevant_date", "target", "warning", "deadline", "extended_deadline"} <= set(clock)


# --- Posts linked from the archive -----------------------------------------------------------


def _archived_post(**fields):
    """A published post on an account the caller is on no roster of (built directly)."""
    from bluelamp.publishing.models import Post
    from bluelamp.social_accounts.tests.factories import AccountFactory

    published = dt.datetime(2026, 2, 20, 9, 30, tzinfo=dt.UTC)
    defaults = {
        "account": AccountFactory(platform="x", handle="WMPDudley"),
        "text": "Police are looking for Dana Whitlock in connection with a burglary.",
        "state": "published",
        "platform_post_id": "1760000000000000001",
        "platform_url": "https://x.com/WMPDudley/status/1760000000000000001",
        "published_at": published,
        "created_at": published,
        "updated_at": published,
    }
    defaults.update(fields)
    defaults.setdefault("author", defaults["account"].owner)
    return Post.objects.create(**defaults)


def test_a_post_is_linked_from_the_archive_by_its_id_and_shown_in_the_read(api):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    post = _archived_post()
    client = api("infosec")

    response = client.post(
        f"{BASE}/{rr.pk}/posts", {"archived_post": str(post.public_id)}, format="json"
    )

    assert response.status_code == 200, response.json()
    (linked,) = response.json()["posts"]
    assert linked["archived_post"]["id"] == str(post.public_id)
    assert linked["archived_post"]["account_handle"] == "WMPDudley"
    assert linked["archived_post"]["post_state"] == "published"
    assert linked["archived_post"]["confirmed_removal"] is None
    assert linked["url"] == post.platform_url
    assert linked["platform"] == "X (Twitter)"
    assert linked["excerpt"].startswith("Police are looking for Dana Whitlock")
    read = api("auditor").get(f"{BASE}/{rr.pk}").json()
    assert read["posts"][0]["archived_post"]["id"] == str(post.public_id)


def test_the_same_archived_post_twice_or_an_unknown_id_is_refused_naming_the_field(api):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    post = _archived_post()
    client = api("infosec")
    client.post(f"{BASE}/{rr.pk}/posts", {"archived_post": str(post.public_id)}, format="json")
    before = _state(rr)

    again = client.post(
        f"{BASE}/{rr.pk}/posts", {"archived_post": str(post.public_id)}, format="json"
    )
    unknown = client.post(
        f"{BASE}/{rr.pk}/posts",
        {"archived_post": "3f1c0a3e-0000-4000-8000-000000000000"},
        format="json",
    )
    not_a_uuid = client.post(f"{BASE}/{rr.pk}/posts", {"archived_post": "42"}, format="json")

    assert again.status_code == 400
    assert "already linked" in again.json()["errors"]["archived_post"][0]
    assert unknown.status_code == 400
    assert list(unknown.json()["errors"]) == ["archived_post"]
    assert not_a_uuid.status_code == 400
    assert _state(rr) == before


def test_a_task_is_recorded_from_the_platforms_confirmation_and_shows_the_removal(api):
    from bluelamp.data_requests.tests.factories import RemovalTaskFactory
    from bluelamp.publishing.models import Removal

    post = _archived_post()
    task = RemovalTaskFactory(
        decision__request__status=RequestStatus.ACTIONING,
        decision__archived_post=post,
        decision__outcome=Outcome.REMOVE,
    )
    rr = task.decision.request
    url = f"{BASE}/{rr.pk}/tasks/{task.pk}/completion"
    client = api("infosec")
    before = _state(rr)

    refused = client.post(url, {"from_platform": True}, format="json")
    both = client.post(url, {"from_platform": True, "evidence": "Gone"}, format="json")

    assert refused.status_code == 400
    assert "no confirmed removal" in refused.json()["message"]
    assert both.status_code == 400
    assert list(both.json()["errors"]) == ["from_platform"]
    assert _state(rr) == before
    removal = Removal.objects.create(
        post=post,
        requested_by=post.account.owner,
        reason=rr.reference,
        outcome="deleted",
        platform_response={"data": {"deleted": True}},
        at=dt.datetime(2026, 3, 1, 14, 5, tzinfo=dt.UTC),
    )

    done = client.post(url, {"from_platform": True}, format="json")

    assert done.status_code == 200, done.json()
    (linked,) = done.json()["posts"]
    assert linked["archived_post"]["confirmed_removal"]["id"] == removal.pk
    assert linked["task"]["done"] is True
    assert linked["task"]["platform_removal"]["removal_outcome"] == "deleted"
    assert linked["task"]["carried_out_at"] == "2026-03-01T14:05:00Z"
    assert '{"data":{"deleted":true}}' in linked["task"]["evidence"]

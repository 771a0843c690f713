"""Four eyes that stay four: an approver who changes a post's words cannot publish them alone.

The change is a new version that goes back to the author, who is told what changed (in the
e-mail and on the post page) and accepts or rejects it; another approver, who did not make the
change, may approve it instead. The approval names the version it approved, and publishing (the
worker's claim and delivery, and "publish now") refuses any other. Tried through the services,
the pages and the API, against the fake X server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import selectors
from bluelamp.publishing.errors import VersionNotApprovedError
from bluelamp.publishing.fakeplatforms import FakeX
from bluelamp.publishing.models import Post, PostVersion
from bluelamp.publishing.services import approvals, compose, connections, delivery
from bluelamp.publishing.tests.people import newsroom

pytestmark = pytest.mark.django_db

CLEAN = "Join us at the Handsworth community event on Saturday from 10am."
CHANGED = "Join us all at the Handsworth community fair on Sunday from 10am."
MANAGERS_OWN = "Everyone is welcome at the Handsworth event."


@pytest.fixture
def room():
    return newsroom()


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


def sent(room, text: str = CLEAN, **kwargs) -> Post:
    """A post the author wrote and sent to their line manager for a second opinion."""
    post = compose.post_create(actor=room.author, account=room.team, text=text, second_opinion=True)
    return compose.post_submit(post=post, actor=room.author, **kwargs)


def changed(room, by=None) -> Post:
    return approvals.approval_edit(post=sent(room), actor=by or room.manager, text=CHANGED)


def tweets(fake: FakeX) -> list[str]:
    return [p["text"] for p in fake.posts.values()]


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def unchanged(post: Post) -> tuple:
    post = Post.objects.get(pk=post.pk)
    return post.state, post.text, post.version, post.approved_version


# ------------------------------------------------------------------------------- services


def test_sending_on_makes_version_one_and_approval_pins_it(room, connected):
    post = sent(room)
    assert (post.version, post.approved_version) == (1, None)
    version = post.versions.get()
    assert (version.text, version.source, version.made_by) == (CLEAN, "sent", room.author)
    post = approvals.approval_approve(post=post, actor=room.manager)
    assert (post.state, post.approved_version) == (flow.READY, 1)
    assert post.approvals.get(decision="approved").version == 1
    post = delivery.post_publish(post=post, actor=room.author)
    assert post.state == flow.PUBLISHED and tweets(connected) == [CLEAN]


def test_an_approvers_edit_cannot_be_approved_by_them_or_published_before_the_author_accepts(
    room, connected
):
    post = changed(room)
    assert (post.state, post.text, post.version) == (flow.AWAITING_AUTHOR, CHANGED, 2)
    assert post.versions.get(number=2).source == "approver"
    assert events("post.edited_by_approver") == 1
    before = unchanged(post), AuditEvent.objects.count()

    with pytest.raises(PermissionDeniedError, match="author must accept"):
        approvals.approval_approve(post=post, actor=room.manager)
    with pytest.raises(InvalidTransitionError):
        delivery.post_publish(post=post, actor=room.author)
    assert (unchanged(post), AuditEvent.objects.count()) == before
    assert tweets(connected) == []

    post = approvals.post_change_accept(post=post, actor=room.author)
    assert post.state == flow.AWAITING_APPROVAL
    assert post.versions.get(number=2).accepted_by == room.author
    post = approvals.approval_approve(post=post, actor=room.manager)
    assert (post.state, post.approved_version) == (flow.READY, 2)
    post = delivery.post_publish(post=post, actor=room.author)
    assert post.state == flow.PUBLISHED and tweets(connected) == [CHANGED]
    assert events("post.change_accepted") == 1


def test_another_approver_who_did_not_make_the_change_may_approve_it(room, connected):
    post = changed(room)
    post = approvals.approval_approve(post=post, actor=room.ccd, note="Fine as changed")
    assert (post.state, post.approved_version) == (flow.READY, 2)
    approval = post.approvals.get(decision="approved")
    assert (approval.approver, approval.version) == (room.ccd, 2)
    post = delivery.post_publish(post=post, actor=room.author)
    assert tweets(connected) == [CHANGED]


def test_the_change_waits_in_other_approvers_lists_not_in_its_makers(room):
    post = changed(room)
    assert post not in selectors.approval_queue(user=room.manager)
    assert post in selectors.approval_queue(user=room.ccd)


def test_the_author_rejects_the_change_and_has_their_own_words_back(
    room, django_capture_on_commit_callbacks
):
    post = changed(room)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post = approvals.post_change_reject(
            post=post, actor=room.author, reason="Saturday is right"
        )
    assert (post.state, post.text, post.approver_needed) == (flow.DRAFT, CLEAN, "")
    assert events("post.change_rejected") == 1
    assert [m.to for m in mail.outbox] == [[room.manager.email]]
    assert "Saturday is right" in mail.outbox[0].body
    post = compose.post_submit(post=post, actor=room.author)
    assert post.state == flow.AWAITING_APPROVAL
    assert post.version == 3 and post.versions.get(number=3).text == CLEAN
    approvals.approval_approve(post=post, actor=room.manager)


def test_the_change_is_answered_by_the_author_alone(room):
    post = changed(room, by=room.ccd)
    before = unchanged(post), AuditEvent.objects.count()
    for who in (room.ccd, room.ccd2, room.manager, room.colleague):
        with pytest.raises(PermissionDeniedError):
            approvals.post_change_accept(post=post, actor=who)
        with pytest.raises(PermissionDeniedError):
            approvals.post_change_reject(post=post, actor=who)
    assert (unchanged(post), AuditEvent.objects.count()) == before


def test_the_maker_who_revises_and_sends_on_their_own_change_still_cannot_approve_it(room):
    """CCD may take an author's steps; that is no way round the author's agreement."""
    post = changed(room, by=room.ccd)
    post = compose.post_revise(post=post, actor=room.ccd)
    post = compose.post_submit(post=post, actor=room.ccd)
    assert post.state == flow.AWAITING_APPROVAL
    with pytest.raises(PermissionDeniedError):
        approvals.approval_approve(post=post, actor=room.ccd)
    post = approvals.approval_approve(post=post, actor=room.ccd2)
    assert post.state == flow.READY


def test_the_author_sending_on_the_changed_words_accepts_them(room):
    post = changed(room)
    post = compose.post_revise(post=post, actor=room.author)
    post = compose.post_submit(post=post, actor=room.author)
    assert post.version == 2 and post.versions.get(number=2).accepted_by == room.author
    post = approvals.approval_approve(post=post, actor=room.manager)
    assert post.approved_version == 2


def test_a_change_after_approval_is_not_published_now_or_by_the_worker(room, connected):
    post = approvals.approval_approve(post=sent(room), actor=room.manager)
    # A change that did not go through the services (or a version mixed up): never sent.
    Post.objects.filter(pk=post.pk).update(text=MANAGERS_OWN)
    with pytest.raises(VersionNotApprovedError, match="not those of version 1") as refused:
        delivery.post_publish(post=post, actor=room.author)
    assert refused.value.code == "post_version_not_approved"
    assert Post.objects.get(pk=post.pk).state == flow.READY

    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    Post.objects.filter(pk=post.pk).update(state=flow.SCHEDULED, scheduled_for=later)
    assert delivery.run_once(clock=lambda: later + dt.timedelta(minutes=1)) == 0
    post = Post.objects.get(pk=post.pk)
    assert post.state == flow.HELD and "version 1" in post.held_reason
    assert tweets(connected) == []


def test_a_new_version_needs_its_own_approval(room, connected):
    post = approvals.approval_approve(post=sent(room), actor=room.manager)
    PostVersion.objects.create(
        post=post,
        number=2,
        text=MANAGERS_OWN,
        source="approver",
        made_by=room.manager,
        made_at=post.updated_at,
    )
    Post.objects.filter(pk=post.pk).update(text=MANAGERS_OWN, version=2)
    with pytest.raises(VersionNotApprovedError, match="Version 1 of this post was approved"):
        delivery.post_publish(post=post, actor=room.author)
    assert tweets(connected) == []


def test_taking_an_approved_post_back_to_draft_undoes_the_approval(room):
    post = approvals.approval_approve(post=sent(room), actor=room.manager)
    post = compose.post_revise(post=post, actor=room.author)
    assert post.approved_version is None
    post = compose.post_update(post=post, actor=room.author, text=MANAGERS_OWN)
    post = compose.post_submit(post=post, actor=room.author)
    assert (post.state, post.version, post.approved_version) == (flow.AWAITING_APPROVAL, 2, None)


def test_delivery_refuses_words_changed_after_the_claim(room, connected):
    post = approvals.approval_approve(post=sent(room), actor=room.manager)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    Post.objects.filter(pk=post.pk).update(state=flow.SCHEDULED, scheduled_for=later)
    [(post_id, resume)] = delivery.claim_due(later)
    Post.objects.filter(pk=post_id).update(text=MANAGERS_OWN)
    post = delivery.post_deliver(post_id=post_id, resume=resume, clock=lambda: later)
    assert post.state == flow.FAILED and "version 1" in post.last_error
    assert events("post.publish_refused") == 1
    assert tweets(connected) == []


def test_the_author_is_told_what_changed_word_by_word(room, django_capture_on_commit_callbacks):
    post = sent(room)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approvals.approval_edit(post=post, actor=room.manager, text=CHANGED)
    [message] = mail.outbox
    assert message.to == [room.author.email]
    assert "do you accept it" in message.subject
    assert "Join us{+ all+} at the Handsworth community [-event-]{+fair+} on " in message.body
    assert "[-Saturday-]{+Sunday+}" in message.body


# ---------------------------------------------------------------------------------- pages


def page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, post: Post) -> str:
    return reverse(f"publishing:{name}", args=[post.public_id])


def test_pages_the_manager_edits_cannot_approve_the_author_accepts_then_it_publishes(
    room, connected
):
    post = sent(room)
    manager, author = page_client(room.manager), page_client(room.author)
    response = manager.post(url("post_approve", post), {"action": "edit", "edit-text": CHANGED})
    assert response.status_code == 302
    page = manager.get(url("post_approve", post)).content.decode()
    assert "data-approve-refused" in page and "author must accept" in page

    before = unchanged(post), AuditEvent.objects.count()
    assert manager.post(url("post_approve", post), {"action": "approve"}).status_code == 403
    assert author.post(url("post_publish", post)).status_code == 409
    assert (unchanged(post), AuditEvent.objects.count()) == before

    page = author.get(url("post_detail", post)).content.decode()
    assert "Accept the change" in page and "Reject the change" in page
    assert "<ins data-diff-insert>" in page and "Sunday" in page
    assert "<del data-diff-delete>" in page and "Saturday" in page

    assert author.post(url("post_accept_change", post)).status_code == 302
    assert Post.objects.get(pk=post.pk).state == flow.AWAITING_APPROVAL
    assert manager.post(url("post_approve", post), {"action": "approve"}).status_code == 302
    assert author.post(url("post_publish", post)).status_code == 302
    assert Post.objects.get(pk=post.pk).state == flow.PUBLISHED
    assert tweets(connected) == [CHANGED]


def test_pages_the_author_rejects_the_change(room):
    post = changed(room)
    response = page_client(room.author).post(
        url("post_reject_change", post), {"reject-reason": "Saturday is right"}
    )
    assert response.status_code == 302
    assert unchanged(post)[:2] == (flow.DRAFT, CLEAN)


@pytest.mark.parametrize(
    "who,status",
    [
        ("manager", 403),  # made the change
        ("ccd", 403),  # not on the author's behalf
        ("colleague", 403),  # on the roster: reads the post, may not answer for the author
        ("outsider", 404),  # may not read it
        ("psd", 403),
        ("auditor", 403),
    ],
)
def test_pages_only_the_author_answers_a_change(room, who, status):
    post = changed(room)
    client = page_client(getattr(room, who))
    before = unchanged(post), AuditEvent.objects.count()
    assert client.post(url("post_accept_change", post)).status_code == status
    assert client.post(url("post_reject_change", post), {"reject-reason": "x"}).status_code == (
        status
    )
    assert (unchanged(post), AuditEvent.objects.count()) == before


# ------------------------------------------------------------------------------------ API


@pytest.fixture
def api(room, token_for):
    def client(name: str) -> APIClient:
        made = APIClient()
        made.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(getattr(room, name))}")
        return made

    return client


def step(client, post: Post, action: str, **body):
    return client.post(f"/api/v1/posts/{post.public_id}/{action}", body, format="json")


def test_api_the_approvers_patch_waits_for_the_author_and_the_approval_pins_it(
    room, api, connected
):
    manager, author, ccd = api("manager"), api("author"), api("ccd")
    post = sent(room)
    patched = manager.patch(f"/api/v1/posts/{post.public_id}", {"text": CHANGED}, format="json")
    assert patched.status_code == 200
    body = patched.json()
    assert (body["state"], body["version"], body["approved_version"]) == (
        "awaiting_author",
        2,
        None,
    )
    assert "approve" not in body["available_actions"]

    before = unchanged(post), AuditEvent.objects.count()
    refused = step(manager, post, "approve")
    assert refused.status_code == 403 and "author must accept" in refused.json()["message"]
    assert step(author, post, "publish").status_code == 409
    assert step(ccd, post, "accept_change").status_code == 403
    assert (unchanged(post), AuditEvent.objects.count()) == before

    read = author.get(f"/api/v1/posts/{post.public_id}").json()
    assert {"accept_change", "reject_change"} <= set(read["available_actions"])
    versions = read["versions"]
    assert [(v["number"], v["origin"], v["made_by"]) for v in versions] == [
        (1, "sent", "author"),
        (2, "approver", "manager"),
    ]
    assert {"op": "delete", "text": "Saturday"} in versions[1]["changes"]
    assert {"op": "insert", "text": "Sunday"} in versions[1]["changes"]

    assert step(author, post, "accept_change").json()["state"] == "awaiting_approval"
    body = step(manager, post, "approve").json()
    assert (body["state"], body["approved_version"]) == ("ready", 2)
    assert body["approvals"][-1]["version"] == 2
    assert step(author, post, "publish").json()["state"] == "published"
    assert tweets(connected) == [CHANGED]


def test_api_a_changed_version_is_refused_with_its_own_code(room, api, connected):
    post = approvals.approval_approve(post=sent(room), actor=room.manager)
    Post.objects.filter(pk=post.pk).update(text=MANAGERS_OWN)
    refused = step(api("author"), post, "publish")
    assert refused.status_code == 409
    assert refused.json()["code"] == "post_version_not_approved"
    assert tweets(connected) == []


def test_api_the_author_rejects_the_change(room, api):
    post = changed(room)
    body = step(api("author"), post, "reject_change", reason="Saturday is right").json()
    assert (body["state"], body["text"]) == ("draft", CLEAN)


@pytest.mark.parametrize(
    "who,status",
    [("manager", 403), ("ccd", 403), ("colleague", 403), ("outsider", 404), ("psd", 403)],
)
def test_api_only_the_author_answers_a_change(room, api, who, status):
    post = changed(room)
    client = api(who)  # its token is made (and audited) first
    before = unchanged(post), AuditEvent.objects.count()
    assert step(client, post, "accept_change").status_code == status
    assert step(client, post, "reject_change").status_code == status
    assert (unchanged(post), AuditEvent.objects.count()) == before

"""Posts through a major incident (CC/01 4.16): one story, told the same way everywhere.

During the incident an ordinary post needs Corporate Communications' approval (``review``), never
a "block" that can still be sent on, and CCD's queue says the same; the verdicts are worked out
again when the incident is declared and when it ends; a held post is never offered "Publish now"
while the incident holds it; afterwards CCD releases, reschedules or withdraws held posts, one
by one or many at once (page and API), each audited, and every author is told."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.core.models import Notification
from bluelamp.engine.workflows import posts as flow
from bluelamp.incidents import services as incidents
from bluelamp.publishing import selectors
from bluelamp.publishing.actions import POST_ACTIONS
from bluelamp.publishing.models import Post
from bluelamp.publishing.services import approvals, compose, crisis
from bluelamp.publishing.tests.people import newsroom

CLEAN = "Join us at the Handsworth community event on Saturday from 10am."
HOUR = dt.timedelta(hours=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(db):
    return newsroom()


@pytest.fixture
def now():
    """The real clock's time: the pages and ``incident_holds_it`` read it."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def draft(room, now, text=CLEAN, **kwargs) -> Post:
    return compose.post_create(
        actor=kwargs.pop("actor", room.author), account=room.team, text=text, now=now, **kwargs
    )


def scheduled(room, now, when) -> Post:
    return compose.post_submit(
        post=draft(room, now), actor=room.author, scheduled_for=when, now=now
    )


def declare(room, now):
    return incidents.major_incident_declare(
        actor=room.ccd, title="Tyseley fire", reason="Gold command", now=now
    )


def end(room, period, now):
    return incidents.major_incident_end(actor=room.ccd, period=period, reason="Stood down", now=now)


# ------------------------------------------------------------- review for CCD, never block


def test_during_an_incident_an_ordinary_post_is_review_for_ccd_not_block(room, now):
    declare(room, now - HOUR)
    post = draft(room, now)
    assert post.verdict == "review"
    [finding] = [f for f in post.findings if f["rule"] == "major-incident"]
    assert finding["severity"] == "review"
    post = compose.post_submit(post=post, actor=room.author, now=now)
    assert post.approver_needed == flow.CCD
    [queued] = selectors.approval_queue(user=room.ccd)
    assert queued.pk == post.pk and queued.verdict == "review"


def test_the_ccd_queue_page_says_review_not_block(room, now, client):
    declare(room, now - HOUR)
    compose.post_submit(post=draft(room, now), actor=room.author, now=now)
    client.force_login(room.ccd)
    html = client.get("/posts/approvals/").content.decode()
    assert "Review" in html and "Block" not in html


# ----------------------------------------------------------- findings follow the incident


def test_declaring_an_incident_rechecks_posts_on_their_way_and_reroutes_to_ccd(room, now):
    waiting = compose.post_submit(
        post=draft(room, now - 2 * HOUR, second_opinion=True), actor=room.author, now=now - 2 * HOUR
    )
    assert waiting.approver_needed == flow.MANAGER and waiting.verdict == "pass"
    mail.outbox.clear()
    declare(room, now - HOUR)
    waiting.refresh_from_db()
    assert waiting.verdict == "review"
    assert waiting.approver_needed == flow.CCD
    assert AuditEvent.objects.filter(action="post.rechecked", target_id=str(waiting.pk)).exists()


def test_ending_an_incident_clears_the_stale_finding_before_anyone_approves(room, now):
    period = declare(room, now - 2 * HOUR)
    post = compose.post_submit(post=draft(room, now - 2 * HOUR), actor=room.author, now=now - HOUR)
    assert post.verdict == "review"
    end(room, period, now - HOUR / 2)
    post.refresh_from_db()
    assert post.verdict == "pass"
    assert not [f for f in post.findings if f["rule"] == "major-incident"]
    post = approvals.approval_approve(post=post, actor=room.ccd2, now=now)
    assert post.state == flow.READY


def test_a_new_incident_needs_ccds_authority_afresh(room, now):
    first = declare(room, now - 3 * HOUR)
    post = compose.post_submit(
        post=draft(room, now - 3 * HOUR), actor=room.author, now=now - 3 * HOUR
    )
    post = approvals.approval_approve(post=post, actor=room.ccd2, now=now - 3 * HOUR)
    assert "major-incident" in post.authorisations
    end(room, first, now - 2 * HOUR)
    declare(room, now - HOUR)
    post.refresh_from_db()
    assert "major-incident" not in post.authorisations
    assert post.state == flow.HELD and post.verdict == "review"


# --------------------------------------------------------- held: no "Publish now", no "Pass"


def test_a_held_post_is_not_offered_publish_or_schedule_while_the_incident_holds_it(
    room, now, client
):
    post = scheduled(room, now - 2 * HOUR, now + 2 * HOUR)
    declare(room, now - HOUR)
    post.refresh_from_db()
    assert post.state == flow.HELD
    assert post.verdict == "review"
    available = POST_ACTIONS.available(post, room.author)
    assert "publish" not in available and "schedule" not in available
    assert "release" not in POST_ACTIONS.available(post, room.ccd)
    client.force_login(room.author)
    html = client.get(f"/posts/{post.public_id}/").content.decode()
    assert "Publish it now" not in html and "Publish now" not in html
    assert "Corporate Communications releases held posts when it ends" in html
    answer = client.post(f"/posts/{post.public_id}/publish/")
    assert answer.status_code == 409
    body = answer.content.decode()
    assert "Since this post was approved" not in body
    assert "major incident" in body


def test_the_author_is_told_when_their_post_is_held(room, now, django_capture_on_commit_callbacks):
    post = scheduled(room, now - 2 * HOUR, now + 2 * HOUR)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        declare(room, now - HOUR)
    held = [m for m in mail.outbox if room.author.email in m.to]
    assert held and "was held" in held[0].subject
    assert Notification.objects.filter(user=room.author, subject__contains="was held").exists()
    assert str(post.public_id) in Notification.objects.get(user=room.author).url


# ------------------------------------------------------------------------ after the incident


def held_posts(room, now, count=3):
    posts = [scheduled(room, now - 3 * HOUR, now + (i + 2) * HOUR) for i in range(count)]
    period = declare(room, now - 2 * HOUR)
    return posts, period


def test_ccd_releases_one_held_post_after_the_incident(room, now):
    (post, *_), period = held_posts(room, now, 1)
    with pytest.raises(InvalidTransitionError, match="still declared"):
        crisis.post_release(post=post, actor=room.ccd, now=now - HOUR)
    end(room, period, now - HOUR)
    post.refresh_from_db()
    assert "release" in POST_ACTIONS.available(post, room.ccd)
    assert "release" not in POST_ACTIONS.available(post, room.author)
    with pytest.raises(PermissionDeniedError):
        POST_ACTIONS.perform("release", post, actor=room.author)
    post = POST_ACTIONS.perform("release", post, actor=room.ccd)
    assert post.state == flow.SCHEDULED and post.held_reason == ""
    assert AuditEvent.objects.filter(action="post.released", target_id=str(post.pk)).count() == 1
    assert Notification.objects.filter(user=room.author, subject__contains="released").exists()


def test_ccd_releases_held_posts_in_bulk_each_audited_and_each_author_told(room, now):
    posts, period = held_posts(room, now, 3)
    end(room, period, now - HOUR)
    outcomes = crisis.held_posts_decide(actor=room.ccd, posts=posts, decision="release", now=now)
    assert [o.done for o in outcomes] == [True, True, True]
    assert {Post.objects.get(pk=p.pk).state for p in posts} == {flow.SCHEDULED}
    assert AuditEvent.objects.filter(action="post.released").count() == 3
    assert Notification.objects.filter(user=room.author, subject__contains="released").count() == 3


def test_ccd_reschedules_and_withdraws_held_posts_in_bulk(room, now):
    posts, period = held_posts(room, now, 3)
    end(room, period, now - HOUR)
    when = now + 10 * HOUR
    outcomes = crisis.held_posts_decide(
        actor=room.ccd, posts=posts[:2], decision="reschedule", when=when, now=now
    )
    assert all(o.done for o in outcomes)
    assert {Post.objects.get(pk=p.pk).scheduled_for for p in posts[:2]} == {when}
    crisis.held_posts_decide(
        actor=room.ccd, posts=posts[2:], decision="withdraw", reason="Out of date", now=now
    )
    assert Post.objects.get(pk=posts[2].pk).state == flow.WITHDRAWN
    subjects = list(Notification.objects.filter(user=room.author).values_list("subject", flat=True))
    assert sum("rescheduled" in s for s in subjects) == 2
    assert sum("withdrawn" in s for s in subjects) == 1


def test_bulk_release_during_the_incident_leaves_every_post_held(room, now):
    posts, _period = held_posts(room, now, 2)
    outcomes = crisis.held_posts_decide(actor=room.ccd, posts=posts, decision="release", now=now)
    assert not any(o.done for o in outcomes)
    assert {Post.objects.get(pk=p.pk).state for p in posts} == {flow.HELD}
    assert not AuditEvent.objects.filter(action="post.released").exists()


@pytest.mark.parametrize("who", ["author", "manager", "colleague", "psd", "auditor", "outsider"])
def test_only_ccd_may_decide_on_held_posts(room, now, who):
    posts, period = held_posts(room, now, 1)
    end(room, period, now - HOUR)
    with pytest.raises(PermissionDeniedError):
        crisis.held_posts_decide(actor=getattr(room, who), posts=posts, decision="release", now=now)
    assert Post.objects.get(pk=posts[0].pk).state == flow.HELD


def test_the_held_posts_page_releases_those_ticked(room, now, client):
    posts, period = held_posts(room, now, 2)
    end(room, period, now - HOUR)
    client.force_login(room.ccd)
    page = client.get("/posts/held/")
    assert page.status_code == 200
    assert str(posts[0].public_id) in page.content.decode()
    answer = client.post(
        "/posts/held/", {"posts": [str(posts[0].public_id)], "decision": "release"}
    )
    assert answer.status_code == 302
    assert Post.objects.get(pk=posts[0].pk).state == flow.SCHEDULED
    assert Post.objects.get(pk=posts[1].pk).state == flow.HELD


def test_the_held_posts_page_says_what_is_missing(room, now, client):
    held_posts(room, now, 1)
    client.force_login(room.ccd)
    answer = client.post("/posts/held/", {"decision": "reschedule"})
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "Select at least one held post" in body
    assert "There is a problem" in body


@pytest.mark.parametrize("who", ["author", "manager", "psd", "auditor"])
def test_the_held_posts_page_is_for_ccd_only(room, now, client, who):
    posts, period = held_posts(room, now, 1)
    end(room, period, now - HOUR)
    client.force_login(getattr(room, who))
    assert client.get("/posts/held/").status_code == 403
    answer = client.post(
        "/posts/held/", {"posts": [str(posts[0].public_id)], "decision": "release"}
    )
    assert answer.status_code == 403
    assert Post.objects.get(pk=posts[0].pk).state == flow.HELD


def test_the_api_decides_on_held_posts(room, now, client):
    posts, period = held_posts(room, now, 2)
    end(room, period, now - HOUR)
    client.force_login(room.author)
    body = {"posts": [str(p.public_id) for p in posts], "decision": "release"}
    refused = client.post("/api/v1/posts/held/decide", body, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    client.force_login(room.ccd)
    answer = client.post("/api/v1/posts/held/decide", body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    results = answer.json()["results"]
    assert [r["done"] for r in results] == [True, True]
    assert {r["state"] for r in results} == {"scheduled"}
    bad = client.post(
        "/api/v1/posts/held/decide",
        {"posts": [str(posts[0].public_id)], "decision": "explode"},
        content_type="application/json",
    )
    assert bad.status_code == 400


# ---------------------------------------------------------------- the right people, in words


def test_a_supervisors_own_post_with_a_second_opinion_goes_to_ccd_who_are_told(
    room, now, mailoutbox, django_capture_on_commit_callbacks
):
    from bluelamp.core.policy import policy_pack
    from bluelamp.social_accounts.tests.factories import AccountFactory

    account = AccountFactory(
        platform="x",
        handle="WMPSupervised",
        tier="team",
        owner=room.manager,
        supervisor=room.manager,
    )
    post = compose.post_create(
        actor=room.manager, account=account, text=CLEAN, now=now, second_opinion=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        post = compose.post_submit(post=post, actor=room.manager, now=now)
    assert post.approver_needed == flow.CCD
    assert not [m for m in mailoutbox if m.to == [room.manager.email]]
    assert [m for m in mailoutbox if m.to == [policy_pack().ccd_mailbox]]
    assert post not in selectors.approval_queue(user=room.manager)
    assert post in selectors.approval_queue(user=room.ccd)


def test_the_approvers_page_names_rules_in_words(room, now, client):
    declare(room, now - HOUR)
    post = compose.post_submit(post=draft(room, now), actor=room.author, now=now)
    client.force_login(room.ccd)
    page = client.get(f"/posts/{post.public_id}/approve/").content.decode()
    assert "Messaging locked during a major incident" in page
    assert "for: major-incident" not in page


@pytest.mark.parametrize("who", ["author", "colleague", "manager", "outsider", "psd", "auditor"])
def test_only_ccd_may_use_the_held_posts_api(room, now, client, who):
    posts, period = held_posts(room, now, 1)
    end(room, period, now - HOUR)
    client.force_login(getattr(room, who))
    for decision in ("release", "withdraw"):
        answer = client.post(
            "/api/v1/posts/held/decide",
            {"posts": [str(posts[0].public_id)], "decision": decision},
            content_type="application/json",
        )
        assert answer.status_code == 403
        release = client.post(f"/api/v1/posts/{posts[0].public_id}/release")
        assert release.status_code in (403, 404)
    assert Post.objects.get(pk=posts[0].pk).state == flow.HELD
    assert not AuditEvent.objects.filter(action__in=["post.released", "post.withdrawn"]).exists()

"""Publishing, the worker and removal, against fake platforms on 127.0.0.1 speaking each
platform's protocol: nothing is published unless the platform confirmed it, a lost answer never
doubles a post, a stopped worker loses nothing, and a token failure is told to the owner once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from PIL import Image

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, InvalidTransitionError, PermissionDeniedError
from bluelamp.engine.workflows import posts as flow
from bluelamp.incidents import services as incidents
from bluelamp.publishing import errors
from bluelamp.publishing.choices import ConnectionStatus
from bluelamp.publishing.fakeplatforms import FakeGraph, FakeX
from bluelamp.publishing.models import Post, Removal
from bluelamp.publishing.services import compose, connections, delivery
from bluelamp.publishing.tests.people import NOW, newsroom
from bluelamp.social_accounts.tests.factories import AccountFactory

CLEAN = "Join us at the Handsworth community event on Saturday from 10am."


class Clock:
    """A clock the test moves; every service call reads it."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(delivery, "SLEEP", waits.append)
    return waits


@pytest.fixture
def fake_x(settings):
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


@pytest.fixture
def fake_graph(settings):
    fake = FakeGraph().start()
    settings.BLUELAMP_GRAPH_API_BASE = f"{fake.base_url}/{fake.version}"
    settings.BLUELAMP_PUBLIC_BASE_URL = "https://bluelamp.test"
    yield fake
    fake.stop()


@pytest.fixture
def room(db):
    return newsroom()


def connect(room, account, page: str = "", token: str = "good-token"):
    return connections.connection_save(
        actor=room.ccd, account=account, token=token, platform_account_id=page, now=NOW
    )


def ready(room, account=None, text=CLEAN) -> Post:
    post = compose.post_create(actor=room.author, account=account or room.team, text=text, now=NOW)
    return compose.post_submit(post=post, actor=room.author, now=NOW)


def scheduled(room, when: dt.datetime, account=None) -> Post:
    post = compose.post_create(actor=room.author, account=account or room.team, text=CLEAN, now=NOW)
    return compose.post_submit(post=post, actor=room.author, scheduled_for=when, now=NOW)


# ------------------------------------------------------------------------------- publishing


def test_publish_now_to_x_stores_the_platforms_id_and_url(room, fake_x):
    connect(room, room.team)
    post = delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
    assert post.state == flow.PUBLISHED
    assert post.platform_post_id in fake_x.posts
    assert fake_x.posts[post.platform_post_id]["text"] == CLEAN
    assert post.platform_url.endswith(f"/status/{post.platform_post_id}")
    assert post.published_at == NOW
    room.team.refresh_from_db()
    assert room.team.last_post_at == NOW
    assert AuditEvent.objects.filter(action="post.published").count() == 1


def test_publish_to_a_facebook_page(room, fake_graph):
    connect(room, room.npu, page=fake_graph.page_id)
    post = delivery.post_publish(post=ready(room, room.npu), actor=room.author, clock=Clock(NOW))
    assert post.state == flow.PUBLISHED
    assert post.platform_post_id in fake_graph.posts


def test_publish_to_instagram_with_its_image(room, fake_graph):
    insta = AccountFactory(platform="instagram", handle="wmp_insta_test", owner=room.author)
    connect(room, insta, page=fake_graph.ig_user_id)
    post = compose.post_create(actor=room.author, account=insta, text=CLEAN, now=NOW)
    buffer = io.BytesIO()
    Image.effect_noise((80, 80), 40).convert("RGB").save(buffer, "JPEG")
    image = compose.post_image_add(
        post=post, actor=room.author, data=buffer.getvalue(), alt_text="A van", force_owns=True
    )
    post = compose.post_submit(post=post, actor=room.author, now=NOW)
    post = delivery.post_publish(post=post, actor=room.author, clock=Clock(NOW))
    assert post.state == flow.PUBLISHED
    assert post.platform_post_id in fake_graph.ig_media
    sent = fake_graph.calls("POST", rf"/{fake_graph.version}/{fake_graph.ig_user_id}/media")
    assert sent[0].param("image_url") == f"https://bluelamp.test/media/{image.public_id}"


def test_a_dropped_answer_never_creates_two_posts(room, fake_x):
    connect(room, room.team)
    fake_x.fault("POST", "/2/tweets", "drop")
    post = delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
    assert post.state == flow.PUBLISHED
    assert len(fake_x.posts) == 1
    assert post.platform_post_id in fake_x.posts


def test_a_refused_post_is_failed_with_the_platforms_words_and_not_published(room, fake_x):
    connect(room, room.team)
    fake_x.fault(
        "POST",
        "/2/tweets",
        "reply",
        status=403,
        body={"detail": "You are not permitted to create a Tweet.", "status": 403},
    )
    with pytest.raises(errors.PublishFailedError, match="not permitted"):
        delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
    post = Post.objects.get()
    assert post.state == flow.FAILED
    assert post.platform_post_id == ""
    assert fake_x.posts == {}


def test_a_token_failure_is_told_to_the_owner_once(
    room, fake_x, django_capture_on_commit_callbacks
):
    connect(room, room.team, token="expired-token")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(errors.PublishFailedError):
            delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
        with pytest.raises(errors.PublishFailedError):
            delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
    notices = [m for m in mail.outbox if "stopped working" in m.subject]
    assert len(notices) == 1
    assert notices[0].to == [room.author.email]
    assert "refused its access token" in notices[0].body
    assert all("expired-token" not in m.body for m in mail.outbox)
    # the author is told of each post that was not published
    assert len([m for m in mail.outbox if "not published" in m.subject]) == 2
    connection = room.team.connection
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.FAILED
    # a new token resets the notice: its own failure is told again
    connect(room, room.team, token="another-bad-token")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(errors.PublishFailedError),
    ):
        delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
    assert len([m for m in mail.outbox if "stopped working" in m.subject]) == 2


def test_the_token_is_encrypted_at_rest_and_never_in_the_audit_trail(room):
    connection = connect(room, room.team, token="s3cret-token-value")
    assert "s3cret" not in connection.token_encrypted
    assert connections.token_of(connection) == "s3cret-token-value"
    assert not AuditEvent.objects.filter(after__icontains="s3cret").exists()


def test_only_ccd_or_the_owner_connect_an_account(room):
    with pytest.raises(PermissionDeniedError):
        connections.connection_save(actor=room.colleague, account=room.team, token="x", now=NOW)
    with pytest.raises(InvalidInputError, match="numeric id"):
        connections.connection_save(actor=room.ccd, account=room.npu, token="t", now=NOW)


def test_a_rate_limit_fails_the_attempt_and_schedules_another(room, fake_x):
    connect(room, room.team)
    fake_x.fault("POST", "/2/tweets", "rate_limit", times=5, wait=600)
    fake_x.clock = lambda: NOW.timestamp()
    with pytest.raises(errors.PublishFailedError):
        delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
    post = Post.objects.get()
    assert post.state == flow.SCHEDULED
    assert post.scheduled_for >= NOW + dt.timedelta(minutes=5)
    assert fake_x.posts == {}


# ----------------------------------------------------------------------------------- worker


def test_the_worker_publishes_what_is_due_and_leaves_the_rest(room, fake_x):
    connect(room, room.team)
    due = scheduled(room, NOW + dt.timedelta(minutes=10))
    later = scheduled(room, NOW + dt.timedelta(hours=5))
    clock = Clock(NOW + dt.timedelta(minutes=11))
    assert delivery.run_once(clock=clock) == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.state == flow.PUBLISHED
    assert later.state == flow.SCHEDULED
    assert delivery.run_once(clock=clock) == 0  # nothing twice
    assert len(fake_x.posts) == 1


def test_a_worker_that_stopped_mid_call_is_resumed_without_a_second_post(room, fake_x):
    connect(room, room.team)
    post = scheduled(room, NOW + dt.timedelta(minutes=10))
    at = NOW + dt.timedelta(minutes=11)
    claimed = delivery.claim_due(at)
    assert claimed == [(post.pk, False)]
    # the request reached the platform, then the process stopped before recording anything
    from bluelamp.publishing.connectors import XConnector

    XConnector(api_base=fake_x.base_url).publish(delivery.outgoing(post), "good-token")
    assert len(fake_x.posts) == 1
    post.refresh_from_db()
    assert post.state == flow.PUBLISHING
    # another worker, before the lease runs out, leaves it alone
    assert delivery.run_once(clock=Clock(at + dt.timedelta(minutes=1))) == 0
    # after the lease, it looks on the platform first and finds the post
    assert delivery.run_once(clock=Clock(at + delivery.CLAIM_LEASE + dt.timedelta(seconds=1))) == 1
    post.refresh_from_db()
    assert post.state == flow.PUBLISHED
    assert len(fake_x.posts) == 1
    assert post.platform_post_id in fake_x.posts


def test_a_major_incident_holds_scheduled_posts_and_the_worker_publishes_none(room, fake_x):
    connect(room, room.team)
    post = scheduled(room, NOW + dt.timedelta(minutes=10))
    period = incidents.major_incident_declare(
        actor=room.ccd, title="Explosion", reason="Gold command", now=NOW + dt.timedelta(minutes=1)
    )
    post.refresh_from_db()
    assert post.state == flow.HELD
    assert "major incident" in post.held_reason
    assert delivery.run_once(clock=Clock(NOW + dt.timedelta(minutes=20))) == 0
    assert fake_x.posts == {}
    # ending it releases nothing by itself: a person chooses
    incidents.major_incident_end(
        actor=room.ccd, period=period, reason="Stood down", now=NOW + dt.timedelta(minutes=30)
    )
    post.refresh_from_db()
    assert post.state == flow.HELD


def test_a_post_that_now_needs_approval_is_held_at_its_time(room, fake_x):
    connect(room, room.team)
    post = scheduled(room, NOW + dt.timedelta(hours=2))
    incidents.election_period_set(
        actor=room.ccd,
        title="PCC election",
        reason="Pre-election period",
        starts_at=NOW + dt.timedelta(hours=1),
        ends_at=NOW + dt.timedelta(days=20),
        now=NOW,
    )
    compose.post_revise(post=post, actor=room.author, now=NOW)
    post = compose.post_update(
        post=post,
        actor=room.author,
        text="The Police and Crime Commissioner Simon Foster will join us on Saturday.",
        now=NOW,
    )
    post = compose.post_submit(
        post=post, actor=room.author, scheduled_for=NOW + dt.timedelta(hours=2), now=NOW
    )
    assert post.state == flow.SCHEDULED  # no election yet when it was submitted
    delivery.run_once(clock=Clock(NOW + dt.timedelta(hours=2, minutes=1)))
    post.refresh_from_db()
    assert post.state == flow.HELD
    assert fake_x.posts == {}


# ---------------------------------------------------------------------------------- removal


def test_removing_a_post_deletes_it_on_the_platform_and_records_the_outcome(room, fake_x):
    connect(room, room.team)
    post = delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
    with pytest.raises(InvalidInputError, match="why"):
        delivery.post_remove(post=post, actor=room.author, reason="", clock=Clock(NOW))
    with pytest.raises(PermissionDeniedError):
        delivery.post_remove(post=post, actor=room.outsider, reason="x", clock=Clock(NOW))
    removal = delivery.post_remove(
        post=post, actor=room.ccd, reason="Removal request 12", clock=Clock(NOW)
    )
    assert removal.outcome == "deleted"
    post.refresh_from_db()
    assert post.state == flow.REMOVED
    assert fake_x.posts == {}
    assert AuditEvent.objects.filter(action="post.removed").count() == 1
    with pytest.raises(InvalidTransitionError):
        delivery.post_remove(post=post, actor=room.ccd, reason="again", clock=Clock(NOW))


def test_a_failed_removal_keeps_the_post_published_and_says_why(room, fake_x):
    connect(room, room.team)
    post = delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
    fake_x.fault("DELETE", r"/2/tweets/\d+", "token", times=5)
    removal = delivery.post_remove(post=post, actor=room.ccd, reason="Request 13", clock=Clock(NOW))
    assert removal.outcome == "failed"
    post.refresh_from_db()
    assert post.state == flow.PUBLISHED
    assert len(fake_x.posts) == 1


def test_instagram_removal_is_done_by_hand_and_recorded(room, fake_graph):
    insta = AccountFactory(platform="instagram", handle="wmp_insta_rm", owner=room.author)
    connect(room, insta, page=fake_graph.ig_user_id)
    post = compose.post_create(actor=room.author, account=insta, text=CLEAN, now=NOW)
    buffer = io.BytesIO()
    Image.effect_noise((80, 80), 40).convert("RGB").save(buffer, "JPEG")
    compose.post_image_add(
        post=post, actor=room.author, data=buffer.getvalue(), alt_text="A van", force_owns=True
    )
    post = compose.post_submit(post=post, actor=room.author, now=NOW)
    post = delivery.post_publish(post=post, actor=room.author, clock=Clock(NOW))
    removal = delivery.post_remove(post=post, actor=room.ccd, reason="Request 14", clock=Clock(NOW))
    assert removal.outcome == "failed"
    assert removal.by_hand_needed
    assert "app" in removal.detail
    delivery.post_remove_by_hand(
        post=post,
        actor=room.ccd,
        reason="Request 14",
        detail="Deleted in the app by PC Ali",
        now=NOW,
    )
    post.refresh_from_db()
    assert post.state == flow.REMOVED
    assert list(Removal.objects.values_list("outcome", flat=True)) == ["failed", "done_by_hand"]


def test_an_instagram_container_made_before_a_stop_is_published_not_made_again(room, fake_graph):
    from bluelamp.publishing.connectors import InstagramConnector

    insta = AccountFactory(platform="instagram", handle="wmp_insta_restart", owner=room.author)
    connect(room, insta, page=fake_graph.ig_user_id)
    post = compose.post_create(actor=room.author, account=insta, text=CLEAN, now=NOW)
    buffer = io.BytesIO()
    Image.effect_noise((80, 80), 40).convert("RGB").save(buffer, "JPEG")
    compose.post_image_add(
        post=post, actor=room.author, data=buffer.getvalue(), alt_text="A van", force_owns=True
    )
    post = compose.post_submit(
        post=post, actor=room.author, scheduled_for=NOW + dt.timedelta(minutes=5), now=NOW
    )
    at = NOW + dt.timedelta(minutes=6)
    assert delivery.claim_due(at) == [(post.pk, False)]
    # The worker made the container, then stopped before publishing it
    post.refresh_from_db()
    store = delivery.ContainerStore(post)
    InstagramConnector(
        api_base=f"{fake_graph.base_url}/{fake_graph.version}",
        ig_user_id=fake_graph.ig_user_id,
        containers=store,
    ).create_container(delivery.outgoing(post), "good-token")
    post.refresh_from_db()
    assert post.platform_container_id in fake_graph.containers
    # The next worker, after the lease, publishes that container
    assert delivery.run_once(clock=Clock(at + delivery.CLAIM_LEASE + dt.timedelta(seconds=1))) == 1
    post.refresh_from_db()
    assert post.state == flow.PUBLISHED
    assert len(fake_graph.containers) == 1
    assert len(fake_graph.ig_media) == 1


def test_owners_are_told_once_when_a_token_is_about_to_expire(
    room, django_capture_on_commit_callbacks
):
    soon = connections.connection_save(
        actor=room.ccd,
        account=room.team,
        token="good-token",
        expires_at=NOW + dt.timedelta(days=3),
        now=NOW,
    )
    connections.connection_save(
        actor=room.ccd,
        account=room.npu,
        token="good-token",
        platform_account_id="123",
        expires_at=NOW + dt.timedelta(days=30),
        now=NOW,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert connections.connections_warn_expiring(now=NOW) == 1
        assert connections.connections_warn_expiring(now=NOW + dt.timedelta(days=1)) == 0
    assert [m.to for m in mail.outbox] == [[room.author.email]]
    assert "renew its access token" in mail.outbox[0].subject
    assert "good-token" not in mail.outbox[0].body
    # a new token is warned about afresh
    connections.connection_save(
        actor=room.ccd,
        account=room.team,
        token="new-token",
        expires_at=NOW + dt.timedelta(days=2),
        now=NOW,
    )
    assert connections.connections_warn_expiring(now=NOW) == 1
    soon.refresh_from_db()
    assert soon.expiry_warned_at == NOW


# ------------------------------------------------------------------------------- correction


def test_a_facebook_post_is_corrected_on_the_platform_and_the_old_words_kept(room, fake_graph):
    from bluelamp.publishing.models import Correction

    connect(room, room.npu, page=fake_graph.page_id)
    post = delivery.post_publish(post=ready(room, room.npu), actor=room.author, clock=Clock(NOW))
    new = "Join us at the Handsworth community event on Sunday from 10am."
    with pytest.raises(InvalidInputError, match="why"):
        delivery.post_correct(post=post, actor=room.author, text=new, reason="", clock=Clock(NOW))
    with pytest.raises(InvalidInputError, match="block"):
        delivery.post_correct(
            post=post,
            actor=room.author,
            text=new + " Call 07700 900123.",
            reason="x",
            clock=Clock(NOW),
        )
    with pytest.raises(PermissionDeniedError):
        delivery.post_correct(
            post=post, actor=room.outsider, text=new, reason="x", clock=Clock(NOW)
        )
    correction = delivery.post_correct(
        post=post, actor=room.author, text=new, reason="The day was wrong", clock=Clock(NOW)
    )
    assert correction.outcome == "corrected"
    assert fake_graph.posts[post.platform_post_id]["message"] == new
    post.refresh_from_db()
    assert post.text == new
    assert Correction.objects.get().old_text == CLEAN
    event = AuditEvent.objects.get(action="post.corrected")
    assert (event.before["text"], event.after["text"]) == (CLEAN, new)


def test_an_x_post_is_corrected_by_hand_and_recorded(room, fake_x):
    connect(room, room.team)
    post = delivery.post_publish(post=ready(room), actor=room.author, clock=Clock(NOW))
    new = "Join us at the Handsworth community event on Sunday from 10am."
    failed = delivery.post_correct(
        post=post, actor=room.author, text=new, reason="Wrong day", clock=Clock(NOW)
    )
    assert (failed.outcome, failed.by_hand_needed) == ("failed", True)
    # said once, in words: no "x [unsupported]:" and no sentence twice
    assert failed.detail == (
        "X (Twitter)'s API cannot change a published post: correct it in X (Twitter)'s app, "
        "then record that here."
    )
    post.refresh_from_db()
    assert post.text == CLEAN  # unchanged until someone corrects it in the app
    with pytest.raises(InvalidInputError, match="who corrected"):
        delivery.post_correct_by_hand(
            post=post, actor=room.author, text=new, reason="Wrong day", detail="", now=NOW
        )
    delivery.post_correct_by_hand(
        post=post, actor=room.author, text=new, reason="Wrong day", detail="PC Ali, X app", now=NOW
    )
    post.refresh_from_db()
    assert post.text == new

"""`bluelamp worker --once`, the public image address Instagram fetches, and the demo posts."""

from __future__ import annotations

import argparse
import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image

from bluelamp.cli import worker
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import demo
from bluelamp.publishing.fakeplatforms import FakeX
from bluelamp.publishing.models import Post
from bluelamp.publishing.services import compose, connections, delivery
from bluelamp.publishing.tests.people import newsroom

# The queue's worker loop (django-tasks-db) checks its connection between jobs.
QUEUE_LOOP = "django_tasks_db.management.commands.db_worker.close_old_connections"
CLEAN = "Join us at the Handsworth community event on Saturday from 10am."


@pytest.fixture
def fake_x(settings):
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


@pytest.fixture
def room(db):
    return newsroom()


def test_the_worker_publishes_a_due_post_in_one_pass(room, fake_x, monkeypatch, capsys):
    monkeypatch.setattr(delivery, "SLEEP", lambda seconds: None)
    # the test's database lives inside one transaction: the queue's worker must not close it
    monkeypatch.setattr(QUEUE_LOOP, lambda: None)
    now = timezone.now()
    connections.connection_save(actor=room.ccd, account=room.team, token="good-token", now=now)
    post = compose.post_create(actor=room.author, account=room.team, text=CLEAN, now=now)
    compose.post_submit(
        post=post, actor=room.author, scheduled_for=now + dt.timedelta(seconds=1), now=now
    )
    Post.objects.filter(pk=post.pk).update(scheduled_for=now - dt.timedelta(seconds=1))
    status = worker._run(argparse.Namespace(once=True, interval=1, no_digest=True))
    assert status == 0
    post.refresh_from_db()
    assert post.state == flow.PUBLISHED
    assert len(fake_x.posts) == 1
    assert "1 post(s) sent" in capsys.readouterr().out


def _published_with_image(room, now) -> tuple[Post, str]:
    post = compose.post_create(actor=room.author, account=room.team, text=CLEAN, now=now)
    buffer = io.BytesIO()
    Image.effect_noise((40, 40), 30).convert("RGB").save(buffer, "JPEG")
    image = compose.post_image_add(
        post=post, actor=room.author, data=buffer.getvalue(), alt_text="A van", force_owns=True
    )
    return post, str(image.public_id)


def test_an_image_is_public_only_while_its_post_is_published(room, client):
    now = timezone.now()
    post, image_id = _published_with_image(room, now)
    assert client.get(f"/media/{image_id}").status_code == 404  # a draft's image
    Post.objects.filter(pk=post.pk).update(state=flow.PUBLISHED)
    response = client.get(f"/media/{image_id}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response.content.startswith(b"\xff\xd8")
    Post.objects.filter(pk=post.pk).update(state=flow.REMOVED)
    assert client.get(f"/media/{image_id}").status_code == 404


def test_the_demo_loads_posts_once_and_connects_accounts(room):
    now = timezone.now()
    first = demo.load_demo(now)
    assert "accounts connected" in first
    assert room.team.connection.platform_account_id == ""
    again = demo.load_demo(now)
    assert "0 accounts connected" in again


def test_the_worker_sends_the_removal_request_digest_once_a_day(db, monkeypatch):
    from bluelamp.data_requests.models import DigestRun

    monkeypatch.setattr(QUEUE_LOOP, lambda: None)
    args = argparse.Namespace(once=True, interval=1, no_digest=False)
    assert worker._run(args) == 0
    assert worker._run(args) == 0  # a second pass the same day sends nothing more
    assert DigestRun.objects.count() == 1

"""Fixtures for monthly reviews: the publishing tests' newsroom (the author owns the team
account), one person in each role, a fake X on 127.0.0.1, and posts as the archive holds them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bluelamp.core.roles import Role
from bluelamp.publishing.fakeplatforms import FakeX
from bluelamp.publishing.models import Post
from bluelamp.publishing.services import connections, delivery
from bluelamp.publishing.tests.people import newsroom
from bluelamp.social_accounts.tests.factories import ForceUserFactory

#: Tuesday 1 December 2026, the first working day of December.
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def vault_key(settings):
    from cryptography.fernet import Fernet

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr(delivery, "SLEEP", lambda seconds: None)


@pytest.fixture
def room(db):
    return newsroom()


@pytest.fixture
def people(room) -> dict[Role, Any]:
    """One user per role, none of them the team account's owner (CCD also holds staff)."""
    return {
        role: ForceUserFactory(
            username=f"p-{role.value}",
            roles=[role] if role != Role.CCD else [Role.STAFF, Role.CCD],
        )
        for role in Role
    }


@pytest.fixture
def fake_x(settings):
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


def connect(room, account) -> None:
    connections.connection_save(
        actor=room.ccd, account=account, token="good-token", platform_account_id="", now=NOW
    )


def live_post(account, text: str, *, published: dt.datetime | None = None, **fields) -> Post:
    """A published post as the archive holds it (built directly)."""
    published = published or NOW - dt.timedelta(days=30)
    defaults: dict[str, Any] = {
        "account": account,
        "author": account.owner,
        "text": text,
        "state": "published",
        "verdict": "pass",
        "findings": [],
        "checked_at": published,
        "published_at": published,
        "created_at": published,
        "updated_at": published,
    }
    defaults.update(fields)
    return Post.objects.create(**defaults)


def posted_on_fake(fake_x, account, text: str) -> Post:
    """A published post that exists on the fake X, so removing it goes through the platform."""
    post = live_post(account, text)
    fake_x.posts["1900000000000000001"] = {"id": "1900000000000000001", "text": text}
    post.platform_post_id = "1900000000000000001"
    post.save(update_fields=["platform_post_id"])
    return post

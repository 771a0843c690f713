"""Fixtures for removal-request tests: one user per role, and a fixed "now"."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory
from bluelamp.data_requests.choices import Outcome, RequestStatus
from bluelamp.data_requests.tests.archive import make_post
from bluelamp.data_requests.tests.factories import (
    PostDecisionFactory,
    RemovalRequestFactory,
    RemovalTaskFactory,
)
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

#: Monday 2 March 2026, 10:00 UTC: every test passes this (or a time derived from it) in.
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


class Force:
    """One user holding each role, and one with no role at all."""

    def __init__(self) -> None:
        self.infosec = UserFactory(username="infosec", roles=[Role.INFOSEC])
        self.infosec2 = UserFactory(username="infosec2", roles=[Role.INFOSEC])
        self.auditor = UserFactory(username="auditor", roles=[Role.AUDITOR])
        self.by_role = {
            Role.INFOSEC: self.infosec,
            Role.AUDITOR: self.auditor,
            **{
                role: UserFactory(username=f"user-{role.value}", roles=[role])
                for role in Role
                if role not in (Role.INFOSEC, Role.AUDITOR)
            },
        }
        self.nobody = UserFactory(username="no-role")


@pytest.fixture
def force(db) -> Force:
    return Force()


@pytest.fixture
def now() -> dt.datetime:
    return NOW


# --- Posts in the archive (linking, and tasks recorded from a removal) ---------------------------


@pytest.fixture
def accounts(db):
    """Two accounts information security is on no roster of, owned by other people."""
    dudley_owner = ForceUserFactory(
        username="dudley-owner", display_name="PC Jo Bloggs", roles=[Role.STAFF]
    )
    walsall_owner = ForceUserFactory(username="walsall-owner", roles=[Role.STAFF])
    return {
        "dudley": AccountFactory(platform="x", handle="WMPDudley", owner=dudley_owner),
        "walsall": AccountFactory(platform="facebook", handle="WMPWalsall", owner=walsall_owner),
    }


@pytest.fixture
def request_(force):
    return RemovalRequestFactory(status=RequestStatus.CONSIDERING, owner=force.infosec)


@pytest.fixture
def task(force, accounts):
    post = make_post(accounts["dudley"])
    decision = PostDecisionFactory(
        request__status=RequestStatus.ACTIONING,
        request__owner=force.infosec,
        archived_post=post,
        url=post.platform_url,
        outcome=Outcome.REMOVE,
    )
    return RemovalTaskFactory(decision=decision)

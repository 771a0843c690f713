"""Fixtures for crisis-control tests: one user per role (and one with none), and a fixed "now"."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory

#: Monday 2 March 2026, 10:00 UTC: every test passes this (or a time derived from it) in.
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


class Force:
    """One user holding each role, a second CCD member, and one with no role at all."""

    def __init__(self) -> None:
        self.by_role = {
            role: UserFactory(username=f"user-{role.value}", roles=[role]) for role in Role
        }
        self.ccd = self.by_role[Role.CCD]
        self.ccd2 = UserFactory(username="ccd2", roles=[Role.CCD])
        self.auditor = self.by_role[Role.AUDITOR]
        self.staff = self.by_role[Role.STAFF]
        self.nobody = UserFactory(username="no-role")

    def user(self, role: Role | None):
        return self.by_role[role] if role else self.nobody


@pytest.fixture
def force(db) -> Force:
    return Force()


@pytest.fixture
def now() -> dt.datetime:
    return NOW

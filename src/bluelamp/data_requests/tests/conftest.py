"""Fixtures for removal-request tests: one user per role, and a fixed "now"."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory

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

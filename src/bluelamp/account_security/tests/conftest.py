"""Fixtures for account-security tests: one user per role, two accounts with rosters, a fixed
"now", and e-mails captured."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.core.roles import Role
from bluelamp.social_accounts.models import RosterMembership
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

#: Monday 2 March 2026, 10:00 UTC.
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
LOST = NOW - dt.timedelta(hours=2)


class Force:
    """One user per role; a PC on the roster of two accounts run by an administrator."""

    def __init__(self) -> None:
        self.by_role = {
            role: ForceUserFactory(username=f"user-{role.value}", roles=[role]) for role in Role
        }
        self.ccd = self.by_role[Role.CCD]
        self.auditor = self.by_role[Role.AUDITOR]
        self.manager = ForceUserFactory(username="sgt", roles=[Role.STAFF, Role.LINE_MANAGER])
        self.admin = ForceUserFactory(
            username="admin",
            display_name="PS Ali Admin",
            roles=[Role.STAFF],
            line_manager=self.manager,
        )
        self.pc = ForceUserFactory(
            username="pc",
            display_name="PC Jo Bloggs",
            roles=[Role.STAFF],
            line_manager=self.manager,
        )
        self.nobody = ForceUserFactory(username="no-role")
        self.dudley = AccountFactory(handle="WMPDudley", owner=self.admin, members=[self.pc])
        self.walsall = AccountFactory(
            platform="facebook", handle="WMPWalsall", owner=self.admin, members=[self.pc]
        )
        self.other = AccountFactory(handle="WMPOther")


@pytest.fixture
def force(db) -> Force:
    return Force()


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture(autouse=True)
def _vault_key(settings):
    from cryptography.fernet import Fernet

    if not settings.BLUELAMP_VAULT_KEYS:
        settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]


def on_roster(account, user):
    RosterMembership.objects.create(account=account, user=user, added_at=NOW)

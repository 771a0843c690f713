"""Fixtures for the spoof review: one person in each role, a registry, and a candidate in any
state."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory
from bluelamp.social_accounts.tests.factories import AccountFactory
from bluelamp.spoofs.choices import Source
from bluelamp.spoofs.models import Candidate

NOW = dt.datetime(2026, 3, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def people(db) -> dict[Role, object]:
    """One user per role (CCD also holds staff, as in the demo force)."""
    return {
        role: UserFactory(
            username=f"p-{role.value}",
            roles=[role] if role != Role.CCD else [Role.STAFF, Role.CCD],
        )
        for role in Role
    }


@pytest.fixture
def registry(db):
    return [
        AccountFactory(handle="WMPolice", display_name="West Midlands Police"),
        AccountFactory(handle="WMPDudley", display_name="WMP Dudley"),
    ]


def make_candidate(status: str = "new", **fields) -> Candidate:
    added_by = fields.pop("added_by", None) or UserFactory(username="adder", roles=[Role.CCD])
    handle = fields.pop("handle", "WMPolice_Official")
    return Candidate.objects.create(
        platform=fields.pop("platform", "x"),
        handle=handle,
        handle_key=handle.casefold(),
        display_name=fields.pop("display_name", "West Midlands Police Official"),
        source=Source.BY_HAND,
        added_by=added_by,
        added_at=NOW,
        score=90,
        score_reasons=["Uses the force's name: West Midlands Police"],
        status=status,
        **fields,
    )

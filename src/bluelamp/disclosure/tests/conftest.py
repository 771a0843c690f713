"""Fixtures for the disclosure export: an account with posts that have every kind of history,
one user per role, and a fixed "now"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from bluelamp.audit.services import audit_record
from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory
from bluelamp.data_requests.choices import Outcome, RequestStatus
from bluelamp.data_requests.tests.factories import PostDecisionFactory
from bluelamp.publishing.models import Approval, Correction, Post, PostVersion, Removal
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
PUBLISHED = dt.datetime(2026, 2, 20, 9, 30, tzinfo=dt.UTC)
#: Words in several scripts, which must come back out of every format exactly.
UNICODE_TEXT = "Zoë Łukasiewicz, Ελένη and Дмитрий thank José Ñúñez for the café in Dudley."
FORMULA_TEXT = '=HYPERLINK("http://evil.example/","click")'


def make_post(account, **fields) -> Post:
    defaults = {
        "account": account,
        "author": account.owner,
        "text": "A post.",
        "state": "published",
        "verdict": "pass",
        "published_at": PUBLISHED,
        "created_at": PUBLISHED - dt.timedelta(hours=1),
        "updated_at": PUBLISHED,
    }
    defaults.update(fields)
    return Post.objects.create(**defaults)


class Force:
    """One user per role (CCD with staff too, as in the demo), and one with none."""

    def __init__(self) -> None:
        self.by_role = {
            role: UserFactory(username=f"user-{role.value}", roles=[role]) for role in Role
        }
        self.ccd = self.by_role[Role.CCD]
        self.infosec = self.by_role[Role.INFOSEC]
        self.nobody = UserFactory(username="no-role")


@pytest.fixture
def force(db) -> Force:
    return Force()


@pytest.fixture
def account(db):
    owner = ForceUserFactory(
        username="dudley-owner", display_name="PC Jo Bloggs", roles=[Role.STAFF]
    )
    return AccountFactory(platform="x", handle="WMPDudley", owner=owner)


@pytest.fixture
def other_account(db):
    owner = ForceUserFactory(username="walsall-owner", roles=[Role.STAFF])
    return AccountFactory(platform="facebook", handle="WMPWalsall", owner=owner)


@pytest.fixture
def history(force, account, other_account):
    """Three posts on @WMPDudley (one in Unicode with its whole history, one a formula, one
    out of the range) and one on @WMPWalsall."""
    manager = ForceUserFactory(
        username="sgt", display_name="Sgt Amy Cole", roles=[Role.LINE_MANAGER]
    )
    full = make_post(
        account,
        text=UNICODE_TEXT,
        verdict="record",
        checked_at=PUBLISHED - dt.timedelta(minutes=50),
        rules_version="wmp-cc01 v2.1; bluelamp 0.1.0",
        findings=[
            {
                "rule": "disclosure-log",
                "clause": "4.24",
                "severity": "record",
                "message": "Record it on the incident log.",
                "excerpt": "José Ñúñez",
            }
        ],
        crime_ref="20/123456/26",
        oic_told=True,
        oic_name="DC Sam Patel",
        platform_post_id="1760000000000000001",
        platform_url="https://x.com/WMPDudley/status/1760000000000000001",
        version=2,
        approved_version=2,
        state="removed",
        removed_at=dt.datetime(2026, 2, 25, 12, 0, tzinfo=dt.UTC),
    )
    PostVersion.objects.create(
        post=full,
        number=1,
        text="First words of the post.",
        source="sent",
        made_by=account.owner,
        made_at=PUBLISHED - dt.timedelta(minutes=55),
    )
    PostVersion.objects.create(
        post=full,
        number=2,
        text=UNICODE_TEXT,
        source="approver",
        made_by=manager,
        made_at=PUBLISHED - dt.timedelta(minutes=45),
        accepted_by=account.owner,
        accepted_at=PUBLISHED - dt.timedelta(minutes=40),
    )
    Approval.objects.create(
        post=full,
        approver=manager,
        as_role="manager",
        decision="approved",
        note="Fine once recorded.",
        text_seen=UNICODE_TEXT,
        findings_seen=full.findings,
        version=2,
        decided_at=PUBLISHED - dt.timedelta(minutes=35),
    )
    Removal.objects.create(
        post=full,
        requested_by=force.ccd,
        reason="Out of date (4.1).",
        outcome="deleted",
        at=dt.datetime(2026, 2, 25, 12, 0, tzinfo=dt.UTC),
    )
    Correction.objects.create(
        post=full,
        requested_by=force.ccd,
        reason="Name spelt wrong.",
        old_text="Jose",
        new_text="José",
        outcome="corrected",
        at=dt.datetime(2026, 2, 22, 8, 0, tzinfo=dt.UTC),
    )
    PostDecisionFactory(
        request__status=RequestStatus.CLOSED,
        request__owner=force.infosec,
        archived_post=full,
        platform="x",
        outcome=Outcome.REMOVE,
    )
    with transaction.atomic():
        audit_record(
            actor=account.owner,
            action="post.submitted",
            target=full,
            after={"text": UNICODE_TEXT},
            now=PUBLISHED - dt.timedelta(minutes=55),
        )
        audit_record(
            actor=force.ccd,
            action="post.removed",
            target=full,
            after={"state": "removed"},
            now=dt.datetime(2026, 2, 25, 12, 0, tzinfo=dt.UTC),
        )
    formula = make_post(
        account,
        text=FORMULA_TEXT,
        published_at=PUBLISHED + dt.timedelta(days=1),
        platform_post_id="1760000000000000002",
    )
    old = make_post(
        account,
        text="Last year's post about the café.",
        published_at=dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC),
        platform_post_id="1760000000000000003",
    )
    walsall = make_post(
        other_account, text="Walsall café opening: thanks to all.", platform_post_id="9"
    )
    return {"full": full, "formula": formula, "old": old, "walsall": walsall}


@pytest.fixture
def now() -> dt.datetime:
    return NOW

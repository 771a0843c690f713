"""The scale dataset's generator (bench/scale_gen.py) on a small scale: the counts asked for,
the same rows for the same seed, an audit trail that verifies, and a refusal to write into a
database that holds more than the demo."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
from pathlib import Path

import pytest
from django.db import transaction

from bluelamp.audit.models import AuditEvent
from bluelamp.audit.selectors import audit_chain_verify
from bluelamp.core.models import User
from bluelamp.publishing.models import Post
from bluelamp.social_accounts.models import Account

_PATH = Path(__file__).resolve().parents[1] / "bench" / "scale_gen.py"
_spec = importlib.util.spec_from_file_location("scale_gen", _PATH)
scale_gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scale_gen)

UNTIL = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
SMALL = {"posts": 2_000, "accounts": 60, "waiting": 10, "sample": 300, "until": UNTIL}


class _Undo(Exception):
    pass


def _generate(seed: int) -> dict:
    return scale_gen.generate(seed=seed, load_demo=False, report=lambda _: None, **SMALL)


def _digest() -> str:
    """The archive as generated: words, account, dates, verdict and references, in order."""
    digest = hashlib.sha256()
    rows = (
        Post.objects.filter(state__in=("published", "removed"))
        .order_by("pk")
        .values_list(
            "text", "account__handle", "published_at", "verdict", "state", "source", "crime_ref"
        )
    )
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.mark.django_db
def test_generates_what_was_asked_for_with_an_intact_audit_trail():
    summary = _generate(seed=3)
    archived = Post.objects.filter(state__in=("published", "removed"))
    assert archived.count() == 2_000
    assert Post.objects.filter(state="awaiting_approval").count() == 10
    assert Account.objects.count() == 60
    assert User.objects.filter(username__startswith="scale-").count() == 200
    assert archived.filter(source="bluelamp").count() == summary["generated"]["published_here"]
    assert summary["generated"]["published_here"] > 0
    # Findings come from the engine: every excerpt is the post's own words at its offsets.
    checked = archived.exclude(findings=[]).first()
    finding = checked.findings[0]
    assert checked.text[finding["start"] : finding["end"]] == finding["excerpt"]
    # Four events per post published through Bluelamp, and two per post sent for approval.
    events = AuditEvent.objects.count()
    assert events >= 4 * summary["generated"]["published_here"] + 10
    assert summary["totals"]["audit_events"] == events
    assert audit_chain_verify(held=False).intact
    years = {p.year for p in archived.values_list("published_at", flat=True)}
    assert len(years) >= 5


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_archive():
    digests = []
    for seed in (5, 5, 6):
        with pytest.raises(_Undo), transaction.atomic():
            _generate(seed=seed)
            digests.append(_digest())
            raise _Undo  # roll the whole dataset back for the next run
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


@pytest.mark.django_db
def test_refuses_a_database_holding_more_than_the_demo():
    User.objects.create(username="pc1234")
    with pytest.raises(scale_gen.Refused, match="not the demo"):
        _generate(seed=1)
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_refuses_a_second_dataset():
    _generate(seed=1)
    with pytest.raises(scale_gen.Refused, match="generated dataset is there already"):
        _generate(seed=2)

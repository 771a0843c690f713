"""The kept answers of the health checks: the dashboard decides exactly what running the
engine over every live account would, whatever wrote the accounts, whichever pack and time;
and its work follows the page and the accounts changed, not the registry. Runs on SQLite and
PostgreSQL (``make test``, ``.ci/with-postgres make test-postgres``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bluelamp.core.policy import policy_pack
from bluelamp.engine import account_health as health
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts import selectors
from bluelamp.social_accounts.models import Account, AccountHealthRecord
from bluelamp.social_accounts.services.health import (
    account_health_records_refresh,
    stale_accounts,
)
from bluelamp.social_accounts.tests.factories import AccountFactory

DAY = dt.timedelta(days=1)


def _varied_accounts(force, count: int, seed: int = 7) -> list[Account]:
    """Accounts with every kind of problem, alone and together, around the time limits."""
    rnd = random.Random(seed)
    pack = policy_pack()
    dormancy = pack.thresholds["dormancy_days"]
    rotation = pack.thresholds["password_rotation_days"]
    now = timezone.now()
    made = []
    for n in range(count):
        made.append(
            AccountFactory(
                handle=f"WMPVaried{n:03d}",
                platform=rnd.choice(["x", "facebook", "instagram"]),
                owner=force.ccd,
                shows_disclaimer=rnd.random() < 0.7,
                location_services_on=rnd.random() < 0.2,
                connected_apps=rnd.choice([[], ["Hootsuite"], ["Hootsuite", "Buffer", "Zapier"]]),
                registration_email=rnd.choice(
                    ["team@west-midlands.pnn.police.uk", "someone@gmail.com", ""]
                ),
                opened_at=now - rnd.randint(1, 3 * dormancy) * DAY,
                last_post_at=rnd.choice([None, now - rnd.randint(0, 2 * dormancy) * DAY]),
                password_changed_at=rnd.choice([None, now - rnd.randint(0, 2 * rotation) * DAY]),
                roster_changed_at=rnd.choice([None, now - rnd.randint(0, 400) * DAY]),
                status=rnd.choice([*account_flow.LIVE_STATES, "closed"]),
            )
        )
    return made


def _by_the_engine(*, now, pack, kind=""):
    """What the dashboard showed when it ran the engine over every live account: the counts,
    and the accounts listed in order with their problems (of ``kind`` only, if given)."""
    checked = []
    for account in Account.objects.filter(status__in=account_flow.LIVE_STATES):
        issues = health.check_account(selectors.account_facts(account), now=now, pack=pack)
        checked.append((account, issues))
    counts = health.count_by_kind(issues for _, issues in checked)
    listed = [(a, i) for a, i in checked if i]
    if kind:
        listed = [(a, [x for x in i if x.kind == kind]) for a, i in listed]
        listed = [(a, i) for a, i in listed if i]
    listed.sort(key=lambda row: (-len(row[1]), row[0].platform, row[0].handle.lower(), row[0].pk))
    healthy = sum(1 for _, issues in checked if not issues)
    return counts, healthy, len(checked), [(a.pk, [i.message for i in x]) for a, x in listed]


def _by_the_dashboard(user, *, now, pack, kind=""):
    report = selectors.account_health_report(
        user=user, now=now, pack=pack, kind=kind, per_page=1000
    )
    counts = {c.kind.key: c.accounts for c in report.counts}
    rows = [(row.account.pk, [i.message for i in row.issues]) for row in report.rows]
    assert report.page.paginator.count == len(rows)
    return counts, report.healthy_accounts, report.live_accounts, rows


def _agree(force, *, now, pack=None):
    pack = pack or policy_pack()
    for kind in ("", *(k.key for k in health.KINDS)):
        assert _by_the_dashboard(force.ccd, now=now, pack=pack, kind=kind) == _by_the_engine(
            now=now, pack=pack, kind=kind
        ), kind


def test_the_dashboard_decides_what_the_engine_decides_over_every_live_account(force):
    _varied_accounts(force, 60)
    now = timezone.now()
    _agree(force, now=now)
    # Later, past many a dormancy and rotation limit, and earlier than the kept answers.
    _agree(force, now=now + 200 * DAY)
    _agree(force, now=now - 30 * DAY)
    _agree(force, now=now)


def test_changes_written_around_the_services_are_seen(force):
    made = _varied_accounts(force, 30, seed=11)
    now = timezone.now()
    _agree(force, now=now)
    # Bulk writes send no signal and save nothing through the model: still seen.
    Account.objects.filter(pk__in=[a.pk for a in made[:10]]).update(last_post_at=now)
    Account.objects.filter(pk__in=[a.pk for a in made[10:20]]).update(
        connected_apps=["Hootsuite", "TweetDeck"], location_services_on=True
    )
    Account.objects.filter(pk__in=[a.pk for a in made[20:25]]).update(status="closed")
    Account.objects.filter(pk__in=[a.pk for a in made[25:]]).update(
        registration_email="x@example.com", shows_disclaimer=False, password_changed_at=None
    )
    _agree(force, now=now)


def test_another_pack_is_another_answer(force):
    _varied_accounts(force, 30, seed=3)
    now = timezone.now()
    pack = policy_pack()
    _agree(force, now=now, pack=pack)
    stricter = dataclasses.replace(
        pack,
        allowed_apps=(),
        thresholds={**pack.thresholds, "dormancy_days": 3},
    )
    _agree(force, now=now, pack=stricter)
    _agree(force, now=now, pack=pack)


def test_only_stale_answers_are_worked_out_again(force):
    made = _varied_accounts(force, 20, seed=5)
    now = timezone.now()
    key = health.pack_key(policy_pack())
    stale = stale_accounts(now=now, key=key).count()
    assert account_health_records_refresh(now=now) == stale > 0
    assert not stale_accounts(now=now, key=key).exists()
    assert account_health_records_refresh(now=now) == 0
    live = next(a for a in made if a.status in account_flow.LIVE_STATES)
    Account.objects.filter(pk=live.pk).update(roster_changed_at=now)
    assert list(stale_accounts(now=now, key=key)) == [live]
    assert account_health_records_refresh(now=now) == 1


def test_a_deleted_account_takes_its_answer_with_it(force):
    account = AccountFactory(owner=force.ccd, location_services_on=True)
    account_health_records_refresh(now=timezone.now())
    assert AccountHealthRecord.objects.filter(account=account).exists()
    AccountHealthRecord.objects.filter(account=account).delete()
    assert stale_accounts(now=timezone.now(), key=health.pack_key(policy_pack())).count() == 1


@pytest.fixture
def count_checks(monkeypatch):
    calls = []
    real = health.check_account

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(health, "check_account", counted)
    return calls


def _view(force, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        report = selectors.account_health_report(
            user=force.ccd, now=kwargs.pop("now", timezone.now()), per_page=10, **kwargs
        )
        for row in report.rows:
            (row.account.owner.label, row.account.get_platform_display())
    return report, len(captured)


def test_a_view_checks_the_page_and_the_changed_accounts_only(force, count_checks):
    for n in range(40):
        AccountFactory(handle=f"WMPMany{n}", owner=force.ccd, location_services_on=True)
    now = timezone.now()
    _view(force, now=now)  # every answer worked out once
    count_checks.clear()
    report, _ = _view(force, now=now)
    assert report.page.paginator.count == 40
    assert len(count_checks) == len(report.rows) == 10
    count_checks.clear()
    Account.objects.filter(handle__in=["WMPMany1", "WMPMany2"]).update(shows_disclaimer=False)
    _view(force, now=now, page=3)
    assert len(count_checks) == 2 + 10


def test_a_views_queries_do_not_grow_with_the_accounts(force):
    for n in range(5):
        AccountFactory(handle=f"WMPFew{n}", owner=force.ccd, location_services_on=True)
    _view(force)
    _, few = _view(force)
    _, few_kind = _view(force, kind="location_on")
    for n in range(60):
        AccountFactory(handle=f"WMPMore{n}", owner=force.ccd, location_services_on=True)
    _, refreshing = _view(force)
    _, many = _view(force)
    _, many_kind = _view(force, kind="location_on", page=2)
    assert many == few == 3  # stale answers, counts, the page with its owners
    assert many_kind == few_kind == 3
    assert refreshing <= few + 4  # one upsert (in a savepoint, under the test's transaction)

"""Reads: who sees which accounts and applications, search, filters and sorts, account health
across the force, and the CSV rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bluelamp.core.errors import NotFoundError, PermissionDeniedError
from bluelamp.social_accounts import selectors
from bluelamp.social_accounts.models import RosterMembership
from bluelamp.social_accounts.tests.factories import (
    AccountFactory,
    ApplicationFactory,
    ForceUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts(force):
    """Jo's account (Amir deputy), Tom's (other team), a CCD account, and one Jo is only on."""
    jo = AccountFactory(
        handle="WMPDudley", owner=force.applicant, deputy=force.colleague, team="Dudley NPU"
    )
    tom = AccountFactory(
        handle="WMPCoventry", owner=force.outsider, platform="facebook", team="Coventry NPU"
    )
    ccd = AccountFactory(
        handle="WMPolice", owner=force.ccd, tier="force", team="Corporate Communications"
    )
    on = AccountFactory(
        handle="WMPDogs", owner=force.outsider, members=[force.applicant], team="Dog Unit"
    )
    return {"jo": jo, "tom": tom, "ccd": ccd, "on": on}


def handles(queryset):
    return sorted(a.handle for a in queryset)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("applicant", ["WMPDogs", "WMPDudley"]),
        ("colleague", ["WMPDudley"]),
        ("manager", ["WMPDogs", "WMPDudley"]),  # their reports' accounts
        ("other_manager", ["WMPCoventry", "WMPDogs"]),
        ("outsider", ["WMPCoventry", "WMPDogs"]),
        ("ccd", ["WMPCoventry", "WMPDogs", "WMPDudley", "WMPolice"]),
        ("auditor", ["WMPCoventry", "WMPDogs", "WMPDudley", "WMPolice"]),
        ("infosec", []),
        ("psd", []),
    ],
)
def test_each_role_sees_only_the_accounts_it_may(force, accounts, who, sees):
    assert handles(selectors.account_list(user=getattr(force, who))) == sees


def test_a_supervisor_sees_the_accounts_they_supervise(force, accounts):
    accounts["tom"].supervisor = force.manager
    accounts["tom"].save()
    assert "WMPCoventry" in handles(selectors.account_list(user=force.manager))


def test_fetching_an_account_not_yours_is_answered_like_a_missing_one(force, accounts):
    with pytest.raises(NotFoundError) as not_yours:
        selectors.account_get(user=force.colleague, pk=accounts["tom"].pk)
    with pytest.raises(NotFoundError) as missing:
        selectors.account_get(user=force.colleague, pk=999_999)
    with pytest.raises(NotFoundError):
        selectors.account_get(user=force.colleague, pk="1 OR 1=1")
    assert not_yours.value.message == missing.value.message
    assert selectors.account_get(user=force.colleague, pk=accounts["jo"].pk) == accounts["jo"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"q": "@wmpdud"}, ["WMPDudley"]),
        ({"q": "coventry npu"}, ["WMPCoventry"]),
        ({"q": "tom"}, ["WMPCoventry", "WMPDogs"]),  # the owner's username
        ({"platform": "facebook"}, ["WMPCoventry"]),
        ({"tier": "force"}, ["WMPolice"]),
        ({"status": "suspended"}, []),
        ({"team": "dog"}, ["WMPDogs"]),
    ],
)
def test_the_registry_searches_and_filters(force, accounts, filters, expected):
    assert handles(selectors.account_list(user=force.ccd, **filters)) == expected


def test_the_registry_sorts_and_ignores_an_unknown_sort(force, accounts):
    accounts["tom"].last_post_at = timezone.now() - dt.timedelta(days=200)
    accounts["tom"].save()
    by_post = [a.handle for a in selectors.account_list(user=force.ccd, sort="last_post")]
    assert by_post[0] == "WMPCoventry"
    by_handle = [a.handle for a in selectors.account_list(user=force.ccd, sort="nonsense")]
    assert by_handle == sorted(by_handle)


def test_live_only_leaves_out_closed_accounts(force, accounts):
    accounts["tom"].status = "closed"
    accounts["tom"].save()
    assert "WMPCoventry" not in handles(selectors.account_list(user=force.ccd, live_only=True))


# --- Health -------------------------------------------------------------------------------------


def test_the_health_report_counts_problems_by_kind_across_live_accounts(force, accounts):
    now = timezone.now()
    accounts["jo"].location_services_on = True
    accounts["jo"].save()
    accounts["tom"].shows_disclaimer = False
    accounts["tom"].location_services_on = True
    accounts["tom"].save()
    closed = AccountFactory(owner=force.ccd, status="closed", location_services_on=True)
    report = selectors.account_health_report(user=force.ccd, now=now)
    counts = {c.kind.key: c.accounts for c in report.counts}
    assert counts["location_on"] == 2  # the closed account is not counted
    assert counts["no_disclaimer"] == 1
    assert report.live_accounts == 4
    assert report.healthy_accounts == 2
    assert report.rows[0].account == accounts["tom"]  # most problems first
    assert closed not in [row.account for row in report.rows]


def test_the_health_report_shows_one_kind_when_asked(force, accounts):
    accounts["jo"].connected_apps = ["Hootsuite", "Buffer"]
    accounts["jo"].save()
    report = selectors.account_health_report(
        user=force.auditor, now=timezone.now(), kind="app_not_allowed"
    )
    assert [row.account for row in report.rows] == [accounts["jo"]]
    assert [i.clause for i in report.rows[0].issues] == ["3.14"]


@pytest.mark.parametrize("who", ["applicant", "manager", "infosec", "psd"])
def test_only_ccd_and_the_auditor_see_account_health(force, who):
    with pytest.raises(PermissionDeniedError):
        selectors.account_health_report(user=getattr(force, who), now=timezone.now())


def test_a_roster_change_after_the_password_shows_in_the_accounts_health(force, accounts):
    account = accounts["jo"]
    RosterMembership.objects.create(
        account=account, user=ForceUserFactory(), added_at=timezone.now()
    )
    account.roster_changed_at = timezone.now()
    account.save()
    kinds = [i.kind for i in selectors.account_health(account, now=timezone.now())]
    assert kinds == ["roster_changed"]


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_rows_have_a_header_and_cannot_run_as_formulas(force):
    AccountFactory(
        handle="WMPDudley", display_name='=HYPERLINK("http://evil")', owner=force.applicant
    )
    rows = list(selectors.account_csv_rows(selectors.account_list(user=force.ccd)))
    assert rows[0][:3] == ["Platform", "Handle", "Name"]
    assert rows[1][1] == "WMPDudley"
    assert rows[1][2].startswith("'=")


# --- Applications -------------------------------------------------------------------------------


def test_applications_are_seen_by_the_applicant_their_manager_ccd_and_the_auditor(force):
    mine = ApplicationFactory(applicant=force.applicant)
    theirs = ApplicationFactory(applicant=force.outsider)
    assert list(selectors.application_list(user=force.applicant)) == [mine]
    assert list(selectors.application_list(user=force.manager)) == [mine]
    assert list(selectors.application_list(user=force.other_manager)) == [theirs]
    assert set(selectors.application_list(user=force.ccd)) == {mine, theirs}
    assert set(selectors.application_list(user=force.auditor)) == {mine, theirs}
    assert list(selectors.application_list(user=force.infosec)) == []
    with pytest.raises(NotFoundError):
        selectors.application_get(user=force.colleague, pk=mine.pk)


def test_waiting_for_me_lists_the_decisions_each_person_owes(force):
    at_manager = ApplicationFactory(applicant=force.applicant)
    at_ccd = ApplicationFactory(
        applicant=force.applicant, status="awaiting_ccd", manager_decided_by=force.manager
    )
    ApplicationFactory(
        applicant=force.applicant, status="approved", manager_decided_by=force.manager
    )
    assert list(selectors.application_list(user=force.manager, waiting_for_me=True)) == [at_manager]
    assert list(selectors.application_list(user=force.ccd, waiting_for_me=True)) == [at_ccd]
    assert list(selectors.application_list(user=force.applicant, waiting_for_me=True)) == []
    assert selectors.applications_waiting_count(user=force.other_manager) == 0


# --- Health at scale ----------------------------------------------------------------------------


def test_the_health_report_is_paged_most_problems_first_with_the_counts_over_every_page(force):
    for n in range(7):
        AccountFactory(handle=f"WMPPaged{n}", owner=force.ccd, location_services_on=True)
    worst = AccountFactory(
        handle="WMPWorst", owner=force.ccd, location_services_on=True, shows_disclaimer=False
    )
    first = selectors.account_health_report(user=force.ccd, now=timezone.now(), per_page=3)
    assert first.page.paginator.num_pages == 3
    assert first.rows[0].account == worst
    assert {c.kind.key: c.accounts for c in first.counts}["location_on"] == 8
    seen = []
    for number in (1, 2, 3):
        report = selectors.account_health_report(
            user=force.ccd, now=timezone.now(), per_page=3, page=number
        )
        seen += [row.account.pk for row in report.rows]
    assert len(seen) == len(set(seen)) == 8  # no account skipped or shown twice
    beyond = selectors.account_health_report(
        user=force.ccd, now=timezone.now(), per_page=3, page="99"
    )
    assert beyond.page.number == 3


def test_the_health_reports_queries_do_not_grow_with_the_accounts(force):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            report = selectors.account_health_report(user=force.ccd, now=timezone.now())
            for row in report.rows:
                (row.account.owner.label, row.account.get_platform_display())
        return len(captured)

    AccountFactory(owner=force.ccd, location_services_on=True)
    queries()  # the policy pack, read once and kept
    few = queries()
    for _ in range(30):
        AccountFactory(owner=force.applicant, location_services_on=True)
    queries()  # the new accounts' answers worked out and kept
    assert queries() == few <= 3

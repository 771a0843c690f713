"""The pages, tried by every role: CCD and auditors see the list, only CCD may use the action
pages (403 for everyone else, nothing changed); bad input is shown on the form and changes
nothing; the banner is on every page (another app's too) while a major incident is declared,
and gone once it ends."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.incidents.choices import CrisisKind
from bluelamp.incidents.models import CrisisPeriod
from bluelamp.incidents.tests.factories import CrisisPeriodFactory, ElectionPeriodFactory

pytestmark = pytest.mark.django_db

ROLES = [*Role, None]
BANNER = (
    "Major incident declared: Flooding in Dudley. Scheduled posts are held and every post "
    "needs Corporate Communications' approval (CC/01 4.16)."
)


def ids(role):
    return role.value if role else "no_role"


def snapshot() -> tuple:
    """The periods and the audit trail, leaving out sign-ins (the test client's own)."""
    return (
        list(CrisisPeriod.objects.order_by("pk").values()),
        AuditEvent.objects.exclude(action__startswith="auth.").count(),
    )


def signed_in(client, user):
    client.force_login(user)
    return client


def real_now() -> dt.datetime:
    return timezone.now()


@pytest.fixture
def periods(force):
    """An open major incident and an election period in force now, at real time (the pages
    read the clock)."""
    now = real_now()
    return {
        "major": CrisisPeriodFactory(
            declared_by=force.ccd, title="Flooding in Dudley", starts_at=now - dt.timedelta(hours=1)
        ),
        "election": ElectionPeriodFactory(
            declared_by=force.ccd,
            title="PCC election",
            starts_at=now - dt.timedelta(days=1),
            ends_at=now + dt.timedelta(days=20),
        ),
    }


def action_posts(periods):
    today = real_now().date()
    return {
        reverse("incidents:major_incident_declare"): {"title": "Second", "reason": "Why"},
        reverse("incidents:election_new"): {
            "title": "By-election",
            "reason": "Notice",
            "starts_on": str(today + dt.timedelta(days=40)),
            "ends_on": str(today + dt.timedelta(days=50)),
        },
        reverse("incidents:end", args=[periods["major"].pk]): {"reason": "Over"},
        reverse("incidents:end", args=[periods["election"].pk]): {"reason": "Over"},
    }


# --- Who may see what -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES, ids=ids)
def test_the_list_is_for_ccd_and_auditors(client, force, periods, role):
    response = signed_in(client, force.user(role)).get(reverse("incidents:list"))

    if role in (Role.CCD, Role.AUDITOR):
        assert response.status_code == 200
        assert "Flooding in Dudley" in response.text and "PCC election" in response.text
        shows_actions = reverse("incidents:election_new") in response.text
        assert shows_actions == (role is Role.CCD)
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES, ids=ids)
def test_the_action_pages_are_for_ccd_only(client, force, periods, role):
    client = signed_in(client, force.user(role))
    before = snapshot()

    for url, data in action_posts(periods).items():
        shown = client.get(url)
        posted = client.post(url, data)

        if role is Role.CCD:
            assert shown.status_code == 200, url
        else:
            assert (shown.status_code, posted.status_code) == (403, 403), url
    if role is not Role.CCD:
        assert snapshot() == before


def test_signed_out_visitors_are_sent_to_sign_in(client, periods):
    before = snapshot()
    for url, data in action_posts(periods).items():
        assert client.get(url).status_code == 302
        assert client.post(url, data).status_code == 302
    assert client.get(reverse("incidents:list")).status_code == 302
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES, ids=ids)
def test_crisis_controls_is_in_the_navigation_of_ccd_and_auditors(client, force, role):
    response = signed_in(client, force.user(role)).get(reverse("core:home"))

    assert ("Crisis controls" in response.text) == (role in (Role.CCD, Role.AUDITOR))


def test_a_missing_period_is_not_found(client, force):
    assert signed_in(client, force.ccd).get(reverse("incidents:end", args=[999])).status_code == 404


# --- The banner -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES, ids=ids)
def test_everyone_signed_in_sees_the_banner_on_other_apps_pages(client, force, periods, role):
    response = signed_in(client, force.user(role)).get(reverse("core:home"))

    assert response.status_code == 200
    assert BANNER in response.text
    assert 'role="region" aria-labelledby="crisis-banner-title"' in response.text
    assert "Election period: PCC election" in response.text


def test_the_banner_is_not_shown_to_signed_out_visitors(client, periods):
    response = client.get(reverse("core:login"))

    assert "Major incident declared" not in response.text


def test_the_banner_goes_once_the_major_incident_ends(client, force):
    client = signed_in(client, force.ccd)
    assert "Major incident declared" not in client.get("/").text

    declared = client.post(
        reverse("incidents:major_incident_declare"),
        {"title": "Flooding in Dudley", "reason": "Gold command opened"},
    )
    assert declared.status_code == 302
    assert BANNER in client.get("/").text
    period = CrisisPeriod.objects.get()

    ended = client.post(reverse("incidents:end", args=[period.pk]), {"reason": "Stood down"})

    assert ended.status_code == 302
    page = client.get("/").text
    assert "Major incident declared" not in page
    period.refresh_from_db()
    assert period.ended_by == force.ccd and period.end_reason == "Stood down"


def test_the_banner_costs_one_query(client, force, periods):
    client = signed_in(client, force.staff)
    client.get("/")  # warm up: session and user
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    crisis_queries = [q for q in queries.captured_queries if "incidents_crisisperiod" in q["sql"]]
    assert len(crisis_queries) == 1


# --- The forms ------------------------------------------------------------------------------------


def test_ccd_declares_a_major_incident_through_the_page(client, force):
    response = signed_in(client, force.ccd).post(
        reverse("incidents:major_incident_declare"),
        {"title": "Flooding in Dudley", "reason": "Gold command opened"},
        follow=True,
    )

    assert response.status_code == 200
    period = CrisisPeriod.objects.get()
    assert period.kind == CrisisKind.MAJOR_INCIDENT and period.declared_by == force.ccd
    assert AuditEvent.objects.filter(action="incident.major_declared").count() == 1
    assert "Major incident declared: Flooding in Dudley" in response.text
    assert "Flooding in Dudley: declared. Everyone now sees the banner" in response.text


def test_a_blank_reason_is_shown_on_the_form_and_changes_nothing(client, force):
    before = snapshot()

    response = signed_in(client, force.ccd).post(
        reverse("incidents:major_incident_declare"), {"title": "Flooding", "reason": " "}
    )

    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Enter why the major incident is declared" in response.text
    assert 'href="#id_reason"' in response.text
    assert snapshot() == before


def test_a_second_major_incident_is_refused_on_the_page(client, force, periods):
    before = snapshot()

    response = signed_in(client, force.ccd).post(
        reverse("incidents:major_incident_declare"), {"title": "Power cut", "reason": "Why"}
    )

    assert response.status_code == 409
    assert escape("A major incident is already declared: Flooding in Dudley.") in response.text
    assert snapshot() == before


def test_ccd_sets_an_election_period_through_the_page(client, force):
    today = real_now().date()

    response = signed_in(client, force.ccd).post(
        reverse("incidents:election_new"),
        {
            "title": "PCC election 2028",
            "reason": "Notice of election",
            "starts_on": str(today + dt.timedelta(days=10)),
            "ends_on": str(today + dt.timedelta(days=40)),
        },
    )

    assert response.status_code == 302
    period = CrisisPeriod.objects.get()
    assert timezone.localtime(period.starts_at).date() == today + dt.timedelta(days=10)
    assert timezone.localtime(period.starts_at).time() == dt.time(0)
    # the last day entered is included: the period ends at midnight after it
    assert timezone.localtime(period.ends_at).date() == today + dt.timedelta(days=41)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"starts_on": "", "ends_on": ""}, "Enter when the period starts"),
        ({"starts_on": "2030-05-10", "ends_on": "2030-05-01"}, "The end must be after the start"),
        ({"starts_on": "2030-02-31", "ends_on": "2030-05-01"}, "First day must be a real date"),
    ],
)
def test_bad_election_dates_are_shown_on_the_form(client, force, data, message):
    before = snapshot()

    response = signed_in(client, force.ccd).post(
        reverse("incidents:election_new"), {"title": "Election", "reason": "Notice", **data}
    )

    assert response.status_code == 400
    assert message in response.text
    assert snapshot() == before


def test_ending_a_period_needs_a_reason_on_the_page(client, force, periods):
    before = snapshot()

    response = signed_in(client, force.ccd).post(
        reverse("incidents:end", args=[periods["election"].pk]), {"reason": ""}
    )

    assert response.status_code == 400
    assert "Enter why the election period is ended" in response.text
    assert snapshot() == before


def test_ending_an_ended_period_is_refused_on_the_page(client, force, periods):
    client = signed_in(client, force.ccd)
    url = reverse("incidents:end", args=[periods["major"].pk])
    assert client.post(url, {"reason": "Stood down"}).status_code == 302
    before = snapshot()

    shown = client.get(url)
    posted = client.post(url, {"reason": "Again"})

    assert "This has already ended" in shown.text
    assert posted.status_code == 409
    assert snapshot() == before


def test_the_list_shows_a_past_period(client, force):
    ElectionPeriodFactory(
        declared_by=force.ccd,
        title="Local elections 2025",
        starts_at=real_now() - dt.timedelta(days=60),
        ends_at=real_now() - dt.timedelta(days=30),
    )

    response = signed_in(client, force.auditor).get(reverse("incidents:list"))

    assert "Local elections 2025" in response.text
    assert "No major incident is declared" in response.text

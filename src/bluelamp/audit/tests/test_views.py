"""The auditor's pages: only auditors get in; search by action, actor, target and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bluelamp.audit.tests.helpers import TEST_ACTION, record, sql, triggers_dropped
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db

LIST = reverse("audit:event_list")


@pytest.mark.parametrize(
    "role", [Role.STAFF, Role.LINE_MANAGER, Role.CCD, Role.INFOSEC, Role.PSD, None]
)
@pytest.mark.parametrize(
    "url",
    [LIST, reverse("audit:verify"), reverse("audit:event_detail", args=[1])],
    ids=["list", "verify", "detail"],
)
def test_only_auditors_may_see_the_audit_pages(client_as, role, url):
    record()
    client = client_as(role) if role else client_as()
    assert client.get(url).status_code == 403


def test_a_superuser_without_the_auditor_role_is_refused_too(client_as):
    client = client_as(is_superuser=True, is_staff=True)
    assert client.get(LIST).status_code == 403


def test_an_auditor_sees_the_trail_newest_first_in_a_gov_uk_table(client_as):
    client = client_as(Role.AUDITOR)
    record(3)
    response = client.get(LIST)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="govuk-table"' in content
    assert content.index("thing 3") < content.index("thing 1")


def test_the_search_filters_by_action(client_as):
    client = client_as(Role.AUDITOR)  # signing in records auth.login
    record(2)
    page = client.get(LIST, {"action": TEST_ACTION}).context["page"]
    assert {e.action for e in page} == {TEST_ACTION}
    page = client.get(LIST, {"action": "auth."}).context["page"]
    assert {e.action for e in page} == {"auth.login"}


def test_the_search_filters_by_actor(client_as, user_of):
    client = client_as(Role.AUDITOR)
    jo = user_of(Role.STAFF, username="jo", display_name="Jo Bloggs")
    record(actor=jo, target_label="by jo")
    record(target_label="by system")
    for who in ("jo", "Bloggs"):
        page = client.get(LIST, {"actor": who, "action": TEST_ACTION}).context["page"]
        assert [e.target_label for e in page] == ["by jo"]


def test_the_search_filters_by_target_id_or_label(client_as):
    client = client_as(Role.AUDITOR)
    # Ids no factory-made user or account can carry in its own events' labels.
    record(target_id="90417", target_label="@WMPolice")
    record(target_id="90418", target_label="@WMPFire")
    by_id = client.get(LIST, {"target": "90417"}).context["page"]
    assert [e.target_id for e in by_id] == ["90417"]
    by_label = client.get(LIST, {"target": "wmpolice"}).context["page"]
    assert [e.target_id for e in by_label] == ["90417"]


def test_the_search_filters_by_date_range_inclusive(client_as):
    client = client_as(Role.AUDITOR)
    tz = timezone.get_current_timezone()
    for day in (1, 2, 3):
        record(now=dt.datetime(2026, 3, day, 23, 30, tzinfo=tz), target_label=f"day {day}")
    page = client.get(
        LIST, {"date_from": "2026-03-02", "date_to": "2026-03-03", "action": TEST_ACTION}
    ).context["page"]
    assert [e.target_label for e in page] == ["day 3", "day 2"]


def test_an_impossible_date_range_is_explained_in_an_error_summary(client_as):
    client = client_as(Role.AUDITOR)
    response = client.get(LIST, {"date_from": "2026-03-05", "date_to": "2026-03-01"})
    assert b"There is a problem" in response.content
    assert b"The end date must be the same as or after the start date" in response.content
    assert response.context["page"] is None


def test_results_come_fifty_to_a_page_with_gov_uk_pagination(client_as):
    client = client_as(Role.AUDITOR)
    record(60)
    first = client.get(LIST, {"action": TEST_ACTION})
    assert len(first.context["page"]) == 50
    assert b"govuk-pagination" in first.content
    assert b"page=2" in first.content and b"action=testing.thing_done" in first.content
    second = client.get(LIST, {"action": TEST_ACTION, "page": 2})
    assert len(second.context["page"]) == 10


def test_an_auditor_can_read_one_event_in_full(client_as):
    client = client_as(Role.AUDITOR)
    event = record(before={"status": "pending"}, after={"status": "approved"})
    response = client.get(reverse("audit:event_detail", args=[event.sequence]))
    assert response.status_code == 200
    assert event.hash.encode() in response.content
    assert b"approved" in response.content


def test_a_missing_event_is_404_for_an_auditor(client_as):
    assert client_as(Role.AUDITOR).get(reverse("audit:event_detail", args=[999])).status_code == 404


def test_the_verify_page_says_intact_or_names_the_fault(client_as):
    client = client_as(Role.AUDITOR)
    record(3)
    assert b"The audit trail is intact" in client.get(reverse("audit:verify")).content
    with triggers_dropped():
        sql("UPDATE audit_auditevent SET target_label = 'x' WHERE sequence = 2")
    response = client.get(reverse("audit:verify"))
    assert b"has been tampered with" in response.content
    assert b"sequence 2 was edited" in response.content


def test_the_audit_pages_only_answer_get(client_as):
    assert client_as(Role.AUDITOR).post(LIST).status_code == 405

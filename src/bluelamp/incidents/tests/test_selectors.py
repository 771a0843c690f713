"""What is in force at a given time (passed in): major incidents from their declaration until
they end, election periods from their start to their (exclusive) end, scheduled ones not yet;
``crisis_context`` answers both in one query."""

from __future__ import annotations

import dataclasses

import pytest

from bluelamp.core.errors import NotFoundError
from bluelamp.core.roles import Role
from bluelamp.incidents import selectors
from bluelamp.incidents.choices import CrisisState
from bluelamp.incidents.selectors import CrisisContext
from bluelamp.incidents.tests.conftest import DAY, HOUR, NOW
from bluelamp.incidents.tests.factories import CrisisPeriodFactory, ElectionPeriodFactory

pytestmark = pytest.mark.django_db


def test_nothing_in_force():
    context = selectors.crisis_context(NOW)

    assert context == CrisisContext(major_incident=None, election_period=None)
    assert not context.major_incident_active
    assert not context.election_period_active
    assert selectors.major_incident_in_force(NOW) is None
    assert selectors.election_period_in_force(NOW) is None


def test_an_open_major_incident_is_in_force_from_its_declaration(force):
    period = CrisisPeriodFactory(declared_by=force.ccd, starts_at=NOW)

    assert selectors.major_incident_in_force(NOW - HOUR) is None
    assert selectors.major_incident_in_force(NOW) == period
    assert selectors.major_incident_in_force(NOW + 300 * DAY) == period


def test_an_ended_major_incident_is_in_force_only_until_it_ended(force):
    period = CrisisPeriodFactory(
        declared_by=force.ccd,
        starts_at=NOW - DAY,
        ends_at=NOW,
        ended_at=NOW,
        ended_by=force.ccd,
        end_reason="Stood down",
    )

    assert selectors.major_incident_in_force(NOW - HOUR) == period
    assert selectors.major_incident_in_force(NOW) is None
    assert selectors.major_incident_in_force(NOW + DAY) is None


def test_an_election_period_is_in_force_between_its_start_and_end(force):
    period = ElectionPeriodFactory(declared_by=force.ccd, starts_at=NOW, ends_at=NOW + 10 * DAY)

    assert selectors.election_period_in_force(NOW - HOUR) is None  # scheduled, not yet in force
    assert selectors.election_period_in_force(NOW) == period
    assert selectors.election_period_in_force(NOW + 10 * DAY - HOUR) == period
    assert selectors.election_period_in_force(NOW + 10 * DAY) is None


def test_crisis_context_holds_both_in_one_query(force, django_assert_num_queries):
    major = CrisisPeriodFactory(declared_by=force.ccd, starts_at=NOW - HOUR)
    election = ElectionPeriodFactory(declared_by=force.ccd)
    ElectionPeriodFactory(declared_by=force.ccd, starts_at=NOW + 20 * DAY, ends_at=NOW + 30 * DAY)

    with django_assert_num_queries(1):
        context = selectors.crisis_context(NOW)

    assert context.major_incident == major
    assert context.election_period == election
    assert context.major_incident_active and context.election_period_active
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.major_incident = None  # type: ignore[misc]


def test_crisis_context_for_a_later_time(force):
    CrisisPeriodFactory(
        declared_by=force.ccd,
        starts_at=NOW - DAY,
        ends_at=NOW - HOUR,
        ended_at=NOW - HOUR,
        ended_by=force.ccd,
        end_reason="Over",
    )
    later = ElectionPeriodFactory(
        declared_by=force.ccd, starts_at=NOW + 20 * DAY, ends_at=NOW + 30 * DAY
    )

    assert selectors.crisis_context(NOW) == CrisisContext()
    context = selectors.crisis_context(NOW + 25 * DAY)
    assert not context.major_incident_active
    assert context.election_period == later


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        selectors.crisis_context(NOW.replace(tzinfo=None))


def test_rows_say_where_each_period_stands(force):
    ended = ElectionPeriodFactory(
        declared_by=force.ccd, starts_at=NOW - 30 * DAY, ends_at=NOW - 20 * DAY
    )
    scheduled = ElectionPeriodFactory(
        declared_by=force.ccd, starts_at=NOW + 20 * DAY, ends_at=NOW + 30 * DAY
    )
    open_major = CrisisPeriodFactory(declared_by=force.ccd, starts_at=NOW - HOUR)

    rows = selectors.crisis_period_rows(user=force.ccd, now=NOW)

    assert [(row.period, row.state) for row in rows] == [
        (scheduled, CrisisState.SCHEDULED),
        (open_major, CrisisState.ACTIVE),
        (ended, CrisisState.ENDED),
    ]
    auditor_rows = selectors.crisis_period_rows(user=force.auditor, now=NOW)
    assert [row.state for row in auditor_rows] == [row.state for row in rows]


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.CCD, Role.AUDITOR)] + [None])
def test_only_ccd_and_auditors_may_list_periods(force, role):
    period = CrisisPeriodFactory(declared_by=force.ccd)

    with pytest.raises(NotFoundError):
        selectors.crisis_period_rows(user=force.user(role), now=NOW)
    with pytest.raises(NotFoundError):
        selectors.crisis_period_get(user=force.user(role), pk=period.pk)


def test_a_missing_period_is_not_found(force):
    with pytest.raises(NotFoundError):
        selectors.crisis_period_get(user=force.ccd, pk=999)

"""The declarations (``incidents.actions``) the crisis pages read: every (state, action, role)
of the crisis period table, what is offered and what is refused, before anything changes;
and starting a period is CCD's alone."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import crisis_periods as crisis_flow
from bluelamp.incidents import actions
from bluelamp.incidents.choices import CrisisKind
from bluelamp.incidents.models import CrisisPeriod
from bluelamp.incidents.tests.conftest import DAY, HOUR, NOW
from bluelamp.incidents.tests.factories import CrisisPeriodFactory, ElectionPeriodFactory

pytestmark = pytest.mark.django_db

ROLES = [*Role, None]


def _period(kind: str, state: str, ccd) -> CrisisPeriod:
    """A period of ``kind`` standing in ``state`` at NOW."""
    factory = CrisisPeriodFactory if kind == CrisisKind.MAJOR_INCIDENT else ElectionPeriodFactory
    starts_at = NOW + DAY if state == crisis_flow.SCHEDULED else NOW - 2 * DAY
    fields = {"declared_by": ccd, "starts_at": starts_at}
    if kind == CrisisKind.ELECTION_PERIOD:
        fields["ends_at"] = starts_at + (DAY if state == crisis_flow.ENDED else 10 * DAY)
    if state == crisis_flow.ENDED:
        fields["ended_at"] = NOW - HOUR
        fields["ends_at"] = fields.get("ends_at", NOW - HOUR)
    period = factory(**fields)
    assert period.state_at(NOW).value == state
    return period


@pytest.mark.parametrize(
    ("kind", "state", "action"),
    [
        (kind, state, action)
        for kind, state, action in itertools.product(
            CrisisKind.values,
            crisis_flow.STATES,
            ["end_major_incident", "end_election_period"],
        )
        # A major incident is in force from the moment it is declared: never scheduled.
        if not (kind == CrisisKind.MAJOR_INCIDENT and state == crisis_flow.SCHEDULED)
    ],
)
def test_every_state_action_and_role_of_a_crisis_period(force, kind, state, action):
    for role in ROLES:
        # Given a period of this kind in this state, and a person holding this role
        period = _period(kind, state, force.ccd)
        person = force.user(role)
        period_actions = actions.period_actions(NOW)
        events = AuditEvent.objects.count()
        fits = (action == "end_major_incident") == (kind == CrisisKind.MAJOR_INCIDENT)
        may = role == Role.CCD
        allowed = fits and crisis_flow.WORKFLOW.allowed(state, crisis_flow.END)
        # Then it is offered exactly when the role may and the kind and state allow it
        offered = actions.period_available_actions(user=person, period=period, now=NOW)
        assert (action in offered) == (may and allowed), (kind, state, action, role)
        # and doing it is refused, changing nothing, unless both do
        if not may:
            with pytest.raises(PermissionDeniedError):
                period_actions.perform(action, period, actor=person, data={"reason": "x"})
        elif not allowed:
            with pytest.raises(InvalidTransitionError):
                period_actions.perform(action, period, actor=person, data={"reason": "x"})
        else:
            period_actions.perform(action, period, actor=person, data={"reason": "x", "now": NOW})
            period.refresh_from_db()
            assert period.state_at(NOW + HOUR).value == crisis_flow.ENDED
            period.delete()
            continue
        period.refresh_from_db()
        assert period.ended_at is None or state == crisis_flow.ENDED
        assert AuditEvent.objects.count() == events
        period.delete()


def test_the_end_action_is_the_one_for_the_period_s_kind(force):
    major = _period(CrisisKind.MAJOR_INCIDENT, crisis_flow.ACTIVE, force.ccd)
    election = _period(CrisisKind.ELECTION_PERIOD, crisis_flow.ACTIVE, force.ccd)
    assert actions.period_end_action(major) == "end_major_incident"
    assert actions.period_end_action(election) == "end_election_period"


@pytest.mark.parametrize("role", ROLES)
def test_only_ccd_may_start_a_period(force, role):
    person = force.user(role)
    data = {
        "declare_major_incident": {"title": "Flood", "reason": "Gold", "now": NOW},
        "set_election_period": {
            "title": "PCC election",
            "reason": "Notice published",
            "starts_at": NOW + DAY,
            "ends_at": NOW + 20 * DAY,
            "now": NOW,
        },
    }
    for name in actions.NEW_PERIOD_ACTIONS:
        if role == Role.CCD:
            period = actions.NEW_PERIOD_ACTIONS[name].perform_new(actor=person, data=data[name])
            assert period.declared_by == person
        else:
            with pytest.raises(PermissionDeniedError):
                actions.NEW_PERIOD_ACTIONS[name].perform_new(actor=person, data=data[name])
    if role != Role.CCD:
        assert not CrisisPeriod.objects.exists()

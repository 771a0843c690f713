"""The demo's crisis data: one past election period, ended by CCD; no major incident; running
it again adds nothing."""

from __future__ import annotations

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.incidents import selectors
from bluelamp.incidents.choices import CrisisKind, CrisisState
from bluelamp.incidents.demo import load_demo
from bluelamp.incidents.models import CrisisPeriod
from bluelamp.incidents.tests.conftest import NOW

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_past_ended_election_period_and_no_major_incident(user_of):
    ccd = user_of(Role.CCD, username="ccd")

    period = load_demo(NOW)

    assert period is not None
    assert period.kind == CrisisKind.ELECTION_PERIOD
    assert period.state_at(NOW) == CrisisState.ENDED
    assert period.declared_by == ccd and period.ended_by == ccd
    assert period.ends_at < NOW
    assert not CrisisPeriod.objects.filter(kind=CrisisKind.MAJOR_INCIDENT).exists()
    assert not selectors.crisis_context(NOW).election_period_active
    assert AuditEvent.objects.filter(action__startswith="incident.").count() == 2


def test_loading_the_demo_again_adds_nothing(user_of):
    user_of(Role.CCD, username="ccd")
    first = load_demo(NOW)

    again = load_demo(NOW)

    assert again == first
    assert CrisisPeriod.objects.count() == 1


def test_without_a_ccd_user_the_demo_adds_nothing(db):
    assert load_demo(NOW) is None
    assert not CrisisPeriod.objects.exists()

"""Every (state, action, who) of the conduct-case table, through the declarations the pages and
the API use: only the allowed person, in an allowed state, changes anything; everyone else is
refused (403/404/409) and nothing changes, the audit trail included."""

from __future__ import annotations

import pytest

from bluelamp.conduct.actions import CONDUCT_CASE_ACTIONS
from bluelamp.conduct.tests.matrix import CASE_IDS, CASES, allowed_actor, arrange, inputs, state_of
from bluelamp.core.errors import (
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
)
from bluelamp.engine.workflows import conduct_cases as flow

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("state", "action", "who"), CASES, ids=CASE_IDS)
def test_only_the_allowed_person_in_an_allowed_state_takes_each_step(force, state, action, who):
    case = arrange(state, force)
    actor = force.who(who)
    before = state_of(case)
    may = who == allowed_actor(action, case)
    if may and flow.allowed(state, action):
        CONDUCT_CASE_ACTIONS.perform(action, case, actor=actor, data=inputs(action))
        case.refresh_from_db()
        assert case.status == flow.next_state(state, action)
        assert state_of(case) != before
        return
    with pytest.raises((PermissionDeniedError, NotFoundError, InvalidTransitionError)):
        CONDUCT_CASE_ACTIONS.perform(action, case, actor=actor, data=inputs(action))
    assert state_of(case) == before


@pytest.mark.parametrize(("state", "action", "who"), CASES, ids=CASE_IDS)
def test_the_services_refuse_alike_when_called_directly(force, state, action, who):
    """The service checks who and the state again under its lock, whatever the caller did."""
    case = arrange(state, force)
    actor = force.who(who)
    if who == allowed_actor(action, case) and flow.allowed(state, action):
        return
    before = state_of(case)
    service = CONDUCT_CASE_ACTIONS[action].service
    with pytest.raises((PermissionDeniedError, NotFoundError, InvalidTransitionError)):
        service(conduct_case=case, actor=actor, **inputs(action))
    assert state_of(case) == before

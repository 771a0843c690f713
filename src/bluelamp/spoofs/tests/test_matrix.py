"""Every (state, action, role) through the services. Only CCD may act; a permitted action the
table does not allow is refused with InvalidTransitionError; either way nothing changes and
nothing is audited. Otherwise the candidate moves to the table's next state."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import spoofs as flow
from bluelamp.spoofs.actions import CANDIDATE_ACTIONS
from bluelamp.spoofs.models import Candidate
from bluelamp.spoofs.tests.conftest import NOW, make_candidate

pytestmark = pytest.mark.django_db

MAY = {Role.CCD}

INPUTS = {
    "mark_spoof": {"reason": "Crest"},
    "mark_unofficial": {"reason": "A PCSO's page"},
    "mark_harmless": {"reason": "A cake shop"},
    "request_takedown": {"text": "Please remove", "reference": "R1"},
    "record_outcome": {"outcome": "taken_down"},
    "reopen": {"reason": "New facts"},
}


def _inputs(action, state):
    data = dict(INPUTS[action])
    if action == "record_outcome" and state == flow.UNOFFICIAL:
        data["outcome"] = "brought_under_registry"
    return {**data, "now": NOW}


CASES = list(itertools.product(flow.STATES, CANDIDATE_ACTIONS.names(), list(Role)))


@pytest.mark.parametrize(
    ("state", "action", "role"), CASES, ids=[f"{s}-{a}-{r.value}" for s, a, r in CASES]
)
def test_every_state_action_and_role(people, state, action, role):
    candidate = make_candidate(status=state)
    before = Candidate.objects.filter(pk=candidate.pk).values().get()
    events = AuditEvent.objects.count()
    service = CANDIDATE_ACTIONS[action].service
    step = CANDIDATE_ACTIONS[action].steps[0]
    call = lambda: service(candidate=candidate, actor=people[role], **_inputs(action, state))  # noqa: E731
    if role not in MAY:
        with pytest.raises(PermissionDeniedError):
            call()
    elif not flow.WORKFLOW.allowed(state, step):
        with pytest.raises(InvalidTransitionError):
            call()
    else:
        call()
        assert Candidate.objects.get(pk=candidate.pk).status == flow.WORKFLOW.next_state(
            state, step
        )
        assert AuditEvent.objects.count() == events + 1
        return
    assert Candidate.objects.filter(pk=candidate.pk).values().get() == before
    assert AuditEvent.objects.count() == events

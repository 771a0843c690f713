"""Every (state, action, role), through the services themselves: information security may take exactly the actions the
workflow table allows; auditors are refused (403) and everyone else is answered as if the
request did not exist (404); a refusal changes nothing."""

from __future__ import annotations

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, NotFoundError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.data_requests.actions import REMOVAL_REQUEST_ACTIONS
from bluelamp.data_requests.models import RemovalRequest
from bluelamp.data_requests.tests.matrix import CASE_IDS, CASES, arrange, inputs, state_of
from bluelamp.engine.workflows import data_requests as flow

pytestmark = pytest.mark.django_db


def _act(action: str, actor, request: RemovalRequest) -> None:
    """The action's declared service, called directly: its own checks refuse."""
    service = REMOVAL_REQUEST_ACTIONS[action].service
    service(removal_request=request, actor=actor, **inputs(action, request))


@pytest.mark.parametrize(
    ("state", "action", "role"),
    CASES,
    ids=CASE_IDS,
)
def test_every_state_action_and_role(force, state, action, role):
    # Given a request in a state, arranged so the action could succeed
    request = arrange(state, action)
    actor = force.by_role[role] if role else force.nobody
    before = state_of(request)
    allowed = flow.allowed(state, action)
    if role is Role.INFOSEC and allowed:
        # When information security takes an allowed action, it moves where the table says
        _act(action, actor, request)
        request.refresh_from_db()
        assert request.status == flow.next_state(state, action)
        assert AuditEvent.objects.count() == before[2] + 1
        return
    expected = {
        Role.INFOSEC: InvalidTransitionError,
        Role.AUDITOR: PermissionDeniedError,
    }.get(role, NotFoundError)
    # When anyone else acts, or information security acts where the state forbids it
    with pytest.raises(expected):
        _act(action, actor, request)
    # Then nothing changed
    assert state_of(request) == before

"""The declarations (``actions``): one per step of the table, read by the pages and the API.
Every (state, action, role): the action is offered exactly when the table allows it and the
role may act, and taking it through the declarations moves the request where the table says,
or is refused (403 for anyone but information security, 409 with the services' own refusal
where the state does not allow it) and changes nothing."""

from __future__ import annotations

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.data_requests.actions import (
    ITEM_ACTIONS,
    REMOVAL_REQUEST_ACTIONS,
    removal_request_available_actions,
)
from bluelamp.data_requests.errors import ExtensionRefusedError
from bluelamp.data_requests.tests.factories import LetterFactory, RemovalRequestFactory
from bluelamp.data_requests.tests.matrix import CASE_IDS, CASES, arrange, inputs, state_of
from bluelamp.engine.workflows import data_requests as flow

pytestmark = pytest.mark.django_db


def test_every_step_of_the_table_is_declared_once_in_the_tables_order():
    assert REMOVAL_REQUEST_ACTIONS.names() == list(flow.ACTIONS)
    assert all(action.steps == (action.name,) for action in REMOVAL_REQUEST_ACTIONS)
    assert ITEM_ACTIONS == (flow.DECIDE_POST, flow.COMPLETE_TASK)


def test_auditors_are_offered_no_actions(force):
    request = RemovalRequestFactory()
    assert removal_request_available_actions(user=force.auditor, removal_request=request) == []
    assert "ask_identity" in removal_request_available_actions(
        user=force.infosec, removal_request=request
    )


def test_an_extended_request_is_not_offered_another_extension(force):
    request = RemovalRequestFactory(extended=True)
    actions = removal_request_available_actions(user=force.infosec, removal_request=request)
    assert "extend" not in actions


def test_a_second_extension_is_refused_as_the_service_refuses_it(force):
    request = RemovalRequestFactory(status=flow.CONSIDERING, extended=True)
    letter = LetterFactory(request=request, kind="extension")
    with pytest.raises(ExtensionRefusedError, match="can be extended only once"):
        REMOVAL_REQUEST_ACTIONS.perform(
            flow.EXTEND,
            request,
            actor=force.infosec,
            data={"reasons": "Complex", "letter": letter},
        )


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
    offered = removal_request_available_actions(user=actor, removal_request=request)
    # Then it is offered exactly when the table allows it and the role may act
    assert (action in offered) == (role is Role.INFOSEC and allowed)
    if role is Role.INFOSEC and allowed:
        # When information security takes it through the declarations, it moves as the table says
        REMOVAL_REQUEST_ACTIONS.perform(action, request, actor=actor, data=inputs(action, request))
        request.refresh_from_db()
        assert request.status == flow.next_state(state, action)
        assert AuditEvent.objects.count() == before[2] + 1
        return
    expected = InvalidTransitionError if role is Role.INFOSEC else PermissionDeniedError
    # When anyone else takes it, or information security where the state forbids it
    with pytest.raises(expected) as refused:
        REMOVAL_REQUEST_ACTIONS.perform(action, request, actor=actor, data=inputs(action, request))
    if role is Role.INFOSEC:
        # Then the refusal is the services' own, naming the request and its state
        assert refused.value.message.startswith(f"{request.reference} is ")
        assert refused.value.message.endswith("cannot be done now.")
    # And nothing changed
    assert state_of(request) == before

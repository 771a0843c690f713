"""Every (state, action, role): information security may take exactly the actions the
workflow table allows; auditors are refused (403) and everyone else is answered as if the
request did not exist (404); a refusal changes nothing."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, NotFoundError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.data_requests.choices import LetterKind, Outcome
from bluelamp.data_requests.models import RemovalRequest
from bluelamp.data_requests.services.actioning import (
    removal_request_actioning_start,
    removal_task_complete,
)
from bluelamp.data_requests.services.decisions import (
    post_decision_decide,
    removal_request_close,
    removal_request_extend,
    removal_request_respond,
)
from bluelamp.data_requests.services.intake import (
    removal_request_identity_ask,
    removal_request_identity_confirm,
    removal_request_identity_receive,
    removal_request_post_add,
    removal_request_regime_set,
)
from bluelamp.data_requests.tests.conftest import NOW
from bluelamp.data_requests.tests.factories import (
    LetterFactory,
    PostDecisionFactory,
    RemovalRequestFactory,
    RemovalTaskFactory,
)
from bluelamp.engine.workflows import data_requests as flow

pytestmark = pytest.mark.django_db

WHEN = NOW - dt.timedelta(hours=1)


def _arrange(state: str, action: str) -> RemovalRequest:
    """A request in ``state`` holding what ``action`` needs to succeed where it is allowed."""
    request = RemovalRequestFactory(status=state)
    if action == flow.EXTEND:
        LetterFactory(request=request, kind=LetterKind.EXTENSION, sent_at=WHEN)
    if action == flow.RESPOND:
        LetterFactory(request=request, kind=LetterKind.OUTCOME, sent_at=WHEN)
    if action == flow.START_ACTIONING:
        PostDecisionFactory(request=request, outcome=Outcome.REMOVE)
    elif action == flow.RESPOND and state != flow.ACTIONING:
        PostDecisionFactory(request=request, outcome=Outcome.REFUSE, reasons="Accurate")
    elif action == flow.RESPOND:
        RemovalTaskFactory(
            decision__request=request, carried_out_at=WHEN, carried_out_by="Sam", evidence="Done"
        )
    elif action == flow.COMPLETE_TASK:
        RemovalTaskFactory(decision__request=request)
    elif action == flow.DECIDE_POST:
        PostDecisionFactory(request=request)
    return request


def _act(action: str, actor, request: RemovalRequest) -> None:
    common = {"actor": actor, "now": NOW}
    if action == flow.ADD_POST:
        removal_request_post_add(
            removal_request=request, url="https://x.com/a/status/1", platform="X", **common
        )
    elif action == flow.SET_REGIME:
        removal_request_regime_set(removal_request=request, regime="part3", **common)
    elif action == flow.ASK_IDENTITY:
        removal_request_identity_ask(removal_request=request, **common)
    elif action == flow.RECEIVE_IDENTITY:
        removal_request_identity_receive(removal_request=request, received_at=WHEN, **common)
    elif action == flow.CONFIRM_IDENTITY:
        removal_request_identity_confirm(removal_request=request, **common)
    elif action == flow.DECIDE_POST:
        post_decision_decide(decision=request.posts.get(), outcome=Outcome.REMOVE, **common)
    elif action == flow.EXTEND:
        removal_request_extend(
            removal_request=request,
            reasons="Complex",
            letter=request.letters.get(kind=LetterKind.EXTENSION),
            **common,
        )
    elif action == flow.START_ACTIONING:
        removal_request_actioning_start(removal_request=request, **common)
    elif action == flow.COMPLETE_TASK:
        removal_task_complete(
            task=request.posts.get().task,
            carried_out_by="Sam",
            carried_out_at=WHEN,
            evidence="Deleted",
            **common,
        )
    elif action == flow.RESPOND:
        removal_request_respond(
            removal_request=request,
            letter=request.letters.get(kind=LetterKind.OUTCOME),
            summary="Answered",
            **common,
        )
    elif action == flow.CLOSE:
        removal_request_close(removal_request=request, **common)
    else:  # pragma: no cover - a new action needs a line here
        raise AssertionError(f"no service call for {action}")


def _state_of(request: RemovalRequest) -> tuple:
    row = RemovalRequest.objects.get(pk=request.pk)
    return (
        {f.name: getattr(row, f.name) for f in row._meta.concrete_fields},
        list(row.posts.values()),
        AuditEvent.objects.count(),
    )


ROLES = [*Role, None]
CASES = list(itertools.product(flow.STATES, flow.ACTIONS, ROLES))


@pytest.mark.parametrize(
    ("state", "action", "role"),
    CASES,
    ids=[f"{s}-{a}-{r.value if r else 'no_role'}" for s, a, r in CASES],
)
def test_every_state_action_and_role(force, state, action, role):
    # Given a request in a state, arranged so the action could succeed
    request = _arrange(state, action)
    actor = force.by_role[role] if role else force.nobody
    before = _state_of(request)
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
    assert _state_of(request) == before

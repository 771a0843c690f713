"""What the state × action × role tests share: a request arranged so each action could succeed
where its state allows it, and the input each action's service takes."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.data_requests.choices import LetterKind, Outcome
from bluelamp.data_requests.models import RemovalRequest
from bluelamp.data_requests.tests.conftest import NOW
from bluelamp.data_requests.tests.factories import (
    LetterFactory,
    PostDecisionFactory,
    RemovalRequestFactory,
    RemovalTaskFactory,
)
from bluelamp.engine.workflows import data_requests as flow

WHEN = NOW - dt.timedelta(hours=1)


def arrange(state: str, action: str) -> RemovalRequest:
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


#: Each action's input (besides the request, the actor and the time), as its declared service
#: (``actions.REMOVAL_REQUEST_ACTIONS[action].service``) takes it.
INPUTS: dict[str, Callable[[RemovalRequest], dict[str, Any]]] = {
    flow.ADD_POST: lambda request: {"url": "https://x.com/a/status/1", "platform": "X"},
    flow.SET_REGIME: lambda request: {"regime": "part3"},
    flow.ASK_IDENTITY: lambda request: {},
    flow.RECEIVE_IDENTITY: lambda request: {"received_at": WHEN},
    flow.CONFIRM_IDENTITY: lambda request: {},
    flow.DECIDE_POST: lambda request: {"decision": request.posts.get(), "outcome": Outcome.REMOVE},
    flow.EXTEND: lambda request: {
        "reasons": "Complex",
        "letter": request.letters.get(kind=LetterKind.EXTENSION),
    },
    flow.START_ACTIONING: lambda request: {},
    flow.COMPLETE_TASK: lambda request: {
        "task": request.posts.get().task,
        "carried_out_by": "Sam",
        "carried_out_at": WHEN,
        "evidence": "Deleted",
    },
    flow.RESPOND: lambda request: {
        "letter": request.letters.get(kind=LetterKind.OUTCOME),
        "summary": "Answered",
    },
    flow.CLOSE: lambda request: {},
}


def inputs(action: str, request: RemovalRequest) -> dict[str, Any]:
    """``action``'s input for the arranged ``request``, with the time."""
    return {**INPUTS[action](request), "now": NOW}


def state_of(request: RemovalRequest) -> tuple:
    """The request, its posts and the number of audit events: equal before and after a
    refusal."""
    row = RemovalRequest.objects.get(pk=request.pk)
    return (
        {f.name: getattr(row, f.name) for f in row._meta.concrete_fields},
        list(row.posts.values()),
        AuditEvent.objects.count(),
    )


#: Every (state, action, role) of the table, with no role at all as ``None``, and their ids.
CASES = list(itertools.product(flow.STATES, flow.ACTIONS, [*Role, None]))
CASE_IDS = [f"{s}-{a}-{r.value if r else 'no_role'}" for s, a, r in CASES]

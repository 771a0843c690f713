"""What every removal-request service shares: the row lock, the refusal when the state does
not allow an action, the audit snapshot of changed fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import InvalidTransitionError
from bluelamp.core.models import User
from bluelamp.core.transitions import refuse_unless_allowed, transition
from bluelamp.data_requests import permissions
from bluelamp.data_requests.choices import (
    RequestStatus,
)
from bluelamp.data_requests.models import (
    RemovalRequest,
)
from bluelamp.engine.workflows import data_requests as flow

#: The longest name (the requester's, or who carried out a task) the services accept.
MAX_NAME = 200


#: What each step of the table is, in the words of the refusal when the state does not allow it.
DOING = {
    flow.ADD_POST: "adding a post",
    flow.SET_REGIME: "changing the regime",
    flow.ASK_IDENTITY: "asking for identity",
    flow.RECEIVE_IDENTITY: "receiving identity",
    flow.CONFIRM_IDENTITY: "confirming identity",
    flow.DECIDE_POST: "deciding a post",
    flow.EXTEND: "extending the deadline",
    flow.START_ACTIONING: "setting tasks",
    flow.COMPLETE_TASK: "completing a task",
    flow.RESPOND: "responding",
    flow.CLOSE: "closing",
}


def refuse_state(request: RemovalRequest, action: str) -> InvalidTransitionError:
    """The refusal (409) when the request's state does not allow ``action``: "RR-00042 is
    closed: adding a post cannot be done now." The pages and the API (``actions``) give the
    same refusal as the services."""
    label = RequestStatus(request.status).label.lower()
    return InvalidTransitionError(
        f"{request.reference} is {label}: {DOING[action]} cannot be done now.",
        state=request.status,
        action=action,
    )


def require_state(request: RemovalRequest, action: str) -> str:
    """The state ``action`` leads to from the (locked) request's, or the refusal raised."""
    return refuse_unless_allowed(
        request, workflow=flow.WORKFLOW, action=action, refusal=refuse_state
    )


def move(
    request: RemovalRequest,
    action: str,
    *,
    actor: User | None,
    now: dt.datetime,
    audit_action: str,
    stamp: str = "",
    at: dt.datetime | None = None,
    changes: Mapping[str, Any] | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> RemovalRequest:
    """Take ``action`` on the locked request along the engine's table
    (``core.transitions.transition``: refused with :func:`refuse_state`, saved with
    ``update_fields``, ``audit_action`` recorded with the state before and after). ``stamp``
    names the time field the step sets (to ``at``, default ``now``), recorded before and after
    too; ``changes``, ``before`` and ``after`` add to it."""
    if stamp:
        at = now if at is None else at
        changes = {stamp: at, **(changes or {})}
        before = {stamp: plain(getattr(request, stamp)), **(before or {})}
        after = {stamp: plain(at), **(after or {})}
    return transition(
        request,
        workflow=flow.WORKFLOW,
        action=action,
        actor=actor,
        audit_action=audit_action,
        now=now,
        refusal=refuse_state,
        changes=changes,
        before=before,
        after=after,
    )


def simple_step(
    removal_request: RemovalRequest,
    action: str,
    *,
    actor: User,
    now: dt.datetime | None,
    audit_action: str,
    stamp: str = "",
) -> RemovalRequest:
    """A step that takes no input: check that the actor may act, lock the request and
    :func:`move` it, in one transaction."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = lock(removal_request)
        return move(request, action, actor=actor, now=now, audit_action=audit_action, stamp=stamp)


def lock(request: RemovalRequest) -> RemovalRequest:
    """Re-read the request under a row lock so two people cannot act on it at once."""
    return RemovalRequest.objects.select_for_update().get(pk=request.pk)


def plain(value: Any) -> Any:
    """A value as the audit trail keeps it (dates and times in ISO 8601)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """``fields`` of ``obj`` as the audit trail keeps them."""
    return {name: plain(getattr(obj, name)) for name in fields}


def audit(
    *,
    actor: User,
    action: str,
    target: Any,
    now: dt.datetime,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """Record ``action`` on ``target`` in the caller's transaction."""
    audit_record(actor=actor, action=action, target=target, before=before, after=after, now=now)

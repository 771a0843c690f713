"""One way to move an object along its workflow table: check, save, audit.

Every service that changes a status calls :func:`transition` inside its ``transaction.atomic``
block, on a row it has locked. It asks the engine's table whether the action is allowed from the
current state (else it raises the refusal, changing nothing), sets the new state and the other
changed fields, saves exactly those fields (``update_fields``) and writes the audit event, in
that order, so a state change without its audit row cannot be committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db.models import Model

from bluelamp.core import auditing
from bluelamp.core.errors import ApplicationError, InvalidTransitionError
from bluelamp.engine.workflows import Workflow

Refusal = Callable[[Any, str], ApplicationError]


def refuse_unless_allowed(
    obj: Any,
    *,
    workflow: Workflow,
    action: str,
    state_field: str = "status",
    refusal: Refusal | None = None,
) -> str:
    """The state ``action`` leads to from ``obj``'s, or the refusal (by default an
    InvalidTransitionError naming the state and the action) raised."""
    state = getattr(obj, state_field)
    if not workflow.allowed(state, action):
        if refusal is not None:
            raise refusal(obj, action)
        raise InvalidTransitionError(state=state, action=action)
    return workflow.next_state(state, action)


def transition(
    obj: Model,
    *,
    workflow: Workflow,
    action: str,
    actor: Any,
    audit_action: str,
    now: dt.datetime,
    state_field: str = "status",
    changes: Mapping[str, Any] | None = None,
    also_save: Iterable[str] = (),
    refusal: Refusal | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    target_label: str = "",
) -> Model:
    """Take ``action`` on the locked ``obj``: the ``workflow`` table says whether it may and
    where it goes. Sets ``changes`` too (and ``updated_at`` to ``now`` when the model has one),
    saves those fields, the state and ``also_save`` (fields the caller already set), then
    records ``audit_action`` with the state before and after (plus ``before``/``after``)."""
    old = getattr(obj, state_field)
    new = refuse_unless_allowed(
        obj, workflow=workflow, action=action, state_field=state_field, refusal=refusal
    )
    setattr(obj, state_field, new)
    fields = [state_field]
    for name, value in (changes or {}).items():
        setattr(obj, name, value)
        fields.append(name)
    fields.extend(also_save)
    concrete = {f.name for f in obj._meta.concrete_fields}
    if "updated_at" in concrete and "updated_at" not in fields:
        obj.updated_at = now
        fields.append("updated_at")
    obj.save(update_fields=list(dict.fromkeys(fields)))
    auditing.record(
        actor=actor,
        action=audit_action,
        target=obj,
        target_label=target_label,
        before={state_field: old, **(before or {})},
        after={state_field: new, **(after or {})},
        now=now,
    )
    return obj

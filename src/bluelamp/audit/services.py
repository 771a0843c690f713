"""Writing the audit trail. ``audit_record`` is the only way an AuditEvent is created."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Model
from django.utils import timezone

from bluelamp.audit import checkpoints, keys
from bluelamp.audit.chain import GENESIS_HASH, compute_hash, mask_secrets
from bluelamp.audit.models import AuditEvent, ChainHead
from bluelamp.audit.registry import actions
from bluelamp.core.context import current_request_id
from bluelamp.core.errors import AuditWriteError

SYSTEM_ACTOR = "system"


def _jsonable(value: Mapping[str, Any] | None, what: str) -> dict[str, Any] | None:
    """Masked, and exactly as it will read back from a JSON column, so the hash computed now
    is the hash ``verify`` recomputes later."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(f"audit {what} must be a mapping, not {type(value).__name__}")
    try:
        text = json.dumps(mask_secrets(value), cls=DjangoJSONEncoder, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"audit {what} cannot be stored as JSON: {exc}") from exc
    return json.loads(text)


def actor_label(actor: Any) -> str:
    """The text snapshot of who acted."""
    if actor is None:
        return SYSTEM_ACTOR
    label = getattr(actor, "label", None)
    return str(label if label else actor.get_username())


def _lock_head(using: str) -> ChainHead:
    """Lock the chain head row, creating it for the first event of an empty table.

    If two first writers race, the second's insert waits for the first to commit, fails, and
    then locks the first's row. A head created here while events exist means the head was
    deleted: refuse (the caller's transaction rolls the new head back)."""
    heads = ChainHead.objects.using(using).select_for_update()
    head = heads.filter(pk=1).first()
    if head is not None:
        return head
    try:
        with transaction.atomic(using=using):
            ChainHead.objects.using(using).create(pk=1, sequence=0, hash=GENESIS_HASH)
        created = True
    except IntegrityError:
        created = False  # another writer created it first; lock theirs
    head = heads.get(pk=1)
    if created and AuditEvent.objects.using(using).exists():
        raise AuditWriteError("The audit chain head is missing; run `bluelamp audit verify`.")
    return head


def audit_record(
    *,
    actor: Any,
    action: str,
    target: Model | None = None,
    target_type: str = "",
    target_id: str | int = "",
    target_label: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    actor_text: str | None = None,
    request_id: str | None = None,
    now: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the audit trail, inside the caller's transaction.

    ``actor`` is the user who acted (None for the system or an anonymous visitor, with
    ``actor_text`` saying who). ``target`` names the object acted on (or give ``target_type``,
    ``target_id`` and ``target_label``). ``before``/``after`` hold the changed fields; values of
    secret-named keys are masked. The request id comes from the current request unless given.

    Must run inside ``transaction.atomic()``: if the event cannot be written the whole action
    is rolled back. Raises UnknownActionError for an unregistered action."""
    actions.get(action)
    using = router.db_for_write(AuditEvent)
    if not connections[using].in_atomic_block:
        raise RuntimeError(
            "audit_record must be called inside the action's transaction.atomic() block"
        )
    if target is not None:
        meta = target._meta
        target_type = target_type or f"{meta.app_label}.{meta.model_name}"
        target_id = target_id or target.pk
        target_label = target_label or str(target)
    when = now or timezone.now()
    if timezone.is_naive(when):
        raise ValueError("audit times must be timezone-aware")

    key_id, key = keys.signing_key()
    head = _lock_head(using)
    event = AuditEvent(
        sequence=head.sequence + 1,
        occurred_at=when.astimezone(dt.UTC),
        actor=actor,
        actor_text=(actor_text or actor_label(actor))[:300],
        action=action,
        target_type=str(target_type)[:100],
        target_id=str(target_id)[:100],
        target_label=str(target_label)[:300],
        before=_jsonable(before, "before"),
        after=_jsonable(after, "after"),
        request_id=(request_id if request_id is not None else current_request_id())[:64],
        prev_hash=head.hash,
        key_id=key_id,
    )
    event.hash = compute_hash(
        {
            "sequence": event.sequence,
            "occurred_at": event.occurred_at,
            "actor_id": actor.pk if actor is not None else None,
            "actor_text": event.actor_text,
            "action": event.action,
            "target_type": event.target_type,
            "target_id": event.target_id,
            "target_label": event.target_label,
            "before": event.before,
            "after": event.after,
            "request_id": event.request_id,
            "prev_hash": event.prev_hash,
            "key_id": key_id,
        },
        key=key,
    )
    event._allow_insert = True
    event.save(using=using)
    head.sequence = event.sequence
    head.hash = event.hash
    head.save(using=using, update_fields=["sequence", "hash"])
    return event


def audit_checkpoint_write(*, now: dt.datetime | None = None, keep: bool = True) -> str:
    """Sign a checkpoint of the chain head as this connection sees it, and (when ``keep``)
    append it to the checkpoint file, after the transaction commits if one is open. Returns
    the checkpoint line, for the caller to print or e-mail."""
    private_keys = keys.checkpoint_private_keys()
    if not private_keys:
        raise AuditWriteError(
            "Checkpoints cannot be signed: set BLUELAMP_AUDIT_CHECKPOINT_KEYS (see .env.example)."
        )
    using = router.db_for_read(ChainHead)
    head = ChainHead.objects.using(using).filter(pk=1).first()
    line = checkpoints.sign(
        private_keys[0],
        sequence=head.sequence if head else 0,
        head_hash=head.hash if head else GENESIS_HASH,
        at=now or timezone.now(),
    )
    path = settings.BLUELAMP_AUDIT_CHECKPOINT_FILE
    if keep and path:
        transaction.on_commit(lambda: checkpoints.append(Path(path), line), using=using)
    return line

"""Reading the audit trail: searching events, and checking the chain."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils import timezone

from bluelamp.audit import chain, checkpoints, keys, triggers
from bluelamp.audit.models import AuditEvent, ChainHead, target_kind_words

#: The routine events that flood the trail: a person signing in or out.
SIGN_IN_ACTIONS = ("auth.login", "auth.logout")


def audit_event_search(
    *,
    action: str = "",
    actor: str = "",
    target: str = "",
    target_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    without_sign_ins: bool = False,
) -> QuerySet[AuditEvent]:
    """Events matching every filter given, newest first.

    ``action`` is an exact name, or a domain prefix ending in a dot (``auth.``); ``actor``
    matches the actor snapshot or username; ``target`` matches the target's id exactly or its
    label in part; dates are whole days in the service's time zone, both ends included;
    ``without_sign_ins`` leaves out people signing in and out (failed sign-ins and lock-outs
    stay: they matter to security)."""
    events = AuditEvent.objects.select_related("actor").order_by("-sequence")
    if without_sign_ins:
        events = events.exclude(action__in=SIGN_IN_ACTIONS)
    if action:
        events = (
            events.filter(action__startswith=action)
            if action.endswith(".")
            else events.filter(action=action)
        )
    if actor:
        events = events.filter(Q(actor_text__icontains=actor) | Q(actor__username__iexact=actor))
    if target_type:
        events = events.filter(target_type=target_type)
    if target:
        events = events.filter(Q(target_id=target) | Q(target_label__icontains=target))
    zone = timezone.get_current_timezone()
    if date_from:
        start = dt.datetime.combine(date_from, dt.time.min, tzinfo=zone)
        events = events.filter(occurred_at__gte=start)
    if date_to:
        end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        events = events.filter(occurred_at__lt=end)
    return events


def audit_event_get(*, sequence: int) -> AuditEvent | None:
    """One event by its sequence number, or None."""
    return AuditEvent.objects.select_related("actor").filter(sequence=sequence).first()


def audit_target_types() -> list[tuple[str, str]]:
    """The kinds of object the trail has events about, for the search form: (stored value,
    words), in the order of the words."""
    types = (
        AuditEvent.objects.exclude(target_type="")
        .order_by("target_type")
        .values_list("target_type", flat=True)
        .distinct()
    )
    return sorted(((t, target_kind_words(t)) for t in types), key=lambda pair: pair[1].lower())


EXPORT_FIELDS = (
    ("sequence", "Sequence"),
    ("occurred_at", "When (UTC)"),
    ("actor", "Who"),
    ("action", "Action"),
    ("action_label", "What"),
    ("target_kind", "About (kind)"),
    ("target_id", "About (ID)"),
    ("target_label", "About"),
    ("request_id", "Request ID"),
    ("before", "Before"),
    ("after", "After"),
    ("hash", "Hash"),
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def audit_event_record(event: AuditEvent) -> dict[str, Any]:
    """One event as the export gives it: plain values, times in UTC, the kind in words."""
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "actor": event.actor_text,
        "action": event.action,
        "action_label": event.action_label,
        "target_kind": event.target_kind,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "request_id": event.request_id,
        "before": event.before,
        "after": event.after,
        "hash": event.hash,
    }


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    text = (
        json.dumps(value, ensure_ascii=False, sort_keys=True)
        if isinstance(value, dict | list)
        else str(value)
    )
    # A spreadsheet must not run a cell as a formula.
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def audit_csv_rows(events: Iterable[AuditEvent]) -> Iterator[list[str]]:
    """The header, then one row per event (``EXPORT_FIELDS``)."""
    yield [label for _, label in EXPORT_FIELDS]
    for event in events:
        record = audit_event_record(event)
        yield [_csv_cell(record[name]) for name, _ in EXPORT_FIELDS]


_ROW_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_text",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "before",
    "after",
    "request_id",
    "prev_hash",
    "key_id",
    "hash",
)


CHECKPOINT_SLICE = 500


def held_checkpoint_file() -> Path | None:
    """The file the service appends checkpoints to, when it is set and exists."""
    path = settings.BLUELAMP_AUDIT_CHECKPOINT_FILE
    return Path(path) if path and Path(path).is_file() else None


def audit_chain_verify(
    *,
    using: str = "default",
    chunk_size: int = 2000,
    checkpoint_lines: Iterable[tuple[str, str]] = (),
    held: bool = True,
) -> chain.Report:
    """Check the trail and report the first fault, if any: the append-only triggers are in
    place; every event's HMAC, from the first, under the key it names; and every checkpoint
    (``checkpoint_lines``, (source, line) pairs, and, when ``held``, the service's own
    checkpoint file) is correctly signed, not ahead of the chain head (the head never went
    backwards) and matches the event at its sequence.

    Safe while others write: the head is read first and the rows up to it are checked; a row
    beyond it counts as inserted only if a fresh read of the head does not account for it (an
    event appended meanwhile is checked next time)."""
    missing = triggers.missing_triggers(connections[using])
    if missing:
        return chain.Report(
            checked=0,
            last_sequence=0,
            fault=chain.Fault(
                "triggers",
                0,
                "the database triggers that keep the trail append-only are missing or "
                f"disabled ({', '.join(missing)}): someone with the database's administrative "
                "rights changed them, so anything may have been changed meanwhile.",
            ),
        )
    report = _chain_report(using=using, chunk_size=chunk_size)
    if not report.intact:
        return report
    if held and (path := held_checkpoint_file()) is not None:
        try:
            checkpoint_lines = [*checkpoints.lines_of(path), *checkpoint_lines]
        except (OSError, UnicodeDecodeError) as error:
            return chain.Report(
                checked=report.checked,
                last_sequence=report.last_sequence,
                fault=chain.Fault(
                    "checkpoint", 0, f"the checkpoint file {path} cannot be read ({error})."
                ),
            )
    return _checkpoints_report(report, checkpoint_lines, using=using)


def _checkpoints_report(
    report: chain.Report, lines: Iterable[tuple[str, str]], *, using: str
) -> chain.Report:
    public_keys = keys.checkpoint_public_keys()
    found: list[checkpoints.Checkpoint] = []

    def fault(kind: str, sequence: int, message: str) -> chain.Report:
        return chain.Report(
            checked=report.checked,
            last_sequence=report.last_sequence,
            fault=chain.Fault(kind, sequence, message),
            checkpoints=len(found),
        )

    parsed = []
    seen: set[str] = set()
    for source, line in lines:
        # The same line given twice (the held file passed again with --checkpoints) is one
        # checkpoint: checking its signature once is enough.
        if line.strip() in seen:
            continue
        seen.add(line.strip())
        try:
            parsed.append(checkpoints.parse(line, public_keys, source=source))
        except checkpoints.CheckpointError as error:
            return fault("checkpoint", 0, f"a checkpoint cannot be trusted: {error}.")
    head = ChainHead.objects.using(using).filter(pk=1).first()
    head_sequence = head.sequence if head else 0
    # In slices: a checkpoint file grows by thousands of lines a year, more than SQLite takes
    # as parameters of one query.
    wanted = sorted({c.sequence for c in parsed})
    hashes: dict[int, str] = {}
    for start in range(0, len(wanted), CHECKPOINT_SLICE):
        hashes.update(
            AuditEvent.objects.using(using)
            .filter(sequence__in=wanted[start : start + CHECKPOINT_SLICE])
            .values_list("sequence", "hash")
        )
    for checkpoint in parsed:
        if checkpoint.sequence > head_sequence:
            return fault(
                "rewound",
                checkpoint.sequence,
                f"the chain head went backwards: {checkpoint.describe()} says the chain had "
                f"{checkpoint.sequence} events, but it now has {head_sequence}. Events were "
                "deleted and the head wound back.",
            )
        if checkpoint.sequence and hashes.get(checkpoint.sequence) != checkpoint.hash:
            return fault(
                "checkpoint",
                checkpoint.sequence,
                f"sequence {checkpoint.sequence} no longer has the hash {checkpoint.describe()} "
                "recorded: the chain up to it was rewritten.",
            )
        found.append(checkpoint)
    return chain.Report(
        checked=report.checked,
        last_sequence=report.last_sequence,
        fault=None,
        checkpoints=len(found),
    )


def _chain_report(*, using: str, chunk_size: int) -> chain.Report:
    chain_keys = keys.chain_keys()
    head = ChainHead.objects.using(using).filter(pk=1).first()
    rows = AuditEvent.objects.using(using).order_by("sequence").values(*_ROW_FIELDS)
    if head is None:
        return chain.verify(rows.iterator(chunk_size=chunk_size), None, None, keys=chain_keys)
    report = chain.verify(
        rows.filter(sequence__lte=head.sequence).iterator(chunk_size=chunk_size),
        head.sequence,
        head.hash,
        keys=chain_keys,
    )
    if not report.intact:
        return report
    beyond = rows.filter(sequence__gt=head.sequence).values_list("sequence", flat=True).first()
    if beyond is not None:
        fresh = ChainHead.objects.using(using).filter(pk=1).first()
        if fresh is None or fresh.sequence < beyond:
            return chain.Report(
                checked=report.checked,
                last_sequence=report.last_sequence,
                fault=chain.Fault(
                    "inserted",
                    beyond,
                    f"sequence {beyond} was inserted: the chain head records "
                    f"{fresh.sequence if fresh else head.sequence} events, "
                    "so the chain never wrote it.",
                ),
            )
    return report

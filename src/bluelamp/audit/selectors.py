"""Reading the audit trail: searching events, and checking the chain."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from bluelamp.audit import chain
from bluelamp.audit.models import AuditEvent, ChainHead


def audit_event_search(
    *,
    action: str = "",
    actor: str = "",
    target: str = "",
    target_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events matching every filter given, newest first.

    ``action`` is an exact name, or a domain prefix ending in a dot (``auth.``); ``actor``
    matches the actor snapshot or username; ``target`` matches the target's id exactly or its
    label in part; dates are whole days in the service's time zone, both ends included."""
    events = AuditEvent.objects.select_related("actor").order_by("-sequence")
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


def audit_target_types() -> list[str]:
    """The kinds of object the trail has events about, for the search form."""
    return list(
        AuditEvent.objects.exclude(target_type="")
        .order_by("target_type")
        .values_list("target_type", flat=True)
        .distinct()
    )


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
    "hash",
)


def audit_chain_verify(*, using: str = "default", chunk_size: int = 2000) -> chain.Report:
    """Recompute the whole chain from the first event and report the first fault, if any.

    Safe while others write: the head is read first and the rows up to it are checked; a row
    beyond it counts as inserted only if a fresh read of the head does not account for it (an
    event appended meanwhile is checked next time)."""
    head = ChainHead.objects.using(using).filter(pk=1).first()
    rows = AuditEvent.objects.using(using).order_by("sequence").values(*_ROW_FIELDS)
    if head is None:
        return chain.verify(rows.iterator(chunk_size=chunk_size), None, None)
    report = chain.verify(
        rows.filter(sequence__lte=head.sequence).iterator(chunk_size=chunk_size),
        head.sequence,
        head.hash,
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

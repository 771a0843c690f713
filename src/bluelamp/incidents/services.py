"""Every write to crisis periods: declaring and ending major incidents (CC/01 4.16) and setting
and ending election periods (6.12).

Each function takes the acting user (``actor``) and the time (``now``, aware; the real clock
only when not given). Only Corporate Communications may act. In one transaction each checks
permission, validates the input and the period's state, saves, writes the audit event and (for
major incidents) sends the signal in ``bluelamp.incidents.signals`` so that its receivers
(publishing holds every scheduled post) run in the same transaction. A refusal raises an
``ApplicationError`` subclass and changes nothing:

- ``PermissionDeniedError`` (403): the actor is not in CCD;
- ``InvalidInputError`` (400): a blank title or reason, an end before the start, an election
  period already over; ``errors`` maps field names to messages;
- ``MajorIncidentAlreadyDeclaredError`` / ``ElectionPeriodOverlapError`` (409): it clashes with
  a period already recorded;
- ``InvalidTransitionError`` (409): the period has already ended.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError, InvalidTransitionError
from bluelamp.core.models import User
from bluelamp.engine.workflows import crisis_periods as crisis_flow
from bluelamp.incidents import permissions, selectors, signals
from bluelamp.incidents.choices import CrisisKind
from bluelamp.incidents.errors import ElectionPeriodOverlapError, MajorIncidentAlreadyDeclaredError
from bluelamp.incidents.models import CrisisPeriod

logger = logging.getLogger(__name__)

MAX_TITLE = 200


# --- Input checks ---------------------------------------------------------------------------------


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _london(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local.day} {local:%B %Y %H:%M}"


def _lock(period: CrisisPeriod) -> CrisisPeriod:
    """Re-read the period under a row lock so two people cannot end it at once."""
    return CrisisPeriod.objects.select_for_update().get(pk=period.pk)


def period_ended_refusal(period: CrisisPeriod, *, now: dt.datetime) -> InvalidTransitionError:
    """The refusal to end a period that has already ended (409)."""
    what = period.get_kind_display().lower()
    return InvalidTransitionError(
        f"This {what} has already ended: {period.title}.",
        state=period.state_at(now).value,
        action=crisis_flow.END,
    )


def _refuse_unless_it_may_end(period: CrisisPeriod, now: dt.datetime) -> None:
    """The table (``engine.workflows.crisis_periods``) says whether its state at ``now`` may end."""
    if not crisis_flow.WORKFLOW.allowed(period.state_at(now).value, crisis_flow.END):
        raise period_ended_refusal(period, now=now)


# --- Major incidents (4.16) -----------------------------------------------------------------------


def major_incident_declare(
    *, actor: User, title: str, reason: str, now: dt.datetime | None = None
) -> CrisisPeriod:
    """Declare a major incident from ``now`` until CCD ends it.

    While it is open, scheduled posts are held and every post needs CCD's approval (4.16): the
    ``major_incident_declared`` signal is sent inside this transaction for publishing to act on.
    Refused when one is already open."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    errors = FieldErrors()
    title = validation.text(
        errors,
        "title",
        title,
        required="Enter a title for the major incident",
        max_length=MAX_TITLE,
    )
    reason = validation.text(
        errors, "reason", reason, required="Enter why the major incident is declared"
    )
    errors.raise_if_any()
    with transaction.atomic():
        current = (
            CrisisPeriod.objects.filter(kind=CrisisKind.MAJOR_INCIDENT, ended_at__isnull=True)
            .order_by("pk")
            .first()
        )
        if current is not None:
            raise MajorIncidentAlreadyDeclaredError(
                f"A major incident is already declared: {current.title}. "
                "End it before declaring another (CC/01 4.16)."
            )
        try:
            with transaction.atomic():
                period = CrisisPeriod.objects.create(
                    kind=CrisisKind.MAJOR_INCIDENT,
                    title=title,
                    reason=reason,
                    declared_by=actor,
                    starts_at=now,
                )
        except IntegrityError as exc:  # another CCD member declared one a moment ago
            raise MajorIncidentAlreadyDeclaredError() from exc
        audit_record(
            actor=actor,
            action="incident.major_declared",
            target=period,
            after={"title": title, "reason": reason, "starts_at": _when(now)},
            now=now,
        )
        signals.major_incident_declared.send(
            sender=CrisisPeriod, period=period, actor=actor, now=now
        )
    logger.warning("major incident %s declared by %s", period.pk, actor.get_username())
    return period


def major_incident_end(
    *, actor: User, period: CrisisPeriod, reason: str, now: dt.datetime | None = None
) -> CrisisPeriod:
    """End the open major incident ``period`` at ``now``, saying why.

    The ``major_incident_ended`` signal is sent inside this transaction (publishing releases
    what it held)."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    if period.kind != CrisisKind.MAJOR_INCIDENT:
        raise InvalidInputError("That is not a major incident.")
    errors = FieldErrors()
    reason = validation.text(
        errors, "reason", reason, required="Enter why the major incident is ended"
    )
    errors.raise_if_any()
    with transaction.atomic():
        period = _lock(period)
        _refuse_unless_it_may_end(period, now)
        if now < period.starts_at:
            raise InvalidInputError("A major incident cannot end before it was declared.")
        period.ends_at = now
        period.ended_at = now
        period.ended_by = actor
        period.end_reason = reason
        period.save(update_fields=["ends_at", "ended_at", "ended_by", "end_reason", "updated_at"])
        audit_record(
            actor=actor,
            action="incident.major_ended",
            target=period,
            before={"ends_at": None},
            after={"ends_at": _when(now), "end_reason": reason},
            now=now,
        )
        signals.major_incident_ended.send(sender=CrisisPeriod, period=period, actor=actor, now=now)
    logger.warning("major incident %s ended by %s", period.pk, actor.get_username())
    return period


# --- Election periods (6.12) ----------------------------------------------------------------------


def _check_no_overlap(starts_at: dt.datetime, ends_at: dt.datetime, *, exclude_pk=None) -> None:
    clash = selectors.election_period_overlaps(starts_at, ends_at, exclude_pk=exclude_pk)
    other = clash.first()
    if other is not None:
        raise ElectionPeriodOverlapError(
            f"Those dates overlap the election period already set: {other.title}, "
            f"{_london(other.starts_at)} to {_london(other.ends_at)}. "
            "End that one first or choose dates that do not overlap."
        )


def election_period_set(
    *,
    actor: User,
    title: str,
    reason: str,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    now: dt.datetime | None = None,
) -> CrisisPeriod:
    """Set an election period from ``starts_at`` until ``ends_at`` (6.12). It may start in the
    future (scheduled) or have started already; it must end after it starts and after ``now``,
    and must not overlap another election period."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    errors = FieldErrors()
    title = validation.text(
        errors,
        "title",
        title,
        required="Enter a title for the election period",
        max_length=MAX_TITLE,
    )
    reason = validation.text(
        errors, "reason", reason, required="Enter why the election period is set"
    )
    starts = validation.moment(
        errors, "starts_at", starts_at, required="Enter when the period starts"
    )
    ends = validation.moment(errors, "ends_at", ends_at, required="Enter when the period ends")
    if starts is not None and ends is not None:
        if ends <= starts:
            errors.add("ends_at", "The end must be after the start")
        elif ends <= now:
            errors.add("ends_at", "The end must be in the future: that period is already over")
    errors.raise_if_any()
    assert starts is not None and ends is not None
    with transaction.atomic():
        _check_no_overlap(starts, ends)
        period = CrisisPeriod.objects.create(
            kind=CrisisKind.ELECTION_PERIOD,
            title=title,
            reason=reason,
            declared_by=actor,
            starts_at=starts,
            ends_at=ends,
        )
        audit_record(
            actor=actor,
            action="incident.election_set",
            target=period,
            after={
                "title": title,
                "reason": reason,
                "starts_at": _when(starts),
                "ends_at": _when(ends),
            },
            now=now,
        )
        # The audit write above locked the chain head, which serialises audited writes: look
        # again so two periods set at the same moment cannot both slip past the first check.
        _check_no_overlap(starts, ends, exclude_pk=period.pk)
    logger.info("election period %s set by %s", period.pk, actor.get_username())
    return period


def election_period_end(
    *, actor: User, period: CrisisPeriod, reason: str, now: dt.datetime | None = None
) -> CrisisPeriod:
    """End the election period ``period`` early, at ``now``, saying why. One not yet started is
    cancelled (it ends when it would have started, so it is never in force)."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    if period.kind != CrisisKind.ELECTION_PERIOD:
        raise InvalidInputError("That is not an election period.")
    errors = FieldErrors()
    reason = validation.text(
        errors, "reason", reason, required="Enter why the election period is ended"
    )
    errors.raise_if_any()
    with transaction.atomic():
        period = _lock(period)
        _refuse_unless_it_may_end(period, now)
        before = _when(period.ends_at)
        period.ends_at = max(now, period.starts_at)
        period.ended_at = now
        period.ended_by = actor
        period.end_reason = reason
        period.save(update_fields=["ends_at", "ended_at", "ended_by", "end_reason", "updated_at"])
        audit_record(
            actor=actor,
            action="incident.election_ended",
            target=period,
            before={"ends_at": before},
            after={"ends_at": _when(period.ends_at), "end_reason": reason},
            now=now,
        )
    logger.info("election period %s ended by %s", period.pk, actor.get_username())
    return period

"""Reads of crisis periods: what is in force now (for the banner and for publishing's engine
flags) and the list of current and past periods.

Every function takes ``now`` (aware): the caller passes the time in, so tests need no frozen
clock. Publishing calls ``crisis_context(now)`` and sets the engine's ``election_period`` and
``major_incident`` flags from it.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from bluelamp.core.clock import aware_now
from bluelamp.core.errors import NotFoundError
from bluelamp.incidents import permissions
from bluelamp.incidents.choices import CrisisKind, CrisisState
from bluelamp.incidents.models import CrisisPeriod


@dataclass(frozen=True, slots=True)
class CrisisContext:
    """The crisis periods in force at one moment (either may be None)."""

    major_incident: CrisisPeriod | None = None
    election_period: CrisisPeriod | None = None

    @property
    def major_incident_active(self) -> bool:
        return self.major_incident is not None

    @property
    def election_period_active(self) -> bool:
        return self.election_period is not None


def _in_force(now: dt.datetime, kind: str | None = None) -> QuerySet[CrisisPeriod]:
    periods = CrisisPeriod.objects.in_force(aware_now(now))
    if kind is not None:
        periods = periods.filter(kind=kind)
    return periods.order_by("-starts_at", "-pk")


def major_incident_in_force(now: dt.datetime) -> CrisisPeriod | None:
    """The major incident declared and not ended at ``now``, or None."""
    return _in_force(now, CrisisKind.MAJOR_INCIDENT).first()


def election_period_in_force(now: dt.datetime) -> CrisisPeriod | None:
    """The election period in force at ``now``, or None (one scheduled later does not count)."""
    return _in_force(now, CrisisKind.ELECTION_PERIOD).first()


def crisis_context(now: dt.datetime) -> CrisisContext:
    """Both at once, in one query: what the banner shows and what publishing's checks use."""
    major = election = None
    for period in _in_force(now):
        if period.kind == CrisisKind.MAJOR_INCIDENT and major is None:
            major = period
        elif period.kind == CrisisKind.ELECTION_PERIOD and election is None:
            election = period
    return CrisisContext(major_incident=major, election_period=election)


#: How long the live check may reuse what it last read (see ``recent_crisis_context``).
RECENT_SECONDS = 5.0
_recent: list = []  # [(monotonic time read, CrisisContext)], at most one entry


def recent_crisis_context() -> CrisisContext:
    """The crisis context in force now, read at most every ``RECENT_SECONDS`` in this process.

    For the live check only, which runs several times a second as people type: it may show a
    declaration up to a few seconds late (this process forgets at once when it saves a period
    itself). Everything that decides — submitting, approving, publishing, the worker — reads
    ``crisis_context`` afresh."""
    if _recent and time.monotonic() - _recent[0][0] < RECENT_SECONDS:
        return _recent[0][1]
    context = crisis_context(aware_now())
    _recent[:] = [(time.monotonic(), context)]
    return context


def forget_recent_crisis_context(**kwargs: Any) -> None:
    _recent.clear()


@dataclass(frozen=True, slots=True)
class CrisisRow:
    """One period on the list, with where it stands at the time of the page (whether the user
    may end it is ``actions.period_available_actions``)."""

    period: CrisisPeriod
    state: CrisisState


def crisis_period_rows(*, user: Any, now: dt.datetime) -> list[CrisisRow]:
    """Every period, the latest start first, for CCD and auditors (404 for anyone else;
    views check the role first and answer 403)."""
    if not permissions.can_view(user):
        raise NotFoundError()
    now = aware_now(now)
    periods = CrisisPeriod.objects.select_related("declared_by", "ended_by")
    return [CrisisRow(period=period, state=period.state_at(now)) for period in periods]


def crisis_period_get(*, user: Any, pk: int) -> CrisisPeriod:
    """One period, for CCD and auditors; NotFoundError alike for missing and not allowed."""
    if not permissions.can_view(user):
        raise NotFoundError()
    period = CrisisPeriod.objects.select_related("declared_by", "ended_by").filter(pk=pk).first()
    if period is None:
        raise NotFoundError()
    return period


def election_period_overlaps(
    starts_at: dt.datetime, ends_at: dt.datetime, *, exclude_pk: int | None = None
) -> QuerySet[CrisisPeriod]:
    """Election periods whose (effective) span overlaps [starts_at, ends_at)."""
    periods = CrisisPeriod.objects.filter(
        kind=CrisisKind.ELECTION_PERIOD, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).exclude(ends_at=F("starts_at"))  # cancelled before it began: never in force
    if exclude_pk is not None:
        periods = periods.exclude(pk=exclude_pk)
    return periods.order_by("starts_at", "pk")

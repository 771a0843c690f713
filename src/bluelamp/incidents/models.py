"""Crisis periods: declared major incidents (CC/01 4.16) and election periods (6.12).

A ``CrisisPeriod`` is in force from ``starts_at`` until ``ends_at`` (exclusive). A major incident
starts when CCD declares it and stays open (``ends_at`` empty) until CCD ends it; at most one is
open at a time (a partial unique constraint, and a clear refusal in ``services``). An election
period is set by CCD with a start and an end, may be scheduled ahead, and may be ended early
(``ended_at``/``ended_by``/``end_reason`` then say when, by whom and why, and ``ends_at`` is
brought forward). Rows change only through ``services``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from bluelamp.core.models import TimeStampedModel
from bluelamp.incidents.choices import CrisisKind, CrisisState


class CrisisPeriodQuerySet(models.QuerySet):
    def in_force(self, now: dt.datetime) -> CrisisPeriodQuerySet:
        """Periods in force at ``now``: started, and not (yet) ended."""
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now), starts_at__lte=now)


class CrisisPeriod(TimeStampedModel):
    """One declared major incident or one election period, with who declared and ended it."""

    kind = models.CharField(max_length=20, choices=CrisisKind.choices)
    title = models.CharField(max_length=200)
    reason = models.TextField(help_text="Why it was declared or set.")
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="crisis_periods_declared"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty while a major incident is open."
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="crisis_periods_ended",
    )
    end_reason = models.TextField(blank=True)
    ended_at = models.DateTimeField(
        null=True, blank=True, help_text="When someone ended it (not set when it ran its course)."
    )

    objects = CrisisPeriodQuerySet.as_manager()

    class Meta:
        ordering = ("-starts_at", "-pk")
        indexes = (models.Index(fields=["kind", "starts_at"]),)
        constraints = (
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind=CrisisKind.MAJOR_INCIDENT, ended_at__isnull=True),
                name="incidents_one_open_major_incident",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="incidents_ends_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind=CrisisKind.ELECTION_PERIOD) | Q(ends_at__isnull=False),
                name="incidents_election_period_has_end",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_major_incident(self) -> bool:
        return self.kind == CrisisKind.MAJOR_INCIDENT

    @property
    def is_election_period(self) -> bool:
        return self.kind == CrisisKind.ELECTION_PERIOD

    def state_at(self, now: dt.datetime) -> CrisisState:
        """Scheduled, in force or ended, at ``now``."""
        if self.ended_at is not None or (self.ends_at is not None and self.ends_at <= now):
            return CrisisState.ENDED
        if self.starts_at > now:
            return CrisisState.SCHEDULED
        return CrisisState.ACTIVE

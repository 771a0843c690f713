"""A candidate spoof or unofficial account (CC/01 6.11) and what was decided about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bluelamp.core.models import TimeStampedModel
from bluelamp.social_accounts.choices import Platform
from bluelamp.spoofs.choices import CandidateStatus, Outcome, Source


class Candidate(TimeStampedModel):
    """An account on a platform that may pass itself off as the force's."""

    platform = models.CharField(max_length=20, choices=Platform.choices)
    handle = models.CharField(max_length=100)
    #: ``engine.handles.handle_key``: what two handles on one platform are compared by.
    handle_key = models.CharField(max_length=100, editable=False)
    display_name = models.CharField("name of the account", max_length=150, blank=True)
    url = models.URLField("address", max_length=300, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    #: Empty for an account found by the worker's weekly search.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField()
    #: How much it looks like the force's accounts, 0–100 (``spoofs.scoring``), and why.
    score = models.PositiveSmallIntegerField(default=0)
    score_reasons = models.JSONField(default=list, blank=True)
    closest_account = models.ForeignKey(
        "social_accounts.Account",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=30, choices=CandidateStatus.choices, default=CandidateStatus.NEW
    )
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    takedown_text = models.TextField(blank=True)
    takedown_reference = models.CharField(max_length=200, blank=True)
    takedown_requested_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-score", "-added_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=("platform", "handle_key"), name="spoof_candidate_once_per_platform"
            ),
        )

    def __str__(self) -> str:
        return f"@{self.handle} on {self.get_platform_display()}"

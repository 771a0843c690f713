"""Conduct cases (CC/01 4.5, 6.2, 6.13, 6.15, 6.16), staff reports of abuse and of journalists'
approaches (6.17, 4.17), and warnings that a post will attract media attention (3.12).

A ``ConductCase`` is one report of a possible breach, its assessment, the request to the
member of staff to remove content (6.16) and the outcome. Who reported it is held here and
shown to the team holding the case only: never to the member of staff concerned, never to
auditors, never in the audit trail's words. Screenshots are stored as re-encoded copies with
their metadata stripped (``publishing.services.compose.read_upload``). Rows change only
through ``services``; ``__str__`` and the audit trail name a case by its reference only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bluelamp.conduct.choices import (
    CaseStatus,
    ContentKind,
    Outcome,
    ReportKind,
    ReportStatus,
    Seriousness,
    Team,
)
from bluelamp.core.models import TimeStampedModel


class ConductCase(TimeStampedModel):
    """One report of a possible breach of the policy by a member of staff, and what came of it."""

    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conduct_reports_made"
    )
    reported_at = models.DateTimeField()
    content_kind = models.CharField(max_length=10, choices=ContentKind.choices)
    link = models.URLField(max_length=500, blank=True)
    what_is_wrong = models.TextField()
    clause = models.CharField(max_length=10, help_text="The CC/01 clause it may breach.")
    subject_text = models.CharField(
        max_length=200, blank=True, help_text="Who the reporter thinks posted it, in their words."
    )
    screenshot = models.BinaryField(blank=True, default=b"")
    screenshot_type = models.CharField(max_length=50, blank=True)

    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.REPORTED
    )
    team = models.CharField(max_length=4, choices=Team.choices, default=Team.CCD)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conduct_cases_about",
        help_text="The member of staff concerned, once CCD has identified them.",
    )
    seriousness = models.CharField(max_length=15, choices=Seriousness.choices, blank=True)
    assessment = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    referral_reason = models.TextField(blank=True)
    referred_at = models.DateTimeField(null=True, blank=True)

    removal_what = models.TextField(blank=True, help_text="What the member of staff must remove.")
    removal_deadline = models.DateField(null=True, blank=True)
    removal_requested_at = models.DateTimeField(null=True, blank=True)
    removal_proof_link = models.URLField(max_length=500, blank=True)
    removal_proof_screenshot = models.BinaryField(blank=True, default=b"")
    removal_proof_screenshot_type = models.CharField(max_length=50, blank=True)
    removal_statement = models.TextField(blank=True)
    removal_done_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-reported_at", "-pk")
        indexes = (models.Index(fields=["status"]), models.Index(fields=["team"]))

    def __str__(self) -> str:
        return f"Conduct case {self.reference}"

    @property
    def reference(self) -> str:
        return f"CC-{self.pk:05d}" if self.pk else "CC-new"


class StaffReport(TimeStampedModel):
    """A member of staff's report of abuse, harassment or cyberbullying aimed at them (6.17), or
    of an approach by a journalist (4.17), with the evidence captured when it was made (before
    the platform can lose it). Seen by the reporter and the team that receives it only."""

    kind = models.CharField(max_length=12, choices=ReportKind.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_reports_made"
    )
    captured_at = models.DateTimeField(help_text="When Bluelamp captured the evidence.")
    happened_at = models.DateTimeField(null=True, blank=True)
    platform = models.CharField(max_length=40, blank=True)
    link = models.URLField(max_length=500, blank=True)
    pasted_text = models.TextField(blank=True, help_text="The words, pasted as they appeared.")
    details = models.TextField()
    screenshot = models.BinaryField(blank=True, default=b"")
    screenshot_type = models.CharField(max_length=50, blank=True)
    screenshot_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closing_note = models.TextField(blank=True)

    class Meta:
        ordering = ("-captured_at", "-pk")

    def __str__(self) -> str:
        return f"Staff report {self.reference}"

    @property
    def reference(self) -> str:
        prefix = "AB" if self.kind == ReportKind.ABUSE else "JA"
        return f"{prefix}-{self.pk:05d}" if self.pk else f"{prefix}-new"


class MediaAlert(models.Model):
    """A warning to CCD's press office that a post will attract media attention (3.12)."""

    post = models.ForeignKey(
        "publishing.Post", on_delete=models.PROTECT, related_name="media_alerts"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField()
    note = models.TextField()
    post_state = models.CharField(max_length=20, help_text="The post's state when it was raised.")

    class Meta:
        ordering = ("-raised_at", "-pk")

    def __str__(self) -> str:
        return f"Media alert {self.pk}"

"""Lost-device reports with a checklist per affected account (5.5, 5.6), rotation tasks (5.7,
5.9, 3.7, 3.8) and the staff-changes feeds applied (4.18).

Rows are written only by ``services/``. Nothing is deleted: a closed report and a done task
stay as the record of how long each account took to secure."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from bluelamp.account_security.choices import (
    REPORT_STATUS_TAGS,
    TASK_STATUS_TAGS,
    ChecklistStatus,
    Circumstances,
    DeviceKind,
    IssuedBy,
    ReportStatus,
    Step,
    TaskStatus,
    Trigger,
)
from bluelamp.core.models import TimeStampedModel


class LostDeviceReport(TimeStampedModel):
    """A device with force accounts signed in on it, lost or stolen (5.5, 5.6)."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lost_device_reports"
    )
    device = models.CharField("what was lost", max_length=200)
    device_kind = models.CharField(max_length=20, choices=DeviceKind.choices)
    issued_by = models.CharField(max_length=20, choices=IssuedBy.choices)
    circumstances = models.CharField(max_length=20, choices=Circumstances.choices)
    lost_at = models.DateTimeField("when it was lost")
    details = models.TextField(blank=True)
    reported_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True
    )
    secure_by = models.DateTimeField(help_text="Reported time plus the pack's hours.")
    escalated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-reported_at", "-id")

    def __str__(self) -> str:
        return f"Lost device report {self.reference}"

    @property
    def reference(self) -> str:
        return f"LD-{self.pk:05d}"

    @property
    def status_tag(self) -> str:
        return REPORT_STATUS_TAGS.get(self.status, "")


class Checklist(models.Model):
    """What must be done to one account signed in on the lost device."""

    report = models.ForeignKey(
        LostDeviceReport, on_delete=models.CASCADE, related_name="checklists"
    )
    account = models.ForeignKey(
        "social_accounts.Account", on_delete=models.PROTECT, related_name="lost_device_checklists"
    )
    status = models.CharField(
        max_length=20, choices=ChecklistStatus.choices, default=ChecklistStatus.OPEN
    )
    secured_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("report", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["report", "account"], name="account_security_checklist_once_per_account"
            ),
        )

    def __str__(self) -> str:
        return f"Checklist for {self.account} ({self.report.reference})"

    @property
    def time_to_secure(self) -> dt.timedelta | None:
        """From the loss to the last step ticked."""
        if self.secured_at is None:
            return None
        return self.secured_at - self.report.lost_at


class ChecklistStep(models.Model):
    """One step of a checklist, ticked with who and when."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=20, choices=Step.choices)
    position = models.PositiveSmallIntegerField()
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    manual = models.BooleanField(
        default=False, help_text="Done by hand on the platform (no connector could do it)."
    )
    evidence = models.JSONField(
        default=dict, blank=True, help_text="What the step saw, e.g. the posts since the loss."
    )

    class Meta:
        ordering = ("checklist", "position")
        constraints = (
            models.UniqueConstraint(
                fields=["checklist", "step"], name="account_security_step_once_per_checklist"
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_step_display()} ({self.checklist})"

    @property
    def done(self) -> bool:
        return self.done_at is not None


class RotationTask(TimeStampedModel):
    """The account's administrator must change its password by ``due_at`` (5.7, 5.9) and
    lodge the new one in the vault (3.7); CCD is told (3.8)."""

    account = models.ForeignKey(
        "social_accounts.Account", on_delete=models.PROTECT, related_name="rotation_tasks"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="rotation_tasks",
        help_text="The account's administrator when the task was set.",
    )
    trigger = models.CharField(max_length=30, choices=Trigger.choices)
    reasons = models.JSONField(
        default=list, help_text="Every trigger that asked for it: trigger, detail, when."
    )
    lost_device_report = models.ForeignKey(
        LostDeviceReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rotation_tasks",
    )
    status = models.CharField(
        max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN, db_index=True
    )
    opened_at = models.DateTimeField()
    due_at = models.DateTimeField()
    escalated_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("due_at", "id")

    def __str__(self) -> str:
        return f"Rotation task {self.reference} for {self.account}"

    @property
    def reference(self) -> str:
        return f"RT-{self.pk:05d}"

    @property
    def status_tag(self) -> str:
        return TASK_STATUS_TAGS.get(self.status, "")


class StaffChangeBatch(models.Model):
    """A feed of leavers and movers applied (4.18): who sent it, and what it changed."""

    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField()
    source = models.CharField(max_length=200, blank=True, help_text="The file's name, if any.")
    rows = models.JSONField(default=list)
    changes = models.JSONField(default=list, help_text="What was done, person by person.")

    class Meta:
        ordering = ("-applied_at", "-id")

    def __str__(self) -> str:
        return f"Staff changes applied {self.applied_at:%Y-%m-%d %H:%M}"

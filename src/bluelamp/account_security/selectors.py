"""Every read of lost-device reports, rotation tasks and staff changes, scoped to the reader
(404 alike for missing and not-yours)."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from bluelamp.account_security import permissions
from bluelamp.account_security.models import (
    Checklist,
    ChecklistStep,
    LostDeviceReport,
    RotationTask,
)
from bluelamp.core.errors import NotFoundError
from bluelamp.core.mail import ccd_addresses
from bluelamp.engine.workflows import account_security as flow
from bluelamp.social_accounts import selectors as account_selectors
from bluelamp.social_accounts.choices import AccountStatus
from bluelamp.social_accounts.models import Account

#: Defaults when the pack's [thresholds] leave them out.
DEFAULT_SECURE_HOURS = 24
DEFAULT_ROTATION_TASK_DAYS = 7


def policy_pack():
    return account_selectors.policy_pack()


def secure_hours(pack=None) -> int:
    """[thresholds] lost_device_secure_hours: a lost device's accounts must be secured within
    this many hours of the report, or it escalates to CCD's duty contact."""
    pack = pack or policy_pack()
    return int(pack.thresholds.get("lost_device_secure_hours", DEFAULT_SECURE_HOURS))


def rotation_task_days(pack=None) -> int:
    """[thresholds] rotation_task_days: how long an administrator has to rotate a password."""
    pack = pack or policy_pack()
    return int(pack.thresholds.get("rotation_task_days", DEFAULT_ROTATION_TASK_DAYS))


def duty_contact(pack=None) -> list[str]:
    """CCD's duty contact (BLUELAMP_CCD_DUTY_CONTACT), or else CCD's usual addresses."""
    contact = getattr(settings, "BLUELAMP_CCD_DUTY_CONTACT", "")
    return [contact] if contact else ccd_addresses(pack or policy_pack())


# --- Lost-device reports ----------------------------------------------------------------------


def _reports() -> QuerySet[LostDeviceReport]:
    steps = ChecklistStep.objects.select_related("done_by")
    checklists = Checklist.objects.select_related(
        "account", "account__owner", "account__deputy"
    ).prefetch_related(Prefetch("steps", queryset=steps))
    return LostDeviceReport.objects.select_related("reporter").prefetch_related(
        Prefetch("checklists", queryset=checklists)
    )


def lost_device_report_list(*, user: Any) -> QuerySet[LostDeviceReport]:
    reports = _reports()
    scope = permissions.report_visibility(user)
    if scope is not None:
        reports = reports.filter(scope).distinct()
    return reports


def lost_device_report_get(*, user: Any, pk: Any) -> LostDeviceReport:
    try:
        report = lost_device_report_list(user=user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        report = None
    if report is None:
        raise NotFoundError("There is no such lost-device report.")
    return report


def checklist_of(report: LostDeviceReport, pk: Any) -> Checklist:
    """The checklist ``pk`` of the report, or 404."""
    checklist = next((c for c in report.checklists.all() if str(c.pk) == str(pk)), None)
    if checklist is None:
        raise NotFoundError("There is no such account on this report.")
    return checklist


def reportable_accounts(user: Any) -> QuerySet[Account]:
    """The accounts ``user`` may name as signed in on a lost device: those they are on the
    roster of (CCD: every account not closed)."""
    accounts = Account.objects.exclude(status=AccountStatus.CLOSED).select_related("owner")
    if permissions.is_ccd(user):
        return accounts
    return accounts.filter(memberships__user=user).distinct()


def suggested_accounts(user: Any) -> QuerySet[Account]:
    """The accounts the reporter is on the roster of: ticked in advance on the form."""
    return Account.objects.exclude(status=AccountStatus.CLOSED).filter(memberships__user=user)


def posts_since_loss(checklist: Checklist) -> list[Any]:
    """The account's posts in the archive published since the loss (Bluelamp's and imported
    ones), newest first: those someone else may have made."""
    from bluelamp.publishing.models import Post

    return list(
        Post.objects.filter(
            account_id=checklist.account_id, published_at__gte=checklist.report.lost_at
        ).order_by("-published_at")[:200]
    )


@dataclass(frozen=True)
class RegisterRow:
    report: LostDeviceReport
    checklist: Checklist
    hours: float | None  # to secure, or so far when still open
    secured: bool


@dataclass(frozen=True)
class Register:
    rows: list[RegisterRow]
    median_hours: float | None
    within_target: int
    secured: int
    target_hours: int

    def bars(self) -> list[tuple[str, float, int, int]]:
        """(label, hours, percent of the longest, y) for the chart, secured accounts only."""
        done = [r for r in self.rows if r.secured]
        longest = max([r.hours or 0 for r in done] + [1])
        return [
            (
                f"{r.report.reference} {r.checklist.account.at_handle}",
                r.hours or 0,
                max(1, round(100 * (r.hours or 0) / longest)),
                10 * i + 1,
            )
            for i, r in enumerate(done)
        ]


def lost_device_register(*, user: Any, now: dt.datetime) -> Register:
    """Every report (the reader must see all: CCD, information security, auditors) with the
    time to secure each account, from the loss to its last step."""
    if not permissions.can_see_all(user):
        raise NotFoundError()
    rows = []
    for report in _reports():
        for checklist in report.checklists.all():
            end = checklist.secured_at or now
            hours = round((end - report.lost_at).total_seconds() / 3600, 1)
            rows.append(RegisterRow(report, checklist, hours, checklist.secured_at is not None))
    secured = [r.hours for r in rows if r.secured and r.hours is not None]
    target = secure_hours()
    return Register(
        rows=rows,
        median_hours=round(statistics.median(secured), 1) if secured else None,
        within_target=sum(1 for h in secured if h <= target),
        secured=len(secured),
        target_hours=target,
    )


# --- Rotation tasks ---------------------------------------------------------------------------


def rotation_task_list(*, user: Any, open_only: bool = False) -> QuerySet[RotationTask]:
    tasks = RotationTask.objects.select_related("account", "assignee", "completed_by")
    scope = permissions.task_visibility(user)
    if scope is not None:
        tasks = tasks.filter(scope).distinct()
    if open_only:
        tasks = tasks.filter(status__in=flow.TASK_OPEN_STATES)
    return tasks


def rotation_task_get(*, user: Any, pk: Any) -> RotationTask:
    try:
        task = rotation_task_list(user=user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        task = None
    if task is None:
        raise NotFoundError("There is no such rotation task.")
    return task


def open_task_for(account: Account) -> RotationTask | None:
    return (
        RotationTask.objects.select_for_update(of=("self",))
        .filter(account=account, status__in=flow.TASK_OPEN_STATES)
        .first()
    )

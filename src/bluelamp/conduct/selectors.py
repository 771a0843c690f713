"""Every read of conduct cases, staff reports and media alerts. A scoped fetch answers 404
alike for "missing" and "not yours"."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bluelamp.conduct import permissions
from bluelamp.conduct.models import ConductCase, MediaAlert, StaffReport
from bluelamp.core.errors import NotFoundError

#: What an auditor sees of a case: that it exists, where it is, and when things happened.
REGISTER_FIELDS = (
    "pk",
    "status",
    "team",
    "reported_at",
    "referred_at",
    "removal_requested_at",
    "removal_deadline",
    "removal_done_at",
    "escalated_at",
    "closed_at",
)


def handled_cases(*, user: Any) -> QuerySet[ConductCase]:
    """The cases ``user``'s team holds (CCD before referral, PSD after), none about them."""
    return ConductCase.objects.filter(permissions.handled_cases(user)).select_related(
        "subject", "reported_by"
    )


def case_get(*, user: Any, pk: Any) -> ConductCase:
    """A case ``user``'s team holds; 404 otherwise."""
    case = handled_cases(user=user).filter(pk=pk).first()
    if case is None:
        raise NotFoundError("There is no such conduct case.")
    return case


def case_register(*, user: Any) -> list[dict[str, Any]]:
    """Every case as the auditors' register shows it: reference, state, team and dates only."""
    if not permissions.may_see_register(user):
        return []
    rows = []
    for row in ConductCase.objects.order_by("-reported_at", "-pk").values(*REGISTER_FIELDS):
        row["reference"] = f"CC-{row['pk']:05d}"
        rows.append(row)
    return rows


def removal_requests_for(*, user: Any) -> QuerySet[ConductCase]:
    """The removal requests made of ``user`` (the cases about them where one was made)."""
    if not permissions.signed_in(user):
        return ConductCase.objects.none()
    return ConductCase.objects.filter(subject=user, removal_requested_at__isnull=False)


def removal_get(*, user: Any, pk: Any) -> ConductCase:
    """A case about ``user`` in which they were asked to remove content; 404 otherwise."""
    case = removal_requests_for(user=user).filter(pk=pk).first()
    if case is None:
        raise NotFoundError("There is no such removal request.")
    return case


def case_for_step(*, user: Any, pk: Any) -> ConductCase:
    """The case for a step: one ``user``'s team holds, or one about them with a removal
    request (the only step they may take); 404 otherwise."""
    case = handled_cases(user=user).filter(pk=pk).first()
    if case is None:
        case = removal_requests_for(user=user).filter(pk=pk).first()
    if case is None:
        raise NotFoundError("There is no such conduct case.")
    return case


def reports_made_by(*, user: Any) -> QuerySet[ConductCase]:
    """The cases ``user`` reported (the reporter sees reference, date and whether it is open)."""
    if not permissions.signed_in(user):
        return ConductCase.objects.none()
    return ConductCase.objects.filter(reported_by=user).only("pk", "status", "reported_at")


def staff_reports(*, user: Any) -> QuerySet[StaffReport]:
    return StaffReport.objects.filter(permissions.visible_reports(user)).select_related(
        "reported_by"
    )


def staff_reports_received(*, user: Any) -> QuerySet[StaffReport]:
    return StaffReport.objects.filter(kind__in=permissions.received_kinds(user)).select_related(
        "reported_by"
    )


def staff_report_get(*, user: Any, pk: Any) -> StaffReport:
    report = staff_reports(user=user).filter(pk=pk).first()
    if report is None:
        raise NotFoundError("There is no such report.")
    return report


def media_alerts(*, user: Any) -> QuerySet[MediaAlert]:
    if not permissions.may_see_alerts(user):
        return MediaAlert.objects.none()
    return MediaAlert.objects.select_related("post__account", "raised_by")

"""Lost devices, rotation tasks and staff changes in the REST API (/api/v1/lost-devices,
/api/v1/rotation-tasks, /api/v1/staff-changes), on top of the app's selectors (every read) and
services (every write: the same functions the pages call). The workflow steps are built from
``actions`` by ``core.rest.steps.step_view``; passwords are accepted, never answered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from bluelamp.account_security import permissions, selectors
from bluelamp.account_security.actions import (
    ERRORS,
    LOST_DEVICE_ACTIONS,
    ROTATION_ACTIONS,
    report_available_actions,
    task_available_actions,
)
from bluelamp.account_security.api.serializers import (
    LostDeviceCreateSerializer,
    LostDeviceReportDetailSerializer,
    LostDeviceReportSerializer,
    RegisterSerializer,
    RotationTaskSerializer,
    StaffChangesResultSerializer,
    StaffChangesSerializer,
)
from bluelamp.account_security.models import Checklist, LostDeviceReport, RotationTask
from bluelamp.account_security.services.lost_devices import lost_device_report_file
from bluelamp.account_security.services.staff_changes import staff_changes_apply
from bluelamp.core.errors import InvalidInputError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.rest.base import ApiView, GenericApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.pagination import ApiPagination
from bluelamp.core.rest.steps import step_view
from bluelamp.social_accounts.models import Account

TAG_LOST = "lost-devices"
TAG_ROTATION = "rotation-tasks"
TAG_STAFF = "staff-changes"


def now() -> dt.datetime:
    """The time (the one place these endpoints read the clock; tests replace it)."""
    return timezone.now()


class CanUsePages(BasePermission):
    message = "You do not have a role that may use account security."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return user_has_role(request.user, *permissions.PAGE_ROLES)


PERMISSIONS = (IsAuthenticated, CanUsePages)
_ERRORS = error_responses(**{"403": ERRORS["403"]})


def _account(account: Account) -> dict[str, Any]:
    return {
        "id": account.pk,
        "platform": account.platform,
        "handle": account.handle,
        "publishing_suspended": account.publishing_suspended,
    }


def _checklist(checklist: Checklist) -> dict[str, Any]:
    secured = checklist.time_to_secure
    return {
        "id": checklist.pk,
        "account": _account(checklist.account),
        "checklist_state": checklist.status,
        "secured_at": checklist.secured_at,
        "hours_to_secure": round(secured.total_seconds() / 3600, 2) if secured else None,
        "steps": [
            {
                "step": s.step,
                "label": s.get_step_display(),
                "done": s.done,
                "done_by": s.done_by,
                "done_at": s.done_at,
                "note": s.note,
                "manual": s.manual,
                "evidence": s.evidence,
            }
            for s in checklist.steps.all()
        ],
    }


def _report(report: LostDeviceReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "reference": report.reference,
        "reporter": report.reporter,
        "device": report.device,
        "device_kind": report.device_kind,
        "issued_by": report.issued_by,
        "circumstances": report.circumstances,
        "lost_at": report.lost_at,
        "reported_at": report.reported_at,
        "secure_by": report.secure_by,
        "report_state": report.status,
        "escalated_at": report.escalated_at,
        "closed_at": report.closed_at,
    }


def _summary(report: LostDeviceReport) -> dict[str, Any]:
    return LostDeviceReportSerializer(_report(report)).data


def _detail(request, pk: Any) -> dict[str, Any]:
    report = selectors.lost_device_report_get(user=request.user, pk=pk)
    data = {
        **_report(report),
        "details": report.details,
        "checklists": [_checklist(c) for c in report.checklists.all()],
        "available_actions": report_available_actions(user=request.user, report=report),
    }
    return LostDeviceReportDetailSerializer(data).data


def _task(request, task: RotationTask) -> dict[str, Any]:
    data = {
        "id": task.pk,
        "reference": task.reference,
        "account": _account(task.account),
        "assignee": task.assignee,
        "trigger": task.trigger,
        "reasons": task.reasons,
        "task_state": task.status,
        "opened_at": task.opened_at,
        "due_at": task.due_at,
        "escalated_at": task.escalated_at,
        "completed_at": task.completed_at,
        "completed_by": task.completed_by,
        "available_actions": task_available_actions(user=request.user, task=task),
    }
    return RotationTaskSerializer(data).data


class LostDeviceListView(GenericApiView):
    permission_classes = PERMISSIONS
    pagination_class = ApiPagination
    serializer_class = LostDeviceReportSerializer

    @extend_schema(
        operation_id="lost_devices_list",
        tags=[TAG_LOST],
        summary="List the lost-device reports you can see",
        description="Your own, those on accounts you administer, or (CCD, information "
        "security, auditors) every report; newest first.",
        responses={200: LostDeviceReportSerializer(many=True), **_ERRORS},
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.lost_device_report_list(user=request.user))
        return self.get_paginated_response([_summary(r) for r in page])

    @extend_schema(
        operation_id="lost_devices_create",
        tags=[TAG_LOST],
        summary="Report a lost or stolen device (CC/01 5.5, 5.6)",
        description="CCD and each account's administrators are e-mailed at once; a checklist "
        "and a rotation task are opened per account. `accounts`: ids of accounts you are on "
        "the roster of (CCD: any account not closed); 400 with `errors.accounts` otherwise. "
        "`lost_at` may not be in the future.",
        request=LostDeviceCreateSerializer,
        responses={201: LostDeviceReportDetailSerializer, **_ERRORS},
    )
    def post(self, request):
        body = validated(LostDeviceCreateSerializer, request.data)
        ids = body.pop("accounts")
        found = {a.pk: a for a in Account.objects.filter(pk__in=ids)}
        missing = [i for i in ids if i not in found]
        accounts = [found[i] for i in ids if i in found]
        if missing:
            message = f"There is no account {missing[0]}"
            raise InvalidInputError(message, errors={"accounts": [message]})
        report = lost_device_report_file(actor=request.user, accounts=accounts, now=now(), **body)
        return Response(
            _detail(request, report.pk),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:lost_device", args=[report.pk])},
        )


class LostDeviceDetailView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="lost_devices_read",
        tags=[TAG_LOST],
        summary="Read one report: each account's checklist, who ticked each step and when",
        responses={200: LostDeviceReportDetailSerializer, **_ERRORS},
    )
    def get(self, request, pk: int):
        return Response(_detail(request, pk))


class LostDeviceRegisterView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="lost_devices_register",
        tags=[TAG_LOST],
        summary="The register: time from the loss to securing each account",
        description="CCD, information security and auditors; 404 for anyone else.",
        responses={200: RegisterSerializer, **_ERRORS},
    )
    def get(self, request):
        reg = selectors.lost_device_register(user=request.user, now=now())
        return Response(
            {
                "target_hours": reg.target_hours,
                "median_hours": reg.median_hours,
                "secured": reg.secured,
                "within_target": reg.within_target,
                "rows": [
                    {
                        "report_id": r.report.pk,
                        "reference": r.report.reference,
                        "account": _account(r.checklist.account),
                        "lost_at": r.report.lost_at,
                        "secured_at": r.checklist.secured_at,
                        "hours": r.hours,
                        "secured": r.secured,
                    }
                    for r in reg.rows
                ],
            }
        )


def _fetch_report(request, pk: int, **kwargs: Any) -> LostDeviceReport:
    return selectors.lost_device_report_get(user=request.user, pk=pk)


def _extra(request, entity: Any, **kwargs: Any) -> dict[str, Any]:
    return {"now": now()}


LOST_DEVICE_STEP_VIEWS = {
    name: step_view(
        LOST_DEVICE_ACTIONS,
        name,
        fetch=_fetch_report,
        answer=lambda request, report: _detail(request, report.pk),
        permission_classes=PERMISSIONS,
        operation_id=f"lost_devices_{name}",
        tag=TAG_LOST,
        response=LostDeviceReportDetailSerializer,
        errors=ERRORS,
        extra=_extra,
    )
    for name in LOST_DEVICE_ACTIONS.names()
}


class RotationTaskListView(GenericApiView):
    permission_classes = PERMISSIONS
    pagination_class = ApiPagination
    serializer_class = RotationTaskSerializer

    @extend_schema(
        operation_id="rotation_tasks_list",
        tags=[TAG_ROTATION],
        summary="List the password rotation tasks you can see (5.7, 5.9)",
        description="Tasks on the accounts you own or deputise; CCD and auditors see all.",
        responses={200: RotationTaskSerializer(many=True), **_ERRORS},
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.rotation_task_list(user=request.user))
        return self.get_paginated_response([_task(request, t) for t in page])


class RotationTaskDetailView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="rotation_tasks_read",
        tags=[TAG_ROTATION],
        summary="Read one rotation task",
        responses={200: RotationTaskSerializer, **_ERRORS},
    )
    def get(self, request, pk: int):
        return Response(_task(request, selectors.rotation_task_get(user=request.user, pk=pk)))


ROTATION_STEP_VIEWS = {
    name: step_view(
        ROTATION_ACTIONS,
        name,
        fetch=lambda request, pk, **kw: selectors.rotation_task_get(user=request.user, pk=pk),
        answer=lambda request, task: _task(
            request, selectors.rotation_task_get(user=request.user, pk=task.pk)
        ),
        permission_classes=PERMISSIONS,
        operation_id=f"rotation_tasks_{name}",
        tag=TAG_ROTATION,
        response=RotationTaskSerializer,
        errors=ERRORS,
        extra=_extra,
    )
    for name in ROTATION_ACTIONS.names()
}


class StaffChangesView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="staff_changes_apply",
        tags=[TAG_STAFF],
        summary="Apply a CSV of leavers and movers (CC/01 4.18): CCD only, all or nothing",
        description="`csv`: a header `username,change,team`, then one line per person "
        "(`change` is `left` or `moved`; `team` needed for `moved`). Every line is checked "
        "first: any error answers 400 `staff_changes_invalid` with `errors` keyed by line "
        "(`line 3`), each naming the column, and nothing is applied. Each person comes off "
        "every roster (a rotation task is opened per account); an account they own is handed "
        "to their line manager.",
        request=StaffChangesSerializer,
        responses={201: StaffChangesResultSerializer, **_ERRORS},
    )
    def post(self, request):
        body = validated(StaffChangesSerializer, request.data)
        batch = staff_changes_apply(
            actor=request.user, text=body["csv"], source=body["source"], now=now()
        )
        return Response(StaffChangesResultSerializer(batch).data, status=status.HTTP_201_CREATED)

"""Conduct cases, staff reports and media alerts in the REST API (/api/v1/), on the same
selectors and services as the pages. The cases' steps are built from ``actions`` by
``core.rest.steps.step_view``. A case's answer depends on who asks: the team holding it sees
it all; the member of staff asked to remove content sees only that request (never who
reported it); auditors see the register (reference, state, dates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from bluelamp.conduct import permissions, selectors
from bluelamp.conduct.actions import (
    CONDUCT_CASE_ACTIONS,
    ERRORS,
    conduct_case_available_actions,
)
from bluelamp.conduct.api.serializers import (
    CaseRegisterSerializer,
    CaseReportSerializer,
    CaseSerializer,
    MediaAlertCreateSerializer,
    MediaAlertSerializer,
    RemovalViewSerializer,
    StaffReportCloseSerializer,
    StaffReportCreateSerializer,
    StaffReportSerializer,
)
from bluelamp.conduct.models import ConductCase
from bluelamp.conduct.services.alerts import media_alert_raise
from bluelamp.conduct.services.cases import conduct_case_report
from bluelamp.conduct.services.reports import staff_report_close, staff_report_make
from bluelamp.core.rest.base import ApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.steps import step_view
from bluelamp.publishing.selectors import post_get

TAG = "conduct"
PERMISSIONS = (IsAuthenticated,)
_ERRORS = error_responses(**{"403": ERRORS["403"]})


def now() -> dt.datetime:
    """The time (the one place these endpoints read the clock; tests replace it)."""
    return timezone.now()


def _case_data(request, case: ConductCase) -> dict[str, Any]:
    """The case as the caller may see it: the team's whole view, or the member of staff's."""
    case.available_actions = conduct_case_available_actions(user=request.user, conduct_case=case)
    if permissions.handles(request.user, case):
        case.has_screenshot = bool(case.screenshot)
        return CaseSerializer(case).data
    return RemovalViewSerializer(case).data


def _fetch(request, pk: int, **_: Any) -> ConductCase:
    return selectors.case_for_step(user=request.user, pk=pk)


class ConductCaseListView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="conduct_cases_list",
        tags=[TAG],
        summary="The conduct cases your team holds; for auditors, the register",
        description="CCD: the cases not yet referred; PSD: the referred ones. Auditors get the "
        "register of every case (reference, state, team, dates), nothing of its contents. "
        "Anyone else: an empty list.",
        responses={200: CaseRegisterSerializer(many=True), **_ERRORS},
    )
    def get(self, request):
        if permissions.teams_of(request.user):
            cases = selectors.handled_cases(user=request.user)
            return Response([_case_data(request, c) for c in cases])
        rows = selectors.case_register(user=request.user)
        return Response(CaseRegisterSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="conduct_cases_report",
        tags=[TAG],
        summary="Report a possible breach of the policy (anyone signed in)",
        description="The link or a base64 `screenshot` (or both), what is wrong and the clause "
        "(a clause number of the policy pack). The answer is the reference only: the "
        "reporter does not follow the case.",
        request=CaseReportSerializer,
        responses={201: CaseRegisterSerializer, **_ERRORS},
    )
    def post(self, request):
        body = validated(CaseReportSerializer, request.data)
        case = conduct_case_report(
            actor=request.user,
            screenshot_name="screenshot",
            now=now(),
            **body,
        )
        return Response(
            {"id": case.pk, "reference": case.reference}, status=status.HTTP_201_CREATED
        )


class ConductCaseDetailView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="conduct_cases_read",
        tags=[TAG],
        summary="Read one case (the team holding it), or the removal asked of you",
        description="404 for anyone else, auditors included (they read the register).",
        responses={200: CaseSerializer, **_ERRORS},
    )
    def get(self, request, pk: int):
        return Response(_case_data(request, _fetch(request, pk)))


def _extra(request, case, **_: Any) -> dict[str, Any]:
    return {"now": now()}


#: ``POST /api/v1/conduct-cases/{id}/<step>``, one view per action.
STEP_VIEWS = {
    name: step_view(
        CONDUCT_CASE_ACTIONS,
        name,
        fetch=_fetch,
        answer=_case_data,
        permission_classes=PERMISSIONS,
        operation_id=f"conduct_cases_{name}",
        tag=TAG,
        response=CaseSerializer,
        errors=ERRORS,
        extra=_extra,
    )
    for name in CONDUCT_CASE_ACTIONS.names()
}


# --- Staff reports --------------------------------------------------------------------------------


def _report_data(report) -> dict[str, Any]:
    return StaffReportSerializer(report).data


class StaffReportListView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="staff_reports_list",
        tags=[TAG],
        summary="Your own reports, and those your team receives",
        responses={200: StaffReportSerializer(many=True), **_ERRORS},
    )
    def get(self, request):
        return Response([_report_data(r) for r in selectors.staff_reports(user=request.user)])

    @extend_schema(
        operation_id="staff_reports_make",
        tags=[TAG],
        summary="Report abuse aimed at you (6.17) or a journalist's approach (4.17)",
        description="The evidence (link, the words pasted, a base64 screenshot) is kept at "
        "once with the time; the report goes to staff welfare (abuse) or CCD's press office "
        "(journalists).",
        request=StaffReportCreateSerializer,
        responses={201: StaffReportSerializer, **_ERRORS},
    )
    def post(self, request):
        body = validated(StaffReportCreateSerializer, request.data)
        body["kind"] = body.pop("report_kind")
        report = staff_report_make(
            actor=request.user, screenshot_name="screenshot", now=now(), **body
        )
        return Response(
            _report_data(report),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:staff_report", args=[report.pk])},
        )


class StaffReportDetailView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="staff_reports_read",
        tags=[TAG],
        summary="Read one report (the reporter, or the team receiving it)",
        responses={200: StaffReportSerializer, **_ERRORS},
    )
    def get(self, request, pk: int):
        return Response(_report_data(selectors.staff_report_get(user=request.user, pk=pk)))


class StaffReportCloseView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="staff_reports_close",
        tags=[TAG],
        summary="Close a report, with what was done (the team receiving it)",
        request=StaffReportCloseSerializer,
        responses={200: StaffReportSerializer, **error_responses(**ERRORS)},
    )
    def post(self, request, pk: int):
        report = selectors.staff_report_get(user=request.user, pk=pk)
        body = validated(StaffReportCloseSerializer, request.data)
        report = staff_report_close(report=report, actor=request.user, note=body["note"], now=now())
        return Response(_report_data(report))


# --- Media attention --------------------------------------------------------------------------


class MediaAlertView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="posts_media_attention",
        tags=[TAG],
        summary="Tell CCD's press office this post will attract media attention (3.12)",
        description="A draft or published post you may read; staff, line managers and CCD. "
        "The press office is e-mailed at once with the post linked.",
        request=MediaAlertCreateSerializer,
        responses={201: MediaAlertSerializer, **_ERRORS},
    )
    def post(self, request, public_id):
        post = post_get(user=request.user, public_id=public_id)
        body = validated(MediaAlertCreateSerializer, request.data)
        alert = media_alert_raise(post=post, actor=request.user, note=body["note"], now=now())
        return Response(MediaAlertSerializer(alert).data, status=status.HTTP_201_CREATED)

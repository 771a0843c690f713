"""Removal and correction requests in the REST API (/api/v1/removal-requests), for information
security (and auditors, read-only), on top of data_requests' selectors (every read) and
services (every write: the same functions the pages call, which check who may act, whether the
request's state allows it and the input, refuse with the same messages and change nothing when
they refuse).

The workflow's steps (``POST /api/v1/removal-requests/{id}/<step>``) are built from the
declarations in ``data_requests.actions`` by ``bluelamp.core.rest.steps.step_view``, as the pages'
steps are: who may and whether the state allows it are read from there, never checked here by
hand, and ``available_actions`` is the same list the case page offers.

The requester's details are in the answers, which only information security and auditors
receive; they are never logged here, and the services keep them out of the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from bluelamp.core.errors import NotFoundError
from bluelamp.core.rest.base import ApiView, GenericApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.pagination import ApiPagination
from bluelamp.core.rest.steps import step_view
from bluelamp.data_requests import permissions, selectors
from bluelamp.data_requests.actions import (
    ERRORS,
    REMOVAL_REQUEST_ACTIONS,
    removal_request_available_actions,
)
from bluelamp.data_requests.api.serializers import (
    LetterDraftQuerySerializer,
    LetterDraftSerializer,
    LetterSendSerializer,
    LetterSerializer,
    RemovalRequestCreateSerializer,
    RemovalRequestDetailSerializer,
    RemovalRequestFilterSerializer,
    RemovalRequestSerializer,
    clock_data,
)
from bluelamp.data_requests.models import Letter, PostDecision, RemovalRequest, RemovalTask
from bluelamp.data_requests.services.intake import removal_request_create
from bluelamp.data_requests.services.letters import letter_draft, letter_send
from bluelamp.data_requests.services.reads import removal_request_read_record
from bluelamp.engine import deadlines

TAG = "removal-requests"


def now() -> dt.datetime:
    """The time (the one place these endpoints read the clock; tests replace it)."""
    return timezone.now()


class CanSeeRemovalRequests(BasePermission):
    """Information security and auditors (data_requests.permissions); the services refuse
    auditors' changes with 403."""

    message = "Only information security and auditors may see removal requests."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return permissions.can_view(request.user)


PERMISSIONS = (IsAuthenticated, CanSeeRemovalRequests)
_ERRORS = error_responses(**{"403": ERRORS["403"]})
_WITH_CONFLICTS = error_responses(**ERRORS)


def _today() -> dt.date:
    return deadlines.london_date(now())


def _letter_data(rr: RemovalRequest, letter: Letter) -> dict:
    return {
        "id": letter.pk,
        "kind": letter.kind,
        "sent_at": letter.sent_at,
        "sent_by": letter.sent_by,
        "reasons_withheld": letter.reasons_withheld,
        "body": letter.body,
        "pdf_url": reverse("api:rr_letter_pdf", args=[rr.pk, letter.pk]) if letter.body else None,
    }


def _removal_data(removal) -> dict | None:
    if removal is None:
        return None
    return {
        "id": removal.pk,
        "removal_outcome": removal.outcome,
        "at": removal.at,
        "removed_by": removal.requested_by.label,
        "reason": removal.reason,
        "detail": removal.detail,
    }


def _archived_post_data(post) -> dict | None:
    if post is None:
        return None
    return {
        "id": post.public_id,
        "account_handle": post.account.handle,
        "account_platform": post.account.platform,
        "post_state": post.state,
        "published_at": post.published_at,
        "platform_url": post.platform_url,
        "confirmed_removal": _removal_data(selectors.confirmed_removal(post)),
    }


def _post_data(post: PostDecision) -> dict:
    task = (
        RemovalTask.objects.select_related(
            "completed_by", "platform_removal__requested_by", "platform_correction__requested_by"
        )
        .filter(decision=post)
        .first()
    )
    return {
        "id": post.pk,
        "archived_post": _archived_post_data(post.archived_post),
        "url": post.url,
        "platform": post.platform,
        "excerpt": post.excerpt,
        "outcome": post.outcome,
        "corrected_text": post.corrected_text,
        "reasons": post.reasons,
        "decided_by": post.decided_by,
        "decided_at": post.decided_at,
        "task": None
        if task is None
        else {
            "id": task.pk,
            "done": task.done,
            "carried_out_by": task.carried_out_by,
            "carried_out_at": task.carried_out_at,
            "evidence": task.evidence,
            "completed_by": task.completed_by,
            "platform_removal": _removal_data(task.platform_removal),
            "platform_correction": None
            if task.platform_correction is None
            else {
                "id": task.platform_correction.pk,
                "correction_outcome": task.platform_correction.outcome,
                "at": task.platform_correction.at,
                "corrected_by": task.platform_correction.requested_by.label,
                "new_text": task.platform_correction.new_text,
                "reason": task.platform_correction.reason,
            },
        },
    }


def _summary(rr: RemovalRequest, today: dt.date) -> dict:
    rr.clock = clock_data(selectors.removal_request_due(rr, today=today))
    return RemovalRequestSerializer(rr).data


def _detail(request, pk: Any) -> dict:
    """One request as the caller may see it, with its clock today and what they may do."""
    rr = selectors.removal_request_get(user=request.user, pk=pk)
    rr.clock = clock_data(selectors.removal_request_due(rr, today=_today()))
    rr.available_actions = removal_request_available_actions(user=request.user, removal_request=rr)
    rr.post_list = [
        _post_data(p) for p in rr.posts.select_related("decided_by", "archived_post__account")
    ]
    rr.letter_list = [_letter_data(rr, x) for x in rr.letters.select_related("sent_by")]
    return RemovalRequestDetailSerializer(rr).data


# --- The queue and intake ---------------------------------------------------------------------


class RemovalRequestListView(GenericApiView):
    """The requests: list them (with their clocks), or record a new one."""

    permission_classes = PERMISSIONS
    pagination_class = ApiPagination
    serializer_class = RemovalRequestSerializer

    @extend_schema(
        operation_id="removal_requests_list",
        tags=[TAG],
        summary="List removal and correction requests, with their clocks",
        description=(
            "Every request, oldest received first, each named by its number (the requester's "
            "details are on the request itself). `state` keeps those in the given states; "
            "`due` keeps the open requests overdue or due soon today, soonest due first (the "
            "queue's order)."
        ),
        parameters=[RemovalRequestFilterSerializer],
        responses={200: RemovalRequestSerializer(many=True), **_ERRORS},
    )
    def get(self, request):
        filters = validated(RemovalRequestFilterSerializer, request.query_params)
        states = filters.get("state") or set()
        due_filter = filters.get("due") or ""
        requests = selectors.removal_request_list(user=request.user)
        if states:
            requests = requests.filter(status__in=sorted(states))
        today = _today()
        if due_filter:
            wanted = {
                "overdue": lambda d: d.overdue,
                "due_soon": lambda d: d.due_soon,
                "overdue_or_due_soon": lambda d: d.overdue or d.due_soon,
            }[due_filter]
            queue = [
                d
                for d in selectors.removal_request_queue(user=request.user, today=today)
                if wanted(d) and (not states or d.request.status in states)
            ]
            page = self.paginate_queryset(queue)
            rows = []
            for due in page:
                due.request.clock = clock_data(due)
                rows.append(RemovalRequestSerializer(due.request).data)
            return self.get_paginated_response(rows)
        page = self.paginate_queryset(requests)
        return self.get_paginated_response([_summary(rr, today) for rr in page])

    @extend_schema(
        operation_id="removal_requests_create",
        tags=[TAG],
        summary="Record a request received in writing or verbally (CC/01 4.27)",
        description=(
            "You own the request. `received_at` may not be in the future (the clock would "
            "start wrongly): 400 with `errors.received_at`. A date alone means the start of "
            "that day in Europe/London."
        ),
        request=RemovalRequestCreateSerializer,
        responses={201: RemovalRequestDetailSerializer, **_ERRORS},
    )
    def post(self, request):
        body = validated(RemovalRequestCreateSerializer, request.data)
        created = removal_request_create(actor=request.user, now=now(), **body)
        return Response(
            _detail(request, created.pk),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:removal_request", args=[created.pk])},
        )


class RemovalRequestDetailView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="removal_requests_read",
        tags=[TAG],
        summary="Read one request: the requester, the clock, posts, tasks, letters",
        description=(
            "The clock gives the relevant date, the 14-day target, the warning date, the "
            "statutory deadline and (where extended) the notice date and extended deadline, "
            "with the status in words (`due_text`) and colour. `available_actions` lists the "
            "steps you may take now."
        ),
        responses={200: RemovalRequestDetailSerializer, **_ERRORS},
    )
    def get(self, request, pk: int):
        rr = selectors.removal_request_get(user=request.user, pk=pk)
        removal_request_read_record(removal_request=rr, actor=request.user, what="api", now=now())
        return Response(_detail(request, pk))


# --- The workflow's steps ---------------------------------------------------------------------


def _fetch(request, pk: int, **item: Any) -> RemovalRequest:
    return selectors.removal_request_get(user=request.user, pk=pk)


def _extra(name: str):
    """The service's keywords from the path and the clock: the time, and the post or task the
    path names (within the request: 404 otherwise)."""
    action = REMOVAL_REQUEST_ACTIONS[name]

    def extra(request, rr: RemovalRequest, pk: int, **item: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"now": now()}
        if action.item is not None:
            data[action.item_keyword] = action.item(rr, next(iter(item.values())))
        return data

    return extra


#: ``POST /api/v1/removal-requests/{id}/<step>``, one view per action in ``actions``, each its
#: own OpenAPI operation (``removal_requests_<action>``).
STEP_VIEWS = {
    name: step_view(
        REMOVAL_REQUEST_ACTIONS,
        name,
        fetch=_fetch,
        answer=lambda request, rr: _detail(request, rr.pk),
        permission_classes=PERMISSIONS,
        operation_id=f"removal_requests_{name}",
        tag=TAG,
        response=RemovalRequestDetailSerializer,
        errors=ERRORS,
        extra=_extra(name),
    )
    for name in REMOVAL_REQUEST_ACTIONS.names()
}


# --- Letters ----------------------------------------------------------------------------------


class LetterListView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="removal_requests_letters_list",
        tags=[TAG],
        summary="The letters sent to the requester, as sent",
        responses={200: LetterSerializer(many=True), **_ERRORS},
    )
    def get(self, request, pk: int):
        rr = selectors.removal_request_get(user=request.user, pk=pk)
        letters = rr.letters.select_related("sent_by")
        removal_request_read_record(
            removal_request=rr, actor=request.user, what="letters", now=now()
        )
        return Response(LetterSerializer([_letter_data(rr, x) for x in letters], many=True).data)

    @extend_schema(
        operation_id="removal_requests_letters_send",
        tags=[TAG],
        summary="Send a letter; it is kept with the case, with its PDF, and never changed",
        description=(
            "Refused (400, `errors.body`) when the text lacks what the letter must say: a "
            "refusal needs the reasons (after “Our reasons:”) or, for Part 3 with "
            "`reasons_withheld`, “your rights are restricted”, the right to complain to the "
            "Information Commissioner, the judicial remedy, the Part 3 check and (from 19 June "
            "2026) the complaint to the force; no letter may keep a [placeholder]. An "
            "extension notice after the notice date, or on a request that cannot be or is "
            "already extended, and any letter on a closed request: 409 "
            "`removal_request_letter_refused`. Sending a letter does not move the case on: the "
            "extension and response steps name the letter they rest on."
        ),
        request=LetterSendSerializer,
        responses={201: LetterSerializer, **_WITH_CONFLICTS},
    )
    def post(self, request, pk: int):
        rr = selectors.removal_request_get(user=request.user, pk=pk)
        body = validated(LetterSendSerializer, request.data)
        letter = letter_send(
            actor=request.user,
            removal_request=rr,
            kind=body["letter_kind"],
            body=body["body"],
            reasons_withheld=body["reasons_withheld"],
            now=now(),
        )
        return Response(
            LetterSerializer(_letter_data(rr, letter)).data, status=status.HTTP_201_CREATED
        )


class LetterPdfView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="removal_requests_letters_pdf",
        tags=[TAG],
        summary="A sent letter's PDF, as sent",
        description="404 once the retention job has deleted the requester's details.",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            **_ERRORS,
        },
    )
    def get(self, request, pk: int, letter_id: int):
        rr = selectors.removal_request_get(user=request.user, pk=pk)
        letter = rr.letters.filter(pk=letter_id).first()
        if letter is None or not letter.body:
            raise NotFoundError("There is no such letter on this request.")
        removal_request_read_record(
            removal_request=rr, actor=request.user, what="letter_pdf", letter=letter, now=now()
        )
        response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
        response["Cache-Control"] = "no-store"
        return response


class LetterDraftView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="removal_requests_letters_draft",
        tags=[TAG],
        summary="Draft a letter from the case, to edit and send (changes nothing)",
        parameters=[LetterDraftQuerySerializer],
        responses={200: LetterDraftSerializer, **_WITH_CONFLICTS},
    )
    def get(self, request, pk: int):
        rr = selectors.removal_request_get(user=request.user, pk=pk)
        options = validated(LetterDraftQuerySerializer, request.query_params)
        text = letter_draft(
            actor=request.user,
            removal_request=rr,
            kind=options["letter_kind"],
            reasons_withheld=options["reasons_withheld"],
            extension_reasons=options["extension_reasons"],
            now=now(),
        )
        removal_request_read_record(
            removal_request=rr, actor=request.user, what="letter_draft", now=now()
        )
        return Response(
            {
                "letter_kind": options["letter_kind"],
                "reasons_withheld": options["reasons_withheld"],
                "body": text,
            }
        )

"""Spoof and unofficial accounts in the REST API (/api/v1/spoof-candidates), for CCD (and
auditors, read-only), on the same selectors and services as the pages. Steps are built from
``spoofs.actions`` (``core.rest.steps.step_view``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from bluelamp.core.rest.base import ApiView, GenericApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.pagination import ApiPagination
from bluelamp.core.rest.steps import step_view
from bluelamp.spoofs import permissions, selectors, services
from bluelamp.spoofs.actions import CANDIDATE_ACTIONS, candidate_available_actions
from bluelamp.spoofs.api.serializers import (
    CandidateCreateSerializer,
    CandidateDetailSerializer,
    CandidateFilterSerializer,
    CandidateImportSerializer,
    CandidateSerializer,
    SearchResultSerializer,
)
from bluelamp.spoofs.choices import CandidateStatus

TAG = "spoof-candidates"


def now() -> dt.datetime:
    return timezone.now()


class CanSeeCandidates(BasePermission):
    message = "Only Corporate Communications and auditors may see spoof candidates."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return permissions.can_view(request.user)


PERMISSIONS = (IsAuthenticated, CanSeeCandidates)
ERRORS = {"409": "invalid_transition, spoof_already_listed"}


def _detail(request, candidate) -> dict:
    candidate = selectors.candidate_get(user=request.user, pk=candidate.pk)
    candidate.takedown_draft = (
        selectors.candidate_takedown_draft(candidate)
        if candidate.status == CandidateStatus.SPOOF
        else ""
    )
    candidate.available_actions = candidate_available_actions(
        user=request.user, candidate=candidate
    )
    return CandidateDetailSerializer(candidate).data


class CandidateListView(GenericApiView):
    permission_classes = PERMISSIONS
    pagination_class = ApiPagination
    serializer_class = CandidateSerializer

    @extend_schema(
        operation_id="spoof_candidates_list",
        tags=[TAG],
        summary="List possible spoof and unofficial accounts, highest score first",
        parameters=[CandidateFilterSerializer],
        responses={200: CandidateSerializer(many=True), **error_responses()},
    )
    def get(self, request):
        filters = validated(CandidateFilterSerializer, request.query_params)
        rows = selectors.candidate_list(user=request.user, status=filters.get("state", ""))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(CandidateSerializer(page, many=True).data)

    @extend_schema(
        operation_id="spoof_candidates_create",
        tags=[TAG],
        summary="Add a possible spoof account (CCD); it is scored against the registry",
        request=CandidateCreateSerializer,
        responses={201: CandidateDetailSerializer, **error_responses(**ERRORS)},
    )
    def post(self, request):
        body = validated(CandidateCreateSerializer, request.data)
        candidate = services.candidate_add(actor=request.user, now=now(), **body)
        return Response(
            _detail(request, candidate),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:spoof_candidate", args=[candidate.pk])},
        )


class CandidateImportView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="spoof_candidates_import",
        tags=[TAG],
        summary="Import a CSV list of possible spoof accounts (CCD): all or nothing",
        description=(
            "The whole list is checked first. On any error nothing is imported: 400 "
            "`spoof_import_rejected` with `problems`, each `{line, column, message}`."
        ),
        request=CandidateImportSerializer,
        responses={201: CandidateSerializer(many=True), **error_responses(**ERRORS)},
    )
    def post(self, request):
        body = validated(CandidateImportSerializer, request.data)
        saved = services.candidate_import(actor=request.user, data=body["csv"], now=now())
        return Response(CandidateSerializer(saved, many=True).data, status=status.HTTP_201_CREATED)


class CandidateSearchView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="spoof_candidates_search",
        tags=[TAG],
        summary="Search X for lookalikes of the force's accounts (CCD)",
        description=(
            "Looks up on X the lookalike usernames of every registered X handle and of the "
            "force's names, 100 a request, and adds each account found that is not already "
            "listed, scored. If X stops it part way the accounts found so far are kept and "
            "`stopped` says why. 409 `spoof_search_unavailable`: no X token to search with; "
            "429 `spoof_search_rate_limited` (with `retry_after` seconds) or 503 "
            "`spoof_search_stopped`: X stopped it before anything was looked up. Facebook and "
            "Instagram cannot be searched (Graph has no Page or profile search)."
        ),
        request=None,
        responses={
            200: SearchResultSerializer,
            **error_responses(
                **{
                    "409": "spoof_search_unavailable",
                    "429": "spoof_search_rate_limited",
                    "503": "spoof_search_stopped",
                }
            ),
        },
    )
    def post(self, request):
        result = services.candidate_search(actor=request.user, now=now())
        return Response(SearchResultSerializer(result).data)


class CandidateDetailView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="spoof_candidates_read",
        tags=[TAG],
        summary="One candidate, with its takedown draft and what you may do now",
        responses={200: CandidateDetailSerializer, **error_responses()},
    )
    def get(self, request, pk: int):
        return Response(_detail(request, selectors.candidate_get(user=request.user, pk=pk)))


def _fetch(request, pk: int, **kwargs: Any):
    return selectors.candidate_get(user=request.user, pk=pk)


STEP_VIEWS = {
    name: step_view(
        CANDIDATE_ACTIONS,
        name,
        fetch=_fetch,
        answer=_detail,
        permission_classes=PERMISSIONS,
        operation_id=f"spoof_candidates_{name}",
        tag=TAG,
        response=CandidateDetailSerializer,
        errors=ERRORS,
        extra=lambda request, candidate, **kwargs: {"now": now()},
    )
    for name in CANDIDATE_ACTIONS.names()
}

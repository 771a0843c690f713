"""The disclosure export in the REST API: ``GET /api/v1/disclosure/export``, for Corporate
Communications and Information Security only (``disclosure.permissions``); the same service as
the page and the command line, so the same refusals and the same audit event."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.settings import api_settings

from bluelamp.core.rest.base import ApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.disclosure import permissions
from bluelamp.disclosure.api.serializers import ExportQuerySerializer
from bluelamp.disclosure.services import disclosure_export
from bluelamp.disclosure.views import export_response

TAG = "disclosure"


def now() -> dt.datetime:
    """The time (the one place this endpoint reads the clock; tests replace it)."""
    return timezone.now()


class CanExport(BasePermission):
    message = permissions.REFUSAL
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return permissions.can_export(request.user)


class _Settings:
    """DRF's settings, except that ``?format=`` does not choose the API's renderer."""

    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name):
        return getattr(api_settings, name)


class _FormatIsTheExports(DefaultContentNegotiation):
    # ``format`` here is the export's file format (csv, json, pdf), not DRF's override of
    # the response's renderer; errors are always answered in JSON.
    settings = _Settings()


class DisclosureExportView(ApiView):
    permission_classes = (IsAuthenticated, CanExport)
    content_negotiation_class = _FormatIsTheExports

    @extend_schema(
        operation_id="disclosure_export",
        tags=[TAG],
        summary="Export an account's posts with their findings and history (CC/01 4.4)",
        description="Every archived post of the account (or whose text holds every search "
        "word) published in the date range, with its findings, versions, approvals, removals, "
        "corrections, removal requests, reviews, appeal cases and audit history, as CSV or "
        "JSON (streamed) or PDF (with a cover page; at most 1,000 posts). The JSON is "
        '`{"export": {...header...}, "posts": [...]}` (docs/disclosure-export.md). Bluelamp '
        "holds no private or direct messages. Each export is audited (who, filters, counts, "
        "format); a refusal records nothing.",
        parameters=[ExportQuerySerializer],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="CSV"),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="JSON"),
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
            **error_responses(),
        },
    )
    def get(self, request):
        query = validated(ExportQuerySerializer, request.query_params)
        export = disclosure_export(
            actor=request.user,
            account=query.get("account", ""),
            search=query.get("search", ""),
            date_from=query.get("date_from", ""),
            date_to=query.get("date_to", ""),
            format=query.get("format", ""),
            now=now(),
        )
        return export_response(export)

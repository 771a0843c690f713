"""Background jobs in the REST API (Corporate Communications): the list, newest first, paged,
filtered by state like the page."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission, IsAuthenticated

from bluelamp.core.permissions import user_has_role
from bluelamp.core.rest.base import GenericApiView
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.pagination import ApiPagination
from bluelamp.core.roles import Role
from bluelamp.jobs import selectors


class IsCCD(BasePermission):
    message = "Only Corporate Communications may see the background jobs."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return user_has_role(request.user, Role.CCD)


class JobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    state = serializers.CharField()
    attempts = serializers.IntegerField()
    max_attempts = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    run_after = serializers.DateTimeField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    result = serializers.CharField()
    error = serializers.CharField()


class JobListView(GenericApiView):
    permission_classes = (IsAuthenticated, IsCCD)
    pagination_class = ApiPagination
    serializer_class = JobSerializer

    @extend_schema(
        operation_id="jobs_list",
        tags=["jobs"],
        summary="List the background jobs (CCD)",
        description="Queued, running and failed jobs by default; `state` one of queued, "
        "running, succeeded, failed, or all. Newest first.",
        parameters=[
            OpenApiParameter(
                "state",
                OpenApiTypes.STR,
                required=False,
                enum=["queued", "running", "succeeded", "failed", "all"],
            )
        ],
        responses={200: JobSerializer(many=True), **error_responses()},
    )
    def get(self, request):
        page = self.paginate_queryset(
            selectors.jobs_list(state=request.query_params.get("state", ""))
        )
        return self.get_paginated_response(JobSerializer(page, many=True).data)

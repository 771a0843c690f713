"""Posts in flight and the publishing calendar in the REST API, and approving several posts at
once: the pages' reads (``publishing.flight``) and the pages' bulk approval
(``publishing.bulk``), which takes each post through the one declared ``approve`` action."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from bluelamp.core.permissions import user_has_role
from bluelamp.core.rest.base import ApiView, GenericApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.pagination import ApiPagination
from bluelamp.core.roles import Role
from bluelamp.publishing import bulk, flight
from bluelamp.publishing.api.serializers import PostSerializer
from bluelamp.publishing.api.views import PERMISSIONS, TAG


class FlightFilterSerializer(serializers.Serializer):
    account = serializers.IntegerField(required=False, min_value=1, help_text="An account's id.")
    department = serializers.CharField(
        required=False, default="", help_text="The account's department or team, exactly."
    )
    state = serializers.ChoiceField(
        choices=[("", "any"), *flight.IN_FLIGHT_CHOICES], required=False, default=""
    )


class CalendarQuerySerializer(serializers.Serializer):
    view = serializers.ChoiceField(choices=["week", "month"], required=False, default="month")
    date = serializers.DateField(
        required=False, help_text="A day in the week or month to show (default: today)."
    )


class CalendarEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="when")
    published = serializers.BooleanField(
        help_text="Published at `at`; otherwise scheduled (or held) for `at`."
    )
    post = PostSerializer()


class CalendarDaySerializer(serializers.Serializer):
    day = serializers.DateField()
    entries = CalendarEntrySerializer(many=True)


class CalendarSerializer(serializers.Serializer):
    view = serializers.CharField()
    start = serializers.DateField(help_text="The first day of the week or month.")
    end = serializers.DateField(help_text="The day after its last.")
    previous = serializers.DateField(help_text="The first day of the period before.")
    following = serializers.DateField(help_text="The first day of the period after.")
    days = CalendarDaySerializer(many=True)


class ApproveManySerializer(serializers.Serializer):
    posts = serializers.ListField(
        child=serializers.UUIDField(),
        min_length=1,
        max_length=bulk.MAX_BULK,
        help_text=f"The posts' ids, at most {bulk.MAX_BULK}.",
    )
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class ApproveResultSerializer(serializers.Serializer):
    id = serializers.CharField()
    ok = serializers.BooleanField(help_text="Approved.")
    code = serializers.CharField(help_text="`approved`, or the refusal's error code.")
    message = serializers.CharField()
    state = serializers.CharField(allow_null=True, help_text="The post's state now.")


class ApproveManyResultSerializer(serializers.Serializer):
    approved = serializers.IntegerField()
    results = ApproveResultSerializer(many=True)


class IsApprover(BasePermission):
    message = "Only line managers and Corporate Communications approve posts."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return user_has_role(request.user, Role.LINE_MANAGER, Role.CCD)


class PostsInFlightView(GenericApiView):
    """The posts in flight the caller may read."""

    permission_classes = PERMISSIONS
    pagination_class = ApiPagination
    serializer_class = PostSerializer

    @extend_schema(
        operation_id="posts_in_flight",
        tags=[TAG],
        summary="List the posts in flight on every account you may see",
        description=(
            "Drafts, posts awaiting approval or their author, returned, ready, scheduled, held, "
            "publishing and failed posts, those with a time to publish first (soonest first). "
            "CCD, PSD and auditors see every account; staff and line managers the accounts "
            "they post on, own, deputise for or supervise, and their team's posts."
        ),
        parameters=[FlightFilterSerializer],
        responses={200: PostSerializer(many=True), **error_responses()},
    )
    def get(self, request):
        filters = validated(FlightFilterSerializer, request.query_params)
        posts = flight.posts_in_flight(
            user=request.user,
            account=filters.get("account"),
            department=filters.get("department", ""),
            state=filters.get("state", ""),
        )
        page = self.paginate_queryset(posts)
        return self.get_paginated_response(PostSerializer(page, many=True).data)


class PostsCalendarView(ApiView):
    """A week or month of scheduled and published posts."""

    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="posts_calendar",
        tags=[TAG],
        summary="The publishing calendar: a week or a month of scheduled and published posts",
        description=(
            "Scheduled and held posts at their time to publish, published posts at the time "
            "they went out, by Europe/London day; a month is padded to whole weeks (Monday "
            "first). Scoped as `posts_in_flight`."
        ),
        parameters=[CalendarQuerySerializer],
        responses={200: CalendarSerializer, **error_responses()},
    )
    def get(self, request):
        query = validated(CalendarQuerySerializer, request.query_params)
        anchor: dt.date = query.get("date") or timezone.localdate()
        period = flight.calendar_period(user=request.user, view=query["view"], anchor=anchor)
        return Response(CalendarSerializer(period).data)


class ApproveManyView(ApiView):
    """Approve several posts, each through the one approval action."""

    permission_classes = (IsAuthenticated, IsApprover)

    @extend_schema(
        operation_id="posts_approve_many",
        tags=[TAG],
        summary="Approve several posts at once, each as if approved on its own",
        description=(
            "Each post goes through `posts_approve` (who may, whether its state allows it, "
            "the check again as things stand now), in its own transaction: a refusal of one "
            "leaves the others as they are. The answer lists each post's result, with the "
            "refusal's error code where it was not approved (`not_found` for a post you may "
            "not read). Line managers and CCD only (403)."
        ),
        request=ApproveManySerializer,
        responses={200: ApproveManyResultSerializer, **error_responses()},
    )
    def post(self, request):
        body = validated(ApproveManySerializer, request.data)
        results = bulk.approve_each(user=request.user, public_ids=body["posts"], note=body["note"])
        rows = [
            {
                "id": r["id"],
                "ok": r["ok"],
                "code": r["code"],
                "message": r["message"],
                "state": r["post"].state if r["post"] is not None else None,
            }
            for r in results
        ]
        return Response(
            ApproveManyResultSerializer(
                {"approved": sum(1 for r in rows if r["ok"]), "results": rows}
            ).data
        )

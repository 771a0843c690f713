"""Policy acknowledgement and training in the REST API: a person's own standing and
acknowledgement (/api/v1/policy-acknowledgement), who has not finished (CCD and auditors),
training records and reminders (CCD)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from bluelamp.acknowledgements import permissions, selectors, services
from bluelamp.core.models import User
from bluelamp.core.rest.base import ApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.serializers import UserRefSerializer

TAG = "policy-acknowledgement"


def now() -> dt.datetime:
    return timezone.now()


class IsSubject(BasePermission):
    message = "Only people who may post acknowledge the policy."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return permissions.is_subject(request.user)


class CanView(BasePermission):
    message = "Only Corporate Communications and auditors may see who has not acknowledged."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return permissions.can_view(request.user)


class TrainingSerializer(serializers.Serializer):
    course = serializers.CharField()
    completed_on = serializers.DateField()


class StandingSerializer(serializers.Serializer):
    person = UserRefSerializer(source="user")
    pack = serializers.CharField()
    version = serializers.CharField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    training = TrainingSerializer(allow_null=True)
    training_current = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())
    complete = serializers.BooleanField()


class TrainingCreateSerializer(serializers.Serializer):
    person = serializers.IntegerField(help_text="The person's user id.")
    course = serializers.CharField()
    completed_on = serializers.DateField()


class TrainingRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = UserRefSerializer(source="user")
    course = serializers.CharField()
    completed_on = serializers.DateField()
    recorded_at = serializers.DateTimeField()


class RemindedSerializer(serializers.Serializer):
    reminded = serializers.IntegerField()


def _standing(row) -> dict:
    pack_id, version = selectors.current_version()
    return StandingSerializer(
        {
            "user": row.user,
            "pack": pack_id,
            "version": version,
            "acknowledged_at": row.acknowledged_at,
            "training": row.training,
            "training_current": row.training_current,
            "missing": row.missing,
            "complete": row.complete,
        }
    ).data


class MineView(ApiView):
    permission_classes = (IsAuthenticated, IsSubject)

    @extend_schema(
        operation_id="policy_acknowledgement_read",
        tags=[TAG],
        summary="Where you stand: the current version acknowledged, your training",
        responses={200: StandingSerializer, **error_responses(401, 403)},
    )
    def get(self, request):
        return Response(_standing(selectors.standing_of(request.user, now=now())))

    @extend_schema(
        operation_id="policy_acknowledgement_create",
        tags=[TAG],
        summary="Acknowledge that you have read and accept the current version",
        request=None,
        responses={200: StandingSerializer, **error_responses(401, 403)},
    )
    def post(self, request):
        services.policy_acknowledge(actor=request.user, now=now())
        return Response(_standing(selectors.standing_of(request.user, now=now())))


class OutstandingView(ApiView):
    permission_classes = (IsAuthenticated, CanView)

    @extend_schema(
        operation_id="policy_acknowledgements_outstanding",
        tags=[TAG],
        summary="Who has not acknowledged the current version or been trained",
        responses={200: StandingSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request):
        rows = selectors.standings(user=request.user, now=now())
        return Response([_standing(row) for row in rows])


class RemindView(ApiView):
    permission_classes = (IsAuthenticated, CanView)

    @extend_schema(
        operation_id="policy_acknowledgements_remind",
        tags=[TAG],
        summary="E-mail everyone who has not finished (CCD; each at most once a week)",
        request=None,
        responses={200: RemindedSerializer, **error_responses(401, 403)},
    )
    def post(self, request):
        count = services.acknowledgement_reminders_send(actor=request.user, now=now())
        return Response({"reminded": count})


class TrainingView(ApiView):
    permission_classes = (IsAuthenticated, CanView)

    @extend_schema(
        operation_id="training_records_create",
        tags=[TAG],
        summary="Record that a person completed social media training (CCD)",
        request=TrainingCreateSerializer,
        responses={201: TrainingRecordSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        permissions.check_can_manage(request.user)
        body = validated(TrainingCreateSerializer, request.data)
        person = selectors.subjects().filter(pk=body["person"]).first()
        record = services.training_record(
            actor=request.user,
            person=person if isinstance(person, User) else None,
            course=body["course"],
            completed_on=body["completed_on"],
            now=now(),
        )
        return Response(TrainingRecordSerializer(record).data, status=status.HTTP_201_CREATED)

"""The self-check in the REST API (/api/v1/self-check), for the signed-in person about their
own posts: run it (nothing stored), save the report, read and delete their saved reports. Every
saved report is its owner's alone: anyone else's id answers 404."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from bluelamp.core.rest.base import ApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.serializers import FindingSerializer
from bluelamp.selfcheck import selectors, services

TAG = "self-check"
PERMISSIONS = (IsAuthenticated,)


def now() -> dt.datetime:
    return timezone.now()


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="An X, Facebook or Instagram export, or a .csv/.jsonl")


class ItemSerializer(serializers.Serializer):
    n = serializers.IntegerField(help_text="The post's place in the file, from 1.")
    id = serializers.CharField(allow_null=True)
    platform = serializers.CharField()
    when = serializers.CharField(allow_null=True)
    kind = serializers.CharField()
    text = serializers.CharField()
    verdict = serializers.CharField()
    findings = FindingSerializer(many=True)


class RuleCountSerializer(serializers.Serializer):
    rule = serializers.CharField()
    clause = serializers.CharField()
    posts = serializers.IntegerField()


class ReportSerializer(serializers.Serializer):
    source = serializers.CharField()
    posts = serializers.IntegerField()
    checked = serializers.IntegerField()
    flagged = serializers.IntegerField()
    seconds = serializers.FloatField()
    by_rule = RuleCountSerializer(many=True)
    verdicts = serializers.DictField(child=serializers.IntegerField())
    items = ItemSerializer(many=True)
    listed_all = serializers.BooleanField()


class RunAnswerSerializer(ReportSerializer):
    save_token = serializers.CharField(
        help_text="Send it to POST /api/v1/self-check/saved within 12 hours to keep the report."
    )


class SaveSerializer(serializers.Serializer):
    save_token = serializers.CharField()
    title = serializers.CharField(required=False, allow_blank=True, default="")


class SavedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    saved_at = serializers.DateTimeField()


class SavedDetailSerializer(SavedSerializer):
    report = ReportSerializer()


class SelfCheckRunView(ApiView):
    permission_classes = PERMISSIONS
    parser_classes = (MultiPartParser,)

    @extend_schema(
        operation_id="self_check_run",
        tags=[TAG],
        summary="Check your own posts privately (CC/01 6.1): nothing is stored",
        description=(
            "Every post in the upload is checked with the rules for a personal account. The "
            "report is answered to you and kept nowhere; nobody else can see it or know it was "
            "run. 400 `self_check_unreadable` names the file and the place when it cannot be read."
        ),
        request={"multipart/form-data": UploadSerializer},
        responses={200: RunAnswerSerializer, **error_responses(400, 401)},
    )
    def post(self, request):
        body = validated(UploadSerializer, request.data)
        return Response(services.self_check_run(actor=request.user, upload=body["file"]))


class SavedListView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="self_check_saved_list",
        tags=[TAG],
        summary="Your saved self-check reports",
        responses={200: SavedSerializer(many=True), **error_responses(401)},
    )
    def get(self, request):
        rows = selectors.saved_check_list(user=request.user)
        return Response(SavedSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="self_check_saved_create",
        tags=[TAG],
        summary="Save a report you were given (only you can open it)",
        request=SaveSerializer,
        responses={201: SavedDetailSerializer, **error_responses(400, 401)},
    )
    def post(self, request):
        body = validated(SaveSerializer, request.data)
        saved = services.saved_check_save(actor=request.user, now=now(), **body)
        return Response(
            SavedDetailSerializer(saved).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:self_check_saved", args=[saved.pk])},
        )


class SavedDetailView(ApiView):
    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="self_check_saved_read",
        tags=[TAG],
        summary="One of your saved reports",
        responses={200: SavedDetailSerializer, **error_responses(401, 404)},
    )
    def get(self, request, pk: int):
        return Response(
            SavedDetailSerializer(selectors.saved_check_get(user=request.user, pk=pk)).data
        )

    @extend_schema(
        operation_id="self_check_saved_delete",
        tags=[TAG],
        summary="Delete one of your saved reports for good",
        responses={204: None, **error_responses(401, 404)},
    )
    def delete(self, request, pk: int):
        saved = selectors.saved_check_get(user=request.user, pk=pk)
        services.saved_check_delete(saved_check=saved, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

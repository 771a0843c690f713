"""Serializers for conduct cases, staff reports and media alerts in the API. Input serializers
check only the JSON's shape; the services check the rest, so pages and API refuse the same
things with the same messages. Choice fields have names no other endpoint uses, so the OpenAPI
schema names each choice set once. A screenshot travels as base64 (``screenshot``)."""

from __future__ import annotations

import base64
import binascii

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bluelamp.conduct.choices import (
    CaseStatus,
    ContentKind,
    Outcome,
    ReportKind,
    ReportStatus,
    Seriousness,
    Team,
)
from bluelamp.core.rest.serializers import UserRefSerializer


@extend_schema_field(OpenApiTypes.BYTE)
class Base64Field(serializers.Field):
    """An image as base64 (optional): the service strips its metadata before it is kept."""

    default_error_messages = {"invalid": "Give the screenshot as base64."}  # noqa: RUF012

    def to_internal_value(self, data):
        if data in (None, ""):
            return b""
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            self.fail("invalid")

    def to_representation(self, value):
        return base64.b64encode(bytes(value)).decode() if value else None


# --- Input ------------------------------------------------------------------------------------


class CaseReportSerializer(serializers.Serializer):
    content_kind = serializers.ChoiceField(choices=ContentKind.choices)
    link = serializers.CharField(required=False, allow_blank=True, default="")
    screenshot = Base64Field(required=False, default=b"")
    what_is_wrong = serializers.CharField(allow_blank=True)
    clause = serializers.CharField(help_text="A clause number of the policy pack, e.g. 6.6.")
    subject_text = serializers.CharField(required=False, allow_blank=True, default="")


class AssessSerializer(serializers.Serializer):
    seriousness = serializers.ChoiceField(choices=Seriousness.choices)
    assessment = serializers.CharField(allow_blank=True)
    subject = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="A username."
    )


class ReferSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class RemovalRequestSerializer(serializers.Serializer):
    what = serializers.CharField(allow_blank=True)
    deadline = serializers.DateField()
    subject = serializers.CharField(required=False, allow_blank=True, default="")


class ProofSerializer(serializers.Serializer):
    statement = serializers.CharField(allow_blank=True)
    link = serializers.CharField(required=False, allow_blank=True, default="")
    screenshot = Base64Field(required=False, default=b"")


class CloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class StaffReportCreateSerializer(serializers.Serializer):
    report_kind = serializers.ChoiceField(choices=ReportKind.choices)
    details = serializers.CharField(allow_blank=True)
    platform = serializers.CharField(required=False, allow_blank=True, default="")
    link = serializers.CharField(required=False, allow_blank=True, default="")
    pasted_text = serializers.CharField(required=False, allow_blank=True, default="")
    happened_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    screenshot = Base64Field(required=False, default=b"")


class StaffReportCloseSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True)


class MediaAlertCreateSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True)


# --- Output -----------------------------------------------------------------------------------


class CaseRegisterSerializer(serializers.Serializer):
    """What auditors see of a case: that it exists, and when things happened."""

    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    case_state = serializers.ChoiceField(source="status", choices=CaseStatus.choices)
    case_team = serializers.ChoiceField(source="team", choices=Team.choices)
    reported_at = serializers.DateTimeField()
    referred_at = serializers.DateTimeField(allow_null=True)
    removal_requested_at = serializers.DateTimeField(allow_null=True)
    removal_deadline = serializers.DateField(allow_null=True)
    removal_done_at = serializers.DateTimeField(allow_null=True)
    escalated_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)


class CaseSerializer(CaseRegisterSerializer):
    """A case as the team holding it sees it."""

    reported_by = UserRefSerializer()
    content_kind = serializers.ChoiceField(choices=ContentKind.choices)
    link = serializers.CharField()
    what_is_wrong = serializers.CharField()
    clause = serializers.CharField()
    subject_text = serializers.CharField()
    has_screenshot = serializers.BooleanField()
    subject = UserRefSerializer(allow_null=True)
    seriousness = serializers.CharField()
    assessment = serializers.CharField()
    referral_reason = serializers.CharField()
    removal_what = serializers.CharField()
    removal_statement = serializers.CharField()
    removal_proof_link = serializers.CharField()
    case_outcome = serializers.CharField(source="outcome")
    outcome_note = serializers.CharField()
    available_actions = serializers.ListField(child=serializers.CharField())


class RemovalViewSerializer(serializers.Serializer):
    """A case as the member of staff asked to remove content sees it: what, by when, and
    their own proof; nothing of the report, the reporter or the team's view."""

    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    removal_what = serializers.CharField()
    removal_deadline = serializers.DateField()
    removal_requested_at = serializers.DateTimeField()
    removal_done_at = serializers.DateTimeField(allow_null=True)
    removal_statement = serializers.CharField()
    removal_proof_link = serializers.CharField()
    available_actions = serializers.ListField(child=serializers.CharField())


class StaffReportSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    report_kind = serializers.ChoiceField(source="kind", choices=ReportKind.choices)
    report_state = serializers.ChoiceField(source="status", choices=ReportStatus.choices)
    reported_by = UserRefSerializer()
    captured_at = serializers.DateTimeField()
    happened_at = serializers.DateTimeField(allow_null=True)
    platform = serializers.CharField()
    link = serializers.CharField()
    pasted_text = serializers.CharField()
    details = serializers.CharField()
    screenshot_sha256 = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)
    closing_note = serializers.CharField()


class MediaAlertSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    post_id = serializers.UUIDField(source="post.public_id")
    raised_by = UserRefSerializer()
    raised_at = serializers.DateTimeField()
    note = serializers.CharField()
    post_state = serializers.CharField()

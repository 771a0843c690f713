"""Serializers for lost devices, rotation tasks and staff changes in the API. Input
serializers check only the JSON's shape; the services check everything else, so the API and
the pages refuse the same things with the same messages. Passwords are write-only and never
answered. Choice fields have names no other endpoint uses, so the schema names each set once."""

from __future__ import annotations

from rest_framework import serializers

from bluelamp.account_security.choices import (
    ChecklistStatus,
    Circumstances,
    DeviceKind,
    IssuedBy,
    ReportStatus,
    Step,
    TaskStatus,
    Trigger,
)
from bluelamp.core.rest.serializers import UserRefSerializer


class AccountRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    platform = serializers.CharField(read_only=True)
    handle = serializers.CharField(read_only=True)
    publishing_suspended = serializers.BooleanField(read_only=True)


class StepStateSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=Step.choices, read_only=True)
    label = serializers.CharField(read_only=True)
    done = serializers.BooleanField(read_only=True)
    done_by = UserRefSerializer(read_only=True, allow_null=True)
    done_at = serializers.DateTimeField(read_only=True, allow_null=True)
    note = serializers.CharField(read_only=True)
    manual = serializers.BooleanField(read_only=True)
    evidence = serializers.JSONField(read_only=True)


class ChecklistSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    account = AccountRefSerializer(read_only=True)
    checklist_state = serializers.ChoiceField(choices=ChecklistStatus.choices, read_only=True)
    secured_at = serializers.DateTimeField(read_only=True, allow_null=True)
    hours_to_secure = serializers.FloatField(read_only=True, allow_null=True)
    steps = StepStateSerializer(many=True, read_only=True)


class LostDeviceReportSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    reporter = UserRefSerializer(read_only=True)
    device = serializers.CharField(read_only=True)
    device_kind = serializers.ChoiceField(choices=DeviceKind.choices, read_only=True)
    issued_by = serializers.ChoiceField(choices=IssuedBy.choices, read_only=True)
    circumstances = serializers.ChoiceField(choices=Circumstances.choices, read_only=True)
    lost_at = serializers.DateTimeField(read_only=True)
    reported_at = serializers.DateTimeField(read_only=True)
    secure_by = serializers.DateTimeField(read_only=True)
    report_state = serializers.ChoiceField(choices=ReportStatus.choices, read_only=True)
    escalated_at = serializers.DateTimeField(read_only=True, allow_null=True)
    closed_at = serializers.DateTimeField(read_only=True, allow_null=True)


class LostDeviceReportDetailSerializer(LostDeviceReportSerializer):
    details = serializers.CharField(read_only=True)
    checklists = ChecklistSerializer(many=True, read_only=True)
    available_actions = serializers.ListField(child=serializers.CharField(), read_only=True)


class LostDeviceCreateSerializer(serializers.Serializer):
    device = serializers.CharField(allow_blank=True, max_length=1000)
    device_kind = serializers.ChoiceField(choices=DeviceKind.choices)
    issued_by = serializers.ChoiceField(choices=IssuedBy.choices)
    circumstances = serializers.ChoiceField(choices=Circumstances.choices)
    lost_at = serializers.DateTimeField(help_text="When it was lost, with its offset.")
    accounts = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the accounts signed in on it."
    )
    details = serializers.CharField(required=False, allow_blank=True, default="")


class StepSerializer(serializers.Serializer):
    checklist_id = serializers.IntegerField(help_text="The account's checklist on the report.")
    step = serializers.ChoiceField(choices=Step.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    username = serializers.CharField(required=False, allow_blank=True, default="")
    password = serializers.CharField(
        required=False, allow_blank=True, default="", write_only=True, trim_whitespace=False
    )


class SuspendSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class RotationTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    account = AccountRefSerializer(read_only=True)
    assignee = UserRefSerializer(read_only=True)
    trigger = serializers.ChoiceField(choices=Trigger.choices, read_only=True)
    reasons = serializers.JSONField(read_only=True)
    task_state = serializers.ChoiceField(choices=TaskStatus.choices, read_only=True)
    opened_at = serializers.DateTimeField(read_only=True)
    due_at = serializers.DateTimeField(read_only=True)
    escalated_at = serializers.DateTimeField(read_only=True, allow_null=True)
    completed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    completed_by = UserRefSerializer(read_only=True, allow_null=True)
    available_actions = serializers.ListField(child=serializers.CharField(), read_only=True)


class RotationSerializer(serializers.Serializer):
    username = serializers.CharField(allow_blank=True)
    password = serializers.CharField(allow_blank=True, write_only=True, trim_whitespace=False)


class RegisterRowSerializer(serializers.Serializer):
    report_id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    account = AccountRefSerializer(read_only=True)
    lost_at = serializers.DateTimeField(read_only=True)
    secured_at = serializers.DateTimeField(read_only=True, allow_null=True)
    hours = serializers.FloatField(read_only=True, allow_null=True)
    secured = serializers.BooleanField(read_only=True)


class RegisterSerializer(serializers.Serializer):
    target_hours = serializers.IntegerField(read_only=True)
    median_hours = serializers.FloatField(read_only=True, allow_null=True)
    secured = serializers.IntegerField(read_only=True)
    within_target = serializers.IntegerField(read_only=True)
    rows = RegisterRowSerializer(many=True, read_only=True)


class StaffChangesSerializer(serializers.Serializer):
    csv = serializers.CharField(
        allow_blank=True, trim_whitespace=False, help_text="The file's text (UTF-8)."
    )
    source = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class StaffChangesResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    applied_at = serializers.DateTimeField(read_only=True)
    rows = serializers.JSONField(read_only=True)
    changes = serializers.JSONField(read_only=True)

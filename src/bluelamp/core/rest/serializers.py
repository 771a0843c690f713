"""Serializers every app's API shares: a person as the registry names them, the one error body,
and a finding of the rules engine (spec/rules.md)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bluelamp.engine.model import Severity

SEVERITIES = [s.label for s in sorted(Severity, reverse=True)]


class UserRefSerializer(serializers.Serializer):
    """A person, as the registry names them."""

    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    name = serializers.CharField(source="label", read_only=True)


@extend_schema_field(
    {"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}], "example": "https://x.com/"}
)
class OptionalURLField(serializers.URLField):
    """An address that may be absent: answered as "" (not null) when there is none, which the
    schema says (a model's ``URLField(blank=True)`` would otherwise be published as an address
    that is always there)."""


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable error code, e.g. invalid_post.")
    message = serializers.CharField(help_text="What went wrong, in plain English.")


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="Stable rule id, e.g. personal-data.")
    clause = serializers.CharField(help_text="The policy clause, e.g. 4.12.")
    severity = serializers.ChoiceField(choices=SEVERITIES)
    message = serializers.CharField(help_text="What to change, for the officer.")
    start = serializers.IntegerField(allow_null=True, help_text="Offset into text, or null.")
    end = serializers.IntegerField(allow_null=True)
    excerpt = serializers.CharField(allow_null=True)

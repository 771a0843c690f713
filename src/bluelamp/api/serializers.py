"""Serializers that describe the API's bodies in the OpenAPI schema.

The post checker does not validate with these: its input is validated by the rules engine
(``bluelamp.engine.model.post_from_dict``), the one definition of the `bluelamp check --jsonl`
format, so the API and the command line cannot drift apart. These only document it."""

from __future__ import annotations

from rest_framework import serializers

from bluelamp.engine.model import KINDS, TIERS, Severity

SEVERITIES = [s.label for s in sorted(Severity, reverse=True)]


class UserRefSerializer(serializers.Serializer):
    """A person, as the registry names them."""

    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    name = serializers.CharField(source="label", read_only=True)


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable error code, e.g. invalid_post.")
    message = serializers.CharField(help_text="What went wrong, in plain English.")


class CheckAccountSerializer(serializers.Serializer):
    tier = serializers.ChoiceField(choices=TIERS, default="individual", required=False)
    handle = serializers.CharField(required=False)


class CheckContextSerializer(serializers.Serializer):
    election_period = serializers.BooleanField(default=False, required=False)
    major_incident = serializers.BooleanField(default=False, required=False)
    authorisations = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Rule ids of approvals already granted, e.g. ['live-broadcast'].",
    )


class CheckPostSerializer(serializers.Serializer):
    """One post, in the `bluelamp check --jsonl` input format. ``media`` is refused
    (media_not_supported): images are checked when uploaded for publishing."""

    id = serializers.CharField(required=False, help_text="Echoed back in the report.")
    text = serializers.CharField(help_text="The post's text.")
    account = CheckAccountSerializer(required=False)
    kind = serializers.ChoiceField(choices=KINDS, default="post", required=False)
    context = CheckContextSerializer(required=False)


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="Stable rule id, e.g. personal-data.")
    clause = serializers.CharField(help_text="The policy clause, e.g. 4.12.")
    severity = serializers.ChoiceField(choices=SEVERITIES)
    message = serializers.CharField(help_text="What to change, for the officer.")
    start = serializers.IntegerField(allow_null=True, help_text="Offset into text, or null.")
    end = serializers.IntegerField(allow_null=True)
    excerpt = serializers.CharField(allow_null=True)


class CheckReportSerializer(serializers.Serializer):
    """The report, exactly as `bluelamp check --json` prints it."""

    id = serializers.CharField(allow_null=True)
    verdict = serializers.ChoiceField(choices=SEVERITIES, help_text="The worst finding, or pass.")
    findings = FindingSerializer(many=True)


class CheckItemErrorSerializer(serializers.Serializer):
    """In a batch, a post that could not be checked (the others still are)."""

    index = serializers.IntegerField(help_text="Its position in the request array, from 0.")
    id = serializers.CharField(required=False, help_text="The post's id, if it had one.")
    code = serializers.ChoiceField(choices=["invalid_post", "media_not_supported"])
    error = serializers.CharField(help_text="Why it could not be checked.")

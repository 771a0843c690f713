"""Serializers that describe the post checker's bodies (``POST /api/v1/check``) in the OpenAPI
schema: the input and report formats of spec/rules.md.

The checker does not validate with these: its input is validated by the rules engine
(``bluelamp.engine.model.post_from_dict``), the one definition of the `bluelamp check --jsonl`
format, so the API and the command line cannot drift apart. These only document it."""

from __future__ import annotations

from rest_framework import serializers

from bluelamp.core.rest.serializers import SEVERITIES, FindingSerializer
from bluelamp.engine.model import KINDS, PLATFORMS, TIERS


class CheckAccountSerializer(serializers.Serializer):
    tier = serializers.ChoiceField(choices=TIERS, default="individual", required=False)
    handle = serializers.CharField(required=False)
    # A plain string here: an enum would collide in the schema with the account registry's
    # platform choices (same values, other labels).
    platform = serializers.CharField(
        required=False,
        help_text="Where it will be published (" + ", ".join(PLATFORMS) + "): also checks the "
        "platform's length limit (platform-length). Without it, length is not checked.",
    )


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


class WorkItemSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(help_text="The item's page, relative to the service.")
    due = serializers.CharField(
        allow_null=True, help_text="When it is due (ISO 8601 date or time); null when not."
    )
    since = serializers.DateTimeField(allow_null=True, help_text="Since when it has waited.")
    detail = serializers.CharField(allow_blank=True)


class WorkListSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="What kind of work, e.g. publishing.approvals.")
    title = serializers.CharField()
    url = serializers.CharField(help_text="The page listing all of them.")
    count = serializers.IntegerField(help_text="How many in all (items holds the first few).")
    items = WorkItemSerializer(many=True)


class MyWorkSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    lists = WorkListSerializer(many=True)

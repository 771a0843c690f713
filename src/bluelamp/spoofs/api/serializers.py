"""The spoof review's API bodies and answers."""

from __future__ import annotations

from rest_framework import serializers

from bluelamp.social_accounts.choices import Platform
from bluelamp.spoofs.choices import STATE_FILTERS, CandidateStatus, Outcome, Source


class CandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    platform = serializers.ChoiceField(choices=Platform.choices)
    handle = serializers.CharField()
    display_name = serializers.CharField()
    url = serializers.CharField()
    notes = serializers.CharField()
    added_from = serializers.ChoiceField(choices=Source.choices, source="source")
    added_at = serializers.DateTimeField()
    score = serializers.IntegerField(help_text="0–100: how much it looks like the force's.")
    score_reasons = serializers.ListField(child=serializers.CharField())
    closest_account_id = serializers.IntegerField(allow_null=True)
    state = serializers.ChoiceField(choices=CandidateStatus.choices, source="status")
    decision_reason = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    takedown_text = serializers.CharField()
    takedown_reference = serializers.CharField()
    takedown_requested_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField(help_text=f"One of {', '.join(Outcome.values)}, or blank.")
    outcome_note = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)


class CandidateDetailSerializer(CandidateSerializer):
    takedown_draft = serializers.CharField(
        help_text="While it is judged a spoof: the request to send, with the platform's route."
    )
    available_actions = serializers.ListField(child=serializers.CharField())


class CandidateCreateSerializer(serializers.Serializer):
    platform = serializers.CharField()
    handle = serializers.CharField()
    display_name = serializers.CharField(required=False, allow_blank=True, default="")
    url = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class CandidateImportSerializer(serializers.Serializer):
    csv = serializers.CharField(
        help_text="The list as CSV text: platform, handle and optionally display_name, url, notes."
    )


class CandidateFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=STATE_FILTERS, required=False)


class SearchResultSerializer(serializers.Serializer):
    looked_up = serializers.IntegerField(help_text="Lookalike usernames looked up on X.")
    requests = serializers.IntegerField(help_text="Requests made to X (100 usernames each).")
    found = serializers.ListField(
        child=serializers.CharField(), help_text="The usernames that exist on X."
    )
    added = CandidateSerializer(many=True, help_text="The candidates added for review.")
    already_listed = serializers.ListField(
        child=serializers.CharField(),
        help_text="Found, but already a candidate or one of the force's registered accounts.",
    )
    stopped = serializers.CharField(
        help_text="Why X stopped the search part way (its rate limit, an error); blank if not."
    )
    retry_after = serializers.IntegerField(
        allow_null=True, help_text="Seconds to wait before searching again, after a rate limit."
    )

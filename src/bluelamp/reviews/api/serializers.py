"""The shapes of monthly reviews and appeal cases in the REST API."""

from __future__ import annotations

from rest_framework import serializers

from bluelamp.reviews.choices import RESOLVED, CaseStatus, Decision, Reason, ReviewStatus


class ReviewReasonSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Reason.choices)
    detail = serializers.CharField()


class ReviewItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    post = serializers.UUIDField(source="post.public_id")
    text = serializers.CharField(source="post.text")
    post_state = serializers.CharField(source="post.state")
    reasons = ReviewReasonSerializer(many=True)
    decision = serializers.ChoiceField(choices=Decision.choices, allow_blank=True)
    note = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    account = serializers.CharField(source="account.handle")
    platform = serializers.CharField(source="account.platform")
    month = serializers.DateField()
    due_on = serializers.DateField()
    review_state = serializers.ChoiceField(source="status", choices=ReviewStatus.choices)
    completed_at = serializers.DateTimeField(allow_null=True)


class ReviewDetailSerializer(ReviewSerializer):
    items = ReviewItemSerializer(many=True, source="items.all")
    available_actions = serializers.ListField(child=serializers.CharField())


class ReviewFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=ReviewStatus.choices, required=False)


class AppealCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    name = serializers.CharField(max_length=200)
    reference = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    case_state = serializers.ChoiceField(
        source="status", choices=CaseStatus.choices, read_only=True
    )
    posts = serializers.SerializerMethodField()

    def get_posts(self, case) -> list[str]:
        return [str(link.post.public_id) for link in case.links.select_related("post")]


class AppealCaseResolveSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[(s.value, s.label) for s in RESOLVED])


class AppealCaseLinkSerializer(serializers.Serializer):
    post = serializers.UUIDField()

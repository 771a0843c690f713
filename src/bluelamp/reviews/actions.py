"""Every workflow action on a monthly review, defined once (``core.actions``): the step it takes
in ``engine.workflows.reviews``, who may (the account's owner or deputy, or CCD; a line manager
and an auditor read and are refused with 403), its form, its API body and its one service. The
pages and the API read ``REVIEW_ACTIONS``; the services check permission and state again under
their lock.

Deciding an item is about one post of the review, named in the path: the action's service
receives it as ``item`` (found within the review by ``selectors.review_item_get``, 404
otherwise)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bluelamp.core.actions import Action, ActionSet
from bluelamp.engine.workflows import reviews as flow
from bluelamp.reviews import forms, permissions, services
from bluelamp.reviews.choices import Decision
from bluelamp.reviews.errors import PlatformDidNotActError


class DecisionBody(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(allow_blank=True)
    text = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="The corrected words (correct)."
    )


class EmptyBody(serializers.Serializer):
    pass


REVIEW_ACTIONS = ActionSet(
    entity="review",
    workflow=flow.WORKFLOW,
    actions=(
        Action(
            name="decide_item",
            steps=(flow.DECIDE_ITEM,),
            permission=permissions.decide_refusal,
            form=forms.DecisionForm,
            serializer=DecisionBody,
            service=services.review_item_decide,
            failures=(PlatformDidNotActError,),
            done=lambda item: f"Post {item.get_decision_display().lower()}: recorded.",
            label="Decide this post",
            summary="Keep (with a reason), correct or remove one post of the review",
            errors={"409": "review_item_decided, review_platform_failed, invalid_transition"},
        ),
        Action(
            name="complete",
            steps=(flow.COMPLETE,),
            permission=permissions.decide_refusal,
            form=forms.ConfirmForm,
            serializer=EmptyBody,
            service=services.review_complete,
            done="Review done.",
            label="Complete the review",
            summary="Record the review as done (every post decided)",
            errors={"409": "review_items_undecided, invalid_transition"},
        ),
    ),
)


def review_available_actions(*, user: Any, review: Any) -> list[str]:
    return REVIEW_ACTIONS.available(review, user)

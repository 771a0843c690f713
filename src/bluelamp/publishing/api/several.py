"""The same words on several accounts at once in the REST API: a draft on each
(``services.several``), each its own post from then on."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from bluelamp.core.errors import InvalidInputError
from bluelamp.core.rest.base import ApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.validation import MAX_ID
from bluelamp.publishing.api.serializers import PostSerializer
from bluelamp.publishing.api.views import PERMISSIONS, TAG
from bluelamp.publishing.choices import PostKind
from bluelamp.publishing.services import several
from bluelamp.social_accounts.models import Account


class SeveralCreateSerializer(serializers.Serializer):
    accounts = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        min_length=1,
        max_length=several.MAX_ACCOUNTS,
        help_text=f"The ids of the accounts, at most {several.MAX_ACCOUNTS}.",
    )
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    kind = serializers.ChoiceField(choices=PostKind.choices, required=False, default=PostKind.POST)
    second_opinion = serializers.BooleanField(required=False, default=False)


class PostsCreateSeveralView(ApiView):
    """The same words on several accounts: a draft on each."""

    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="posts_create_several",
        tags=[TAG],
        summary="Write the same words on several accounts: a draft on each",
        description=(
            "Each draft is its own post: checked by the rules for its own account (tier, "
            "platform), routed to its own approver, submitted, approved and published on its "
            "own through the usual steps. All or none: an account you may not post on (403) "
            "or bad input (400) saves nothing. A reply answers one post, so it is written on "
            "one account (`posts_create`)."
        ),
        request=SeveralCreateSerializer,
        responses={201: PostSerializer(many=True), **error_responses()},
    )
    def post(self, request):
        body = validated(SeveralCreateSerializer, request.data)
        found = Account.objects.in_bulk(body["accounts"])
        missing = [pk for pk in body["accounts"] if pk not in found]
        if missing:
            message = f"accounts: there is no account with the id {missing[0]}."
            raise InvalidInputError(message, errors={"accounts": [message]})
        posts = several.posts_create_several(
            actor=request.user,
            accounts=[found[pk] for pk in body["accounts"]],
            text=body["text"],
            kind=body["kind"],
            second_opinion=body["second_opinion"],
        )
        return Response(PostSerializer(posts, many=True).data, status=status.HTTP_201_CREATED)

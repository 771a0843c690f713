"""Posts in the REST API (/api/v1/posts): write a post, see the rules' verdict, route it to the
approval it needs, publish or schedule it, and remove it (CC/01 section 4).

Every read is scoped by ``publishing.selectors`` (``permissions.post_visibility``): a post that
is missing and a post the caller may not read are both 404. Every write calls the same
``publishing.services`` function the pages call, which checks who may act, whether the post's
state allows it and the input, and refuses with the same messages (403, 409, 400). The steps
(``POST /api/v1/posts/{id}/<action>``) are built from ``publishing.actions`` by
``bluelamp.core.rest.steps.step_view``, as the post page's buttons are: who may and whether the state
allows it are read from the declarations there, never checked here by hand.

A platform that does not confirm a post answers 502 ``publish_failed`` with the platform's
words; a platform that does not delete one answers 502 ``removal_failed`` (the attempt is kept
with the post either way)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from bluelamp.core.errors import InvalidInputError, PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.rest.base import ApiView, GenericApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.pagination import LargeListPagination
from bluelamp.core.rest.steps import step_view
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import permissions, search, selectors
from bluelamp.publishing.actions import API_STEPS, POST_ACTIONS
from bluelamp.publishing.api.serializers import (
    HeldPostsDecideSerializer,
    HeldPostsOutcomeSerializer,
    PostCreateSerializer,
    PostDetailSerializer,
    PostFilterSerializer,
    PostSerializer,
    PostUpdateSerializer,
)
from bluelamp.publishing.models import Post
from bluelamp.publishing.services import compose, crisis
from bluelamp.social_accounts.models import Account

TAG = "posts"
#: Who may use posts at all (as the pages): each service then checks the post and the step.
CLOSED = (flow.REMOVED, flow.WITHDRAWN)


class CanUsePosts(BasePermission):
    """Staff, line managers, CCD, PSD and auditors (the pages' readers)."""

    message = "You do not have permission to see posts."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return user_has_role(request.user, *permissions.READERS)


PERMISSIONS = (IsAuthenticated, CanUsePosts)


# ------------------------------------------------------------------------------ helpers


def _post(request, public_id: Any) -> Post:
    return selectors.post_get(user=request.user, public_id=public_id)


def available_actions(user: Any, post: Post) -> list[str]:
    """What ``user`` may do to ``post`` now (``publishing.actions``, as the post page)."""
    return POST_ACTIONS.available(post, user, api=True)


def post_detail(request, post: Post) -> dict[str, Any]:
    """The post as ``GET /api/v1/posts/{id}`` answers it, read afresh."""
    post = selectors.post_get(user=request.user, public_id=post.public_id)
    post.image_list = list(selectors.post_images(post))
    post.approval_list = list(selectors.post_approvals(post))
    post.version_list = selectors.post_versions(post)
    post.removal_list = list(selectors.post_removals(post))
    post.correction_list = list(post.corrections.select_related("requested_by"))
    route = selectors.route_of(post)
    post.route_info = {
        "blocked": route.blocked,
        "approver": route.approver,
        "needs_record": route.needs_record and not post.has_record,
        "faces_to_settle": bool(route.author_to_settle),
        "summary": route.summary() if post.state == flow.DRAFT else "",
    }
    post.actions = list(flow.actions_from(post.state))
    post.available_actions = available_actions(request.user, post)
    return PostDetailSerializer(post).data


# -------------------------------------------------------------------------------- lists


class PostListView(GenericApiView):
    """The posts the caller may read, and new drafts."""

    permission_classes = PERMISSIONS
    pagination_class = LargeListPagination
    serializer_class = PostSerializer

    @extend_schema(
        operation_id="posts_list",
        tags=[TAG],
        summary="List, search and filter the posts you may read",
        description=(
            "Newest first; with `q` (full-text search, see the parameter), best match first. "
            "`count` is exact up to 10,000 posts and PostgreSQL's estimate beyond. "
            "Staff see the posts of the accounts they post on and their own; "
            "line managers also their team's; CCD, PSD and auditors every post. "
            "`author` is a username or part of a name; `published_after` and "
            "`published_before` are whole days in Europe/London, both included (the archive "
            "page's search)."
        ),
        parameters=[PostFilterSerializer],
        responses={200: PostSerializer(many=True), **error_responses()},
    )
    def get(self, request):
        filters = validated(PostFilterSerializer, request.query_params)
        posts = selectors.post_search(
            posts=selectors.visible_posts(request.user).select_related("recorded_by"),
            account=filters.get("account"),
            author=filters.get("author", ""),
            state=filters.get("state", ""),
            q=filters.get("q", ""),
            rule=filters.get("rule", ""),
            published_from=filters.get("published_after"),
            published_to=filters.get("published_before"),
        )
        if not filters.get("q", "").strip():
            posts = posts.order_by("-created_at", "-pk")
        page = self.paginate_queryset(posts)
        if filters.get("q", "").strip():
            page = search.with_highlights(page, filters["q"])
        return self.get_paginated_response(PostSerializer(page, many=True).data)

    @extend_schema(
        operation_id="posts_create",
        tags=[TAG],
        summary="Write a draft: it is checked by the rules at once",
        description=(
            "A new draft on an account you may post on: its roster, its owner and deputy, and "
            "CCD; a `force` account only CCD (3.11). The answer carries the rules' `verdict` "
            "and `findings` and what the post needs before it may go out (`route`)."
        ),
        request=PostCreateSerializer,
        responses={201: PostDetailSerializer, **error_responses()},
    )
    def post(self, request):
        body = validated(PostCreateSerializer, request.data)
        account = Account.objects.filter(pk=body["account"]).first()
        if account is None:
            message = f"account: there is no account with the id {body['account']}."
            raise InvalidInputError(message, errors={"account": [message]})
        post = compose.post_create(
            actor=request.user,
            account=account,
            text=body["text"],
            kind=body["kind"],
            second_opinion=body["second_opinion"],
            in_reply_to=body["in_reply_to"],
            quote_of=body["quote_of"],
        )
        return Response(
            post_detail(request, post),
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:post", args=[post.public_id])},
        )


class PostDetailView(ApiView):
    """One post."""

    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="posts_read",
        tags=[TAG],
        summary="Read one post: findings, approvals, removals, record, platform id",
        responses={200: PostDetailSerializer, **error_responses()},
    )
    def get(self, request, public_id):
        return Response(post_detail(request, _post(request, public_id)))

    @extend_schema(
        operation_id="posts_update",
        tags=[TAG],
        summary="Change a draft (checked again), or edit a post awaiting your approval",
        description=(
            "The author changes a draft's `text`, `kind` and `second_opinion`; the findings "
            "are checked again. A post that has left draft is refused with 409 "
            "`invalid_transition`: take it back with `revise` first. The approver of a post "
            "awaiting approval may change its `text` only: a new version (kept with an "
            "`edited` approval) that goes back to the author (`awaiting_author`) to accept or "
            "reject; it cannot be approved by the approver who made it until the author "
            "accepts it, though another approver may."
        ),
        request=PostUpdateSerializer,
        responses={
            200: PostDetailSerializer,
            **error_responses(**{"409": "invalid_transition: the post is not a draft"}),
        },
    )
    def patch(self, request, public_id):
        post = _post(request, public_id)
        body = validated(PostUpdateSerializer, request.data)
        if "approver_edit" in POST_ACTIONS.available(post, request.user):
            changed = sorted(set(body) - {"text"})
            if changed:
                message = (
                    f"{changed[0]}: an approver can change only the text; return the post to "
                    "its author for anything else."
                )
                raise InvalidInputError(message, errors={name: [message] for name in changed})
            if "text" in body:
                POST_ACTIONS.perform(
                    "approver_edit", post, actor=request.user, data={"text": body["text"]}
                )
        else:
            POST_ACTIONS.perform(
                "edit",
                post,
                actor=request.user,
                data={
                    "text": body.get("text", post.text),
                    "kind": body.get("kind"),
                    "second_opinion": body.get("second_opinion"),
                    "in_reply_to": body.get("in_reply_to"),
                    "quote_of": body.get("quote_of"),
                },
            )
        return Response(post_detail(request, post))


# ---------------------------------------------------------------------------- the steps

#: ``POST /api/v1/posts/{id}/<action>``, one view each (so each has its own schema), built from
#: the declarations in ``publishing.actions``.
ACTION_VIEWS: dict[str, type[ApiView]] = {
    name: step_view(
        POST_ACTIONS,
        name,
        fetch=lambda request, public_id: _post(request, public_id),
        answer=post_detail,
        permission_classes=PERMISSIONS,
        operation_id=f"posts_{name}",
        tag=TAG,
        response=PostDetailSerializer,
    )
    for name in API_STEPS
}


class HeldPostsDecideView(ApiView):
    """CCD's one decision on many held posts (4.16)."""

    permission_classes = PERMISSIONS

    @extend_schema(
        operation_id="posts_held_decide",
        tags=[TAG],
        summary="Release, reschedule or withdraw held posts in one go (CCD)",
        description=(
            "Corporate Communications only (403). Each post goes through its own action "
            "(`release`, `schedule` or `withdraw`), in its own transaction, audited on its own, "
            "and its author is told. A post that is not held, or may not go out as things stand "
            "now (`release` and `reschedule` are refused while a major incident is declared), is "
            "left as it is: its result says why (`done` false). A post id you cannot see, or "
            "that does not exist: 404."
        ),
        request=HeldPostsDecideSerializer,
        responses={200: HeldPostsOutcomeSerializer, **error_responses()},
    )
    def post(self, request):
        refusal = crisis.release_refusal(request.user)
        if refusal:
            raise PermissionDeniedError(refusal)
        body = validated(HeldPostsDecideSerializer, request.data)
        posts = [_post(request, public_id) for public_id in dict.fromkeys(body["posts"])]
        outcomes = crisis.held_posts_decide(
            actor=request.user,
            posts=posts,
            decision=body["decision"],
            when=body["scheduled_for"],
            reason=body["reason"],
        )
        return Response(HeldPostsOutcomeSerializer({"results": outcomes}).data)

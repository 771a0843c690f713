"""Posts in the REST API (/api/v1/posts): write a post, see the rules' verdict, route it to the
approval it needs, publish or schedule it, and remove it (CC/01 section 4).

Every read is scoped by ``publishing.selectors`` (``permissions.post_visibility``): a post that
is missing and a post the caller may not read are both 404. Every write calls the same
``publishing.services`` function the pages call, which checks who may act, whether the post's
state allows it and the input, and refuses with the same messages (403, 409, 400). The views add
no permission of their own beyond the roles that may use posts at all; where a view refuses
before calling a service it only refuses *more* than the service would, as the pages do (a draft
is submitted before it is scheduled or published, so that every check of ``post_submit`` runs).

A platform that does not confirm a post answers 502 ``publish_failed`` with the platform's
words; a platform that does not delete one answers 502 ``removal_failed`` (the attempt is kept
with the post either way)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from bluelamp.api.base import ApiView, GenericApiView, validated
from bluelamp.api.errors import error_responses
from bluelamp.api.pagination import ApiPagination
from bluelamp.api.posts_serializers import (
    CorrectSerializer,
    NoteSerializer,
    OptionalReasonSerializer,
    PostCreateSerializer,
    PostDetailSerializer,
    PostFilterSerializer,
    PostSerializer,
    PostUpdateSerializer,
    ReasonSerializer,
    RecordSerializer,
    ScheduleSerializer,
    SubmitSerializer,
)
from bluelamp.core.errors import ApplicationError, InvalidInputError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import archive, permissions, selectors
from bluelamp.publishing.models import Post, RemovalOutcome
from bluelamp.publishing.services import approvals, compose, delivery
from bluelamp.publishing.services.common import not_allowed
from bluelamp.social_accounts.models import Account

TAG = "posts"
#: Who may use posts at all (as the pages): each service then checks the post and the step.
READERS = (Role.STAFF, Role.LINE_MANAGER, Role.CCD, Role.PSD, Role.AUDITOR)
CLOSED = (flow.REMOVED, flow.WITHDRAWN)


class RemovalFailedError(ApplicationError):
    """The platform did not delete the post: the attempt is recorded, the post stays
    published, and the message carries the platform's words."""

    code = "removal_failed"
    http_status = 502
    default_message = "The platform did not delete the post."


class CanUsePosts(BasePermission):
    """Staff, line managers, CCD, PSD and auditors (the pages' readers)."""

    message = "You do not have permission to see posts."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return user_has_role(request.user, *READERS)


PERMISSIONS = (IsAuthenticated, CanUsePosts)


# ------------------------------------------------------------------------------ helpers


def _post(request, public_id: Any) -> Post:
    return selectors.post_get(user=request.user, public_id=public_id)


def _is_author(user: Any, post: Post) -> bool:
    return permissions.author_refusal(user, post) is None


def available_actions(user: Any, post: Post) -> list[str]:
    """What ``user`` may do to ``post`` now: the permissions and the workflow table agree (the
    same reckoning as the post page's)."""
    state = post.state
    author = _is_author(user, post)
    approver = state == flow.AWAITING_APPROVAL and permissions.approval_refusal(user, post) is None
    can = {
        "edit": (author and state in flow.EDITABLE) or approver,
        "record": author and state not in CLOSED,
        "submit": author and state == flow.DRAFT,
        "approve": approver,
        "return": approver,
        "revise": author and flow.allowed(state, flow.REVISE),
        "withdraw": author and flow.allowed(state, flow.WITHDRAW),
        "schedule": author and state != flow.DRAFT and flow.allowed(state, flow.SCHEDULE),
        "unschedule": author and flow.allowed(state, flow.UNSCHEDULE),
        "publish": author and state != flow.DRAFT and flow.allowed(state, flow.PUBLISH),
        "correct": permissions.removal_refusal(user, post) is None and state == flow.PUBLISHED,
        "remove": permissions.removal_refusal(user, post) is None
        and flow.allowed(state, flow.REMOVE),
    }
    return [name for name, allowed in can.items() if allowed]


def post_detail(request, post: Post) -> dict[str, Any]:
    """The post as ``GET /api/v1/posts/{id}`` answers it, read afresh."""
    post = selectors.post_get(user=request.user, public_id=post.public_id)
    post.image_list = list(selectors.post_images(post))
    post.approval_list = list(selectors.post_approvals(post))
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


def _day_start(day: dt.date) -> dt.datetime:
    return archive.day_start(day)


# -------------------------------------------------------------------------------- lists


class PostListView(GenericApiView):
    """The posts the caller may read, and new drafts."""

    permission_classes = PERMISSIONS
    pagination_class = ApiPagination
    serializer_class = PostSerializer

    @extend_schema(
        operation_id="posts_list",
        tags=[TAG],
        summary="List, search and filter the posts you may read",
        description=(
            "Newest first. Staff see the posts of the accounts they post on and their own; "
            "line managers also their team's; CCD, PSD and auditors every post. "
            "`published_after` and `published_before` are whole days in Europe/London: "
            "on or after the first, before the second."
        ),
        parameters=[PostFilterSerializer],
        responses={200: PostSerializer(many=True), **error_responses()},
    )
    def get(self, request):
        filters = validated(PostFilterSerializer, request.query_params)
        posts = selectors.visible_posts(request.user).select_related("recorded_by")
        if filters.get("account"):
            posts = posts.filter(account_id=filters["account"])
        if filters.get("author", "").strip():
            posts = posts.filter(author__username__iexact=filters["author"].strip().lstrip("@"))
        if filters.get("state"):
            posts = posts.filter(state=filters["state"])
        if filters.get("q", "").strip():
            posts = posts.filter(text__icontains=filters["q"].strip())
        if filters.get("rule"):
            # Exact on SQLite and PostgreSQL alike, and in the database so paging is exact
            # (see publishing.archive's note on searching by rule).
            posts = archive.with_findings_text(posts).filter(archive.rule_q(filters["rule"]))
        if filters.get("published_after"):
            posts = posts.filter(published_at__gte=_day_start(filters["published_after"]))
        if filters.get("published_before"):
            posts = posts.filter(published_at__lt=_day_start(filters["published_before"]))
        posts = posts.order_by("-created_at", "-pk")
        page = self.paginate_queryset(posts)
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
            "awaiting approval may change its `text` only (kept as an `edited` approval)."
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
        if post.state == flow.AWAITING_APPROVAL and not (
            post.author_id == request.user.pk or permissions.approval_refusal(request.user, post)
        ):
            changed = sorted(set(body) - {"text"})
            if changed:
                message = (
                    f"{changed[0]}: an approver can change only the text; return the post to "
                    "its author for anything else."
                )
                raise InvalidInputError(message, errors={name: [message] for name in changed})
            if "text" in body:
                approvals.approval_edit(post, actor=request.user, text=body["text"])
        else:
            compose.post_update(
                post,
                actor=request.user,
                text=body.get("text", post.text),
                kind=body.get("kind"),
                second_opinion=body.get("second_opinion"),
            )
        return Response(post_detail(request, post))


# ---------------------------------------------------------------------------- the steps


class _Step(ApiView):
    """``POST /api/v1/posts/{id}/<action>``: validate the body, take the step through its
    service, answer the post as it is now."""

    permission_classes = PERMISSIONS
    body: ClassVar[type[serializers.Serializer] | None] = None

    def post(self, request, public_id):
        post = _post(request, public_id)
        data = validated(self.body, request.data) if self.body is not None else {}
        self.take(request, post, data)
        return Response(post_detail(request, post))

    def take(self, request, post: Post, data: dict[str, Any]) -> None:
        raise NotImplementedError


def _step_schema(action: str, summary: str, description: str, request, **more: str):
    return extend_schema(
        operation_id=f"posts_{action}",
        tags=[TAG],
        summary=summary,
        description=description,
        request=request,
        responses={200: PostDetailSerializer, **error_responses(**more)},
    )


_STATE = {"409": "invalid_transition: the post's state does not allow it"}


class SubmitView(_Step):
    body = SubmitSerializer

    @_step_schema(
        "submit",
        "Send a draft on, as its findings route it",
        "Refused with 400 `post_blocked` while a `block` finding stands, "
        "`post_faces_unsettled` while an image shows faces neither blurred nor consented "
        "(4.10), and `post_record_needed` until the disclosure record is given for a "
        "`record` finding (4.24). Otherwise: to the approver a `review` finding (or a second "
        "opinion) needs (`awaiting_approval`); else `ready`, or `scheduled` when "
        "`scheduled_for` is given. Only a draft can be submitted (409).",
        SubmitSerializer,
        **_STATE,
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        if post.state != flow.DRAFT and _is_author(request.user, post):
            raise not_allowed(post, flow.SUBMIT, "Only a draft can be submitted.")
        compose.post_submit(post, actor=request.user, scheduled_for=data["scheduled_for"])


class RecordView(_Step):
    body = RecordSerializer

    @_step_schema(
        "record",
        "Give the disclosure record (4.24)",
        "The incident log or crime reference, or that the officer in the case was told "
        "(`oic_told` with `oic_name`). Kept with the post and exported per investigation for "
        "the disclosure officer. Refused once the post is removed or withdrawn (409).",
        RecordSerializer,
        **_STATE,
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        compose.post_record(post, actor=request.user, **data)


def _check_awaiting(request, post: Post, action: str) -> None:
    """A post that is not awaiting approval cannot be decided (409). The author is left to the
    service, which refuses them whatever the state (four eyes, 403)."""
    if post.author_id != request.user.pk and not flow.allowed(post.state, action):
        raise not_allowed(post, action)


class ApproveView(_Step):
    body = NoteSerializer

    @_step_schema(
        "approve",
        "Approve a post sent for your approval (four eyes)",
        "Never the author (403). A post routed to CCD needs CCD; one routed to the line "
        "manager needs the author's line manager, the account's supervisor, or CCD. The post "
        "becomes `ready`; `scheduled` if its time is still to come; `held` if its time has "
        "passed (it is never published late unless a person then chooses to).",
        NoteSerializer,
        **_STATE,
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        _check_awaiting(request, post, flow.APPROVE)
        approvals.approval_approve(post, actor=request.user, note=data["note"])


class ReturnView(_Step):
    body = ReasonSerializer

    @_step_schema(
        "return",
        "Return a post sent for your approval to its author, with a reason",
        "Who may: as for `approve`.",
        ReasonSerializer,
        **_STATE,
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        _check_awaiting(request, post, flow.RETURN)
        approvals.approval_return(post, actor=request.user, reason=data["reason"])


class ReviseView(_Step):
    @_step_schema(
        "revise",
        "Take a post back to draft to change it",
        "From returned, ready, scheduled, held or failed. Any approval already given no "
        "longer counts, and the time to publish is cleared.",
        None,
        **_STATE,
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        compose.post_revise(post, actor=request.user)


class WithdrawView(_Step):
    body = OptionalReasonSerializer

    @_step_schema(
        "withdraw",
        "Withdraw a post: it will not be published (it is kept)",
        "Before it is published.",
        OptionalReasonSerializer,
        **_STATE,
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        compose.post_withdraw(post, actor=request.user, reason=data["reason"])


class ScheduleView(_Step):
    body = ScheduleSerializer

    @_step_schema(
        "schedule",
        "Choose (or change) the time to publish",
        "A ready, held or failed post (a draft is submitted, with `scheduled_for`, instead). "
        "It is checked again as things stand now; the worker publishes it at its time.",
        ScheduleSerializer,
        **_STATE,
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        if post.state == flow.DRAFT and _is_author(request.user, post):
            raise not_allowed(
                post, flow.SCHEDULE, "Submit it with scheduled_for: it is checked and routed."
            )
        compose.post_schedule(post, actor=request.user, when=data["scheduled_for"])


class UnscheduleView(_Step):
    @_step_schema(
        "unschedule",
        "Take a scheduled post off the schedule (it is ready again)",
        "",
        None,
        **_STATE,
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        compose.post_unschedule(post, actor=request.user)


class PublishView(_Step):
    @_step_schema(
        "publish",
        "Publish a post now, on its platform",
        "A ready, scheduled, held or failed post (a draft is submitted first). It is checked "
        "again as things stand now. The answer is the post `published`, with the platform's "
        "id and address, only once the platform confirmed it. A platform that does not "
        "confirm it: 502 `publish_failed` with the platform's words (the post is `failed`, or "
        "`scheduled` again when the platform asked to wait).",
        None,
        **_STATE,
        **{"502": "publish_failed: the platform's words"},
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        if post.state == flow.DRAFT and _is_author(request.user, post):
            raise not_allowed(post, flow.PUBLISH, "Submit it first: it is checked and routed.")
        delivery.post_publish(post, actor=request.user)


class RemoveView(_Step):
    body = ReasonSerializer

    @_step_schema(
        "remove",
        "Delete a published post on its platform, with a reason",
        "Its author, the account's owner, or CCD. The post is `removed` only once the "
        "platform confirmed the deletion (or it was already gone); each attempt is kept in "
        "`removals`. A platform that does not delete it: 502 `removal_failed` with the "
        "platform's words, and the post stays published.",
        ReasonSerializer,
        **_STATE,
        **{"502": "removal_failed: the platform's words"},
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        removal = delivery.post_remove(post, actor=request.user, reason=data["reason"])
        if removal.outcome == RemovalOutcome.FAILED:
            raise RemovalFailedError(removal.detail or None, outcome=removal.outcome)


class CorrectionFailedError(ApplicationError):
    """The platform did not change the post: the attempt is recorded, the post keeps its
    words, and the message carries the platform's words."""

    code = "correction_failed"
    http_status = 502
    default_message = "The platform did not change the post."


class CorrectView(_Step):
    body = CorrectSerializer

    @_step_schema(
        "correct",
        "Correct a published post's words on its platform, with a reason",
        "Its author, the account's owner, or CCD (CC/01 4.26). The new words are checked like a "
        "post: 400 if something must be fixed or needs an approval the post did not have. The "
        "words change only once the platform confirmed it (Facebook); each attempt is kept in "
        "`corrections`. A platform that cannot or did not change it (X and Instagram cannot): "
        "502 `correction_failed` with the platform's words, and the post keeps its words.",
        CorrectSerializer,
        **_STATE,
        **{"502": "correction_failed: the platform's words"},
    )
    def post(self, request, public_id):
        return super().post(request, public_id)

    def take(self, request, post, data):
        if post.state != flow.PUBLISHED:
            raise not_allowed(post, "correct")
        correction = delivery.post_correct(
            post, actor=request.user, text=data["text"], reason=data["reason"]
        )
        if correction.outcome == "failed":
            raise CorrectionFailedError(correction.detail or None, outcome=correction.outcome)


#: ``POST /api/v1/posts/{id}/<action>``, one view each (so each has its own schema).
ACTION_VIEWS: dict[str, type[_Step]] = {
    "submit": SubmitView,
    "record": RecordView,
    "approve": ApproveView,
    "return": ReturnView,
    "revise": ReviseView,
    "withdraw": WithdrawView,
    "schedule": ScheduleView,
    "unschedule": UnscheduleView,
    "publish": PublishView,
    "correct": CorrectView,
    "remove": RemoveView,
}

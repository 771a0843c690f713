"""Monthly reviews (/api/v1/reviews) and appeal cases (/api/v1/appeal-cases) in the REST API, on
the same selectors, actions and services as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from bluelamp.core.errors import NotFoundError
from bluelamp.core.rest.base import ApiView, GenericApiView, validated
from bluelamp.core.rest.errors import error_responses
from bluelamp.core.rest.pagination import ApiPagination
from bluelamp.core.rest.steps import step_view
from bluelamp.publishing.models import Post
from bluelamp.reviews import permissions, selectors, services
from bluelamp.reviews.actions import REVIEW_ACTIONS, review_available_actions
from bluelamp.reviews.api.serializers import (
    AppealCaseLinkSerializer,
    AppealCaseResolveSerializer,
    AppealCaseSerializer,
    ReviewDetailSerializer,
    ReviewFilterSerializer,
    ReviewSerializer,
)

TAG = "reviews"
CASES_TAG = "appeal-cases"


def now() -> dt.datetime:
    return timezone.now()


def _detail(request, review) -> dict:
    review = selectors.review_get(user=request.user, pk=review.pk)
    review.available_actions = review_available_actions(user=request.user, review=review)
    return ReviewDetailSerializer(review).data


class ReviewListView(GenericApiView):
    permission_classes = (IsAuthenticated,)
    pagination_class = ApiPagination
    serializer_class = ReviewSerializer

    @extend_schema(
        operation_id="reviews_list",
        tags=[TAG],
        summary="The monthly reviews you may see (yours, your team's, or all for CCD/auditors)",
        parameters=[ReviewFilterSerializer],
        responses={200: ReviewSerializer(many=True), **error_responses()},
    )
    def get(self, request):
        filters = validated(ReviewFilterSerializer, request.query_params)
        rows = selectors.review_list(user=request.user, status=filters.get("state", ""))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ReviewSerializer(page, many=True).data)


class ReviewDetailView(ApiView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        operation_id="reviews_read",
        tags=[TAG],
        summary="One review, with its posts and what you may do now",
        responses={200: ReviewDetailSerializer, **error_responses()},
    )
    def get(self, request, pk: int):
        return Response(_detail(request, selectors.review_get(user=request.user, pk=pk)))


def _fetch(request, pk: int, **kwargs: Any):
    return selectors.review_get(user=request.user, pk=pk)


def _extra(request, review, item_id: int | None = None, **kwargs: Any) -> dict:
    extra: dict[str, Any] = {"now": now()}
    if item_id is not None:
        extra["item"] = selectors.review_item_get(review, item_id)
    return extra


STEP_VIEWS = {
    name: step_view(
        REVIEW_ACTIONS,
        name,
        fetch=_fetch,
        answer=_detail,
        permission_classes=(IsAuthenticated,),
        operation_id=f"reviews_{name}",
        tag=TAG,
        response=ReviewDetailSerializer,
        extra=_extra,
    )
    for name in REVIEW_ACTIONS.names()
}


class CanSeeCases(BasePermission):
    message = "Only staff, Corporate Communications and auditors may see appeal cases."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return permissions.can_see_cases(request.user)


CASE_PERMISSIONS = (IsAuthenticated, CanSeeCases)


class CaseListView(GenericApiView):
    permission_classes = CASE_PERMISSIONS
    pagination_class = ApiPagination
    serializer_class = AppealCaseSerializer

    @extend_schema(
        operation_id="appeal_cases_list",
        tags=[CASES_TAG],
        summary="Appeal cases, newest first",
        responses={200: AppealCaseSerializer(many=True), **error_responses()},
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.case_list(user=request.user))
        return self.get_paginated_response(AppealCaseSerializer(page, many=True).data)

    @extend_schema(
        operation_id="appeal_cases_create",
        tags=[CASES_TAG],
        summary="Record the person or case an appeal is about",
        request=AppealCaseSerializer,
        responses={201: AppealCaseSerializer, **error_responses()},
    )
    def post(self, request):
        body = validated(AppealCaseSerializer, request.data)
        case = services.case_create(actor=request.user, now=now(), **body)
        return Response(AppealCaseSerializer(case).data, status=status.HTTP_201_CREATED)


class CaseLinkView(ApiView):
    permission_classes = CASE_PERMISSIONS

    @extend_schema(
        operation_id="appeal_cases_link_post",
        tags=[CASES_TAG],
        summary="Link an appeal post (any copy or re-share) to its case",
        request=AppealCaseLinkSerializer,
        responses={200: AppealCaseSerializer, **error_responses()},
    )
    def post(self, request, pk: int):
        case = selectors.case_get(user=request.user, pk=pk)
        body = validated(AppealCaseLinkSerializer, request.data)
        post = Post.objects.filter(public_id=body["post"]).first()
        if post is None:
            raise NotFoundError("There is no post with that reference.")
        services.case_post_link(case=case, post=post, actor=request.user, now=now())
        return Response(AppealCaseSerializer(case).data)


class CaseResolveView(ApiView):
    permission_classes = CASE_PERMISSIONS

    @extend_schema(
        operation_id="appeal_cases_resolve",
        tags=[CASES_TAG],
        summary="Mark the case found, charged or withdrawn: its appeal posts are to come down",
        request=AppealCaseResolveSerializer,
        responses={
            200: AppealCaseSerializer,
            **error_responses(**{"409": "case_already_resolved"}),
        },
    )
    def post(self, request, pk: int):
        case = selectors.case_get(user=request.user, pk=pk)
        body = validated(AppealCaseResolveSerializer, request.data)
        case = services.case_resolve(
            case=case, actor=request.user, status=body["outcome"], now=now()
        )
        return Response(AppealCaseSerializer(case).data)

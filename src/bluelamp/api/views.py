"""The REST API's own endpoints: the post checker, and JSON answers for unknown paths."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import (
    OpenApiExample,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from bluelamp.api import checking
from bluelamp.api.serializers import (
    CheckItemErrorSerializer,
    CheckPostSerializer,
    CheckReportSerializer,
    MyWorkSerializer,
)
from bluelamp.api.throttling import CheckBatchRateThrottle, CheckRateThrottle
from bluelamp.core import worklist
from bluelamp.core.rest.base import ApiView
from bluelamp.core.rest.errors import BodyTooLargeError, UnsupportedMediaTypeError, error_responses


def _json_body(request) -> bytes:
    content_type = (request.content_type or "").split(";", 1)[0].strip().lower()
    if content_type != "application/json":
        raise UnsupportedMediaTypeError()
    try:
        return request.body
    except RequestDataTooBig:
        raise BodyTooLargeError(
            "The request body is larger than the service accepts: send fewer or shorter posts."
        ) from None


def _is_batch(request) -> bool:
    try:
        return request.body[:64].lstrip()[:1] == b"["
    except RequestDataTooBig:
        return False


_CHECK_REQUEST = PolymorphicProxySerializer(
    component_name="Check",
    serializers=[CheckPostSerializer, CheckPostSerializer(many=True)],
    resource_type_field_name=None,
    many=False,
)
_CHECK_RESPONSE = PolymorphicProxySerializer(
    component_name="CheckResponse",
    serializers=[
        CheckReportSerializer,
        PolymorphicProxySerializer(
            component_name="CheckBatchItem",
            serializers=[CheckReportSerializer, CheckItemErrorSerializer],
            resource_type_field_name=None,
            many=True,
        ),
    ],
    resource_type_field_name=None,
    many=False,
)


class CheckView(ApiView):
    """Run the policy's content rules on a post before it is published."""

    permission_classes = (IsAuthenticated,)

    def get_throttles(self):
        batch = _is_batch(self.request)
        return [CheckBatchRateThrottle() if batch else CheckRateThrottle()]

    @extend_schema(
        operation_id="check",
        tags=["check"],
        summary="Check a post (or up to 1,000) against the policy",
        description=(
            "The body is one post in the `bluelamp check --jsonl` input format; the answer is "
            "the report `bluelamp check --json` prints for it. A post that cannot be checked "
            "is refused with 400 `invalid_post` and the engine's message; attached `media` is "
            "refused with 400 `media_not_supported`.\n\n"
            "A JSON array of up to 1,000 posts is checked as a batch: the answer is a list in "
            "the same order, with `{index, id?, code, error}` in place of each post that cannot "
            "be checked (`index` counts from 0), like the command line's error lines."
        ),
        request=_CHECK_REQUEST,
        responses={
            200: _CHECK_RESPONSE,
            **error_responses(
                401,
                **{
                    "400": "invalid_post, invalid_json, …",
                    "413": "body_too_large",
                    "415": "unsupported_media_type",
                    "429": "throttled",
                },
            ),
        },
        examples=[
            OpenApiExample(
                "A post",
                request_only=True,
                value={
                    "id": "p1",
                    "text": "Call his mum on 07700 900123.",
                    "account": {"tier": "npu", "handle": "@WMPDudley"},
                    "kind": "post",
                    "context": {"election_period": False, "major_incident": False},
                },
            ),
        ],
    )
    def post(self, request):
        data = checking.parse_body(_json_body(request))
        pack = checking.current_pack()
        if isinstance(data, list):
            return Response(checking.check_many(data, pack))
        return Response(checking.check_one(data, pack))


@csrf_exempt
@login_not_required
def not_found(request, *args, **kwargs):
    """Unknown paths under /api/ (and known ones with an id that is not an id) answer in the
    API's error shape, whatever the method: not with a page, and not with the CSRF page a POST
    would otherwise get (nothing is done here, so there is nothing to protect). An address
    that exists with a trailing slash is redirected there, as Django's APPEND_SLASH would."""
    if request.method in ("GET", "HEAD") and not request.path.endswith("/"):
        match = _resolves(request.path_info + "/")
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse(
        {"code": "not_found", "message": "There is no such API endpoint."}, status=404
    )


def _resolves(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


class MyWorkView(ApiView):
    """What waits for the signed-in person, due soonest first: the same lists as the home
    page (``core.worklist``)."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        operation_id="me_work",
        tags=["me"],
        responses={200: MyWorkSerializer, **error_responses(401, 403)},
    )
    def get(self, request):
        lists = worklist.work_for(request.user)
        return Response({"total": sum(w.total for w in lists), "lists": worklist.as_data(lists)})

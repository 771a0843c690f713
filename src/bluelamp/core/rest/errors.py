"""The API's errors: one shape for every error, ``{"code": ..., "message": ...}``
(``exception_handler``), the one OpenAPI table that describes them (``error_responses``), and
the API's own errors, each with a stable code (see core.errors).

A service's ApplicationError keeps its code, fields and status; DRF's own errors (bad input,
not signed in, not allowed, not found) are put in the same shape. Bad input always answers
``invalid_input`` with ``errors`` by field and a message naming the first field
(``invalid_input``), whether a serializer or a service found it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from bluelamp.core.errors import ApplicationError, InvalidInputError
from bluelamp.core.rest.serializers import ErrorSerializer

#: What each error status means in every endpoint's schema (``error_responses``).
ERROR_TABLE: dict[int, str] = {
    400: "invalid_input: `message` names the first field and says what is wrong; `errors` "
    "maps each field to its messages",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found (missing, or not yours to see)",
    409: "invalid_transition (with `state` and `action`): the state does not allow it",
}


def error_responses(*statuses: int, **more: str) -> dict[int, OpenApiResponse]:
    """The schema's error answers: 400, 401, 403 and 404 (or ``statuses``) as in
    ``ERROR_TABLE``, plus ``more`` (``**{"409": "…", "502": "…"}``) where an endpoint says
    more, or another status."""
    described = {code: ERROR_TABLE[code] for code in statuses or (400, 401, 403, 404)}
    described.update({int(code): text for code, text in more.items()})
    return {
        code: OpenApiResponse(ErrorSerializer, description=text)
        for code, text in sorted(described.items())
    }


def _listed(messages: Any) -> list[str]:
    return [str(m) for m in (messages if isinstance(messages, list) else [messages])]


def invalid_input(errors: Mapping[str, Any]) -> InvalidInputError:
    """The InvalidInputError for a serializer's errors: ``errors`` by field, and a message
    naming the first field ("reason: This field is required.")."""
    listed = {str(field): _listed(messages) for field, messages in errors.items()}
    if not listed:
        return InvalidInputError()
    field, messages = next(iter(listed.items()))
    first = messages[0] if messages else "Not valid."
    message = first if field == "non_field_errors" else f"{field}: {first}"
    return InvalidInputError(message, errors=listed)


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error as ``{"code": ..., "message": ...}``."""
    if isinstance(exc, OverflowError):
        # A number beyond what the database stores, in a field with no bound of its own: bad
        # input, not a server error.
        exc = InvalidInputError("A number in the request is too large.")
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        exc = invalid_input(detail)
    if isinstance(exc, ApplicationError):
        return Response(exc.as_dict(), status=exc.http_status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    codes = exc.get_codes()
    response.data = {
        "code": codes if isinstance(codes, str) else exc.default_code,
        "message": str(exc.detail),
    }
    return response


class InvalidPostError(ApplicationError):
    """The post is not in the `bluelamp check --jsonl` format; the message is the engine's."""

    code = "invalid_post"
    http_status = 400
    default_message = "The post cannot be checked as given."


class InvalidJsonError(ApplicationError):
    """The request body is not JSON (or not UTF-8)."""

    code = "invalid_json"
    http_status = 400
    default_message = "The request body is not JSON."


class MediaNotSupportedError(ApplicationError):
    """Images and video cannot be checked through the API (yet): media paths are refused, so
    the API never opens a file named by its caller."""

    code = "media_not_supported"
    http_status = 400
    default_message = (
        "Attached media cannot be checked through the API: send the post without 'media'. "
        "Images are checked when they are uploaded for publishing."
    )


class BatchTooLargeError(ApplicationError):
    """More posts in one request than the API accepts."""

    code = "batch_too_large"
    http_status = 400
    default_message = "Too many posts in one request."


class BodyTooLargeError(ApplicationError):
    """The request body is larger than the service accepts."""

    code = "body_too_large"
    http_status = 413
    default_message = "The request body is too large."


class UnsupportedMediaTypeError(ApplicationError):
    """The body was not sent as JSON."""

    code = "unsupported_media_type"
    http_status = 415
    default_message = "Send the body as JSON, with the header Content-Type: application/json."

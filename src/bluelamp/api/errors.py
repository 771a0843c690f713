"""The API's own errors, each with a stable code (see core.errors)."""

from __future__ import annotations

from bluelamp.core.errors import ApplicationError


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

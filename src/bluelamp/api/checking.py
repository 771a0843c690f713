"""Running the rules engine for the API: the policy pack (loaded once per process) and the
translation of a request body into reports, exactly as `bluelamp check --jsonl` does."""

from __future__ import annotations

import json
from typing import Any

from bluelamp.core.policy import policy_pack
from bluelamp.core.rest.errors import (
    BatchTooLargeError,
    InvalidJsonError,
    InvalidPostError,
    MediaNotSupportedError,
)
from bluelamp.engine.model import InputError, post_from_dict
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules import check_post

MAX_BATCH = 1_000


#: The force's policy pack, read once per process (``core.policy``).
current_pack = policy_pack


def parse_body(body: bytes) -> Any:
    """The JSON value of a request body; InvalidJsonError (with the CLI's wording) if the body
    is not UTF-8 or not JSON."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidJsonError(f"not valid UTF-8 (byte {exc.start + 1})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidJsonError(f"not JSON: {exc.msg} (column {exc.colno})") from None


def check_one(data: Any, pack: PolicyPack) -> dict[str, Any]:
    """The report for one post, as `bluelamp check --json` prints it. Raises InvalidPostError
    (the engine's message) or MediaNotSupportedError."""
    try:
        post = post_from_dict(data)
    except InputError as exc:
        raise InvalidPostError(str(exc)) from None
    if post.media:
        # The engine would open the named files: never let a caller name a server path.
        raise MediaNotSupportedError()
    try:
        return check_post(post, pack).to_dict()
    except InputError as exc:
        raise InvalidPostError(str(exc)) from None


def check_many(items: list[Any], pack: PolicyPack) -> list[dict[str, Any]]:
    """One result per item, in order: a report, or ``{"index": i, "code": ..., "error": ...}``
    (with the post's ``id`` when it has one) for an item that cannot be checked. ``index``
    counts from 0, like the array it points into."""
    if len(items) > MAX_BATCH:
        raise BatchTooLargeError(
            f"{len(items)} posts in one request; the limit is {MAX_BATCH}. "
            "Send them in several requests."
        )
    results: list[dict[str, Any]] = []
    for index, data in enumerate(items):
        try:
            results.append(check_one(data, pack))
        except (InvalidPostError, MediaNotSupportedError) as exc:
            error: dict[str, Any] = {"index": index, "code": exc.code, "error": exc.message}
            if isinstance(data, dict) and isinstance(data.get("id"), (str, int)):
                error["id"] = str(data["id"])
            results.append(error)
    return results

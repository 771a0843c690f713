"""Per-request context that services may read without being handed the request: the request id
that ties a request's log lines and audit events together."""

from __future__ import annotations

import contextvars
import re
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("bluelamp_request_id", default="")

# An id given by a trusted front end (X-Request-ID) is kept only if it looks like an id.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id(proposed: str | None = None) -> str:
    """``proposed`` when it is a plausible id, otherwise a fresh random one."""
    if proposed and _SAFE_ID.match(proposed):
        return proposed
    return uuid.uuid4().hex


def current_request_id() -> str:
    """The id of the request being handled, or "" outside a request (commands, jobs)."""
    return _request_id.get()


def set_request_id(value: str) -> contextvars.Token:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token) -> None:
    _request_id.reset(token)

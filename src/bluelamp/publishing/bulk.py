"""Actions on several posts at once, for the posts-in-flight pages and the API. There is no
second decision path: each post goes through its own declared action (``publishing.actions``,
who may, whether its state allows it, then the one service in its own transaction), so a
refusal of one post leaves the others as they are, and each result is reported."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bluelamp.core.errors import ApplicationError
from bluelamp.publishing import selectors
from bluelamp.publishing.actions import POST_ACTIONS

#: The most posts one request may act on, so that one request stays short.
MAX_BULK = 50


def approve_each(*, user: Any, public_ids: Iterable[Any], note: str = "") -> list[dict[str, Any]]:
    """Approve each post (``POST_ACTIONS["approve"]``) with the same ``note``; one result per
    distinct id, in the order given: ``{id, post, ok, code, message}``. A post the user may not
    read is "no such post", as everywhere."""
    results: list[dict[str, Any]] = []
    for public_id in dict.fromkeys(str(p) for p in public_ids):
        try:
            post = selectors.post_get(user=user, public_id=public_id)
        except (ApplicationError, ValueError):
            results.append(
                {
                    "id": public_id,
                    "post": None,
                    "ok": False,
                    "code": "not_found",
                    "message": "There is no such post.",
                }
            )
            continue
        try:
            POST_ACTIONS.perform("approve", post, actor=user, data={"note": note})
        except ApplicationError as refusal:
            results.append(
                {
                    "id": str(post.public_id),
                    "post": post,
                    "ok": False,
                    "code": refusal.code,
                    "message": refusal.message,
                }
            )
            continue
        post.refresh_from_db()
        results.append(
            {
                "id": str(post.public_id),
                "post": post,
                "ok": True,
                "code": "approved",
                "message": f"Approved: now {post.get_state_display().lower()}.",
            }
        )
    return results

"""Posts in the archive for the tests of linking them to requests and recording tasks from their
removal: built directly, as the publishing services leave them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bluelamp.publishing.models import Post, Removal

PUBLISHED = dt.datetime(2026, 2, 20, 9, 30, tzinfo=dt.UTC)
REMOVED = dt.datetime(2026, 3, 1, 14, 5, tzinfo=dt.UTC)


def make_post(account, **fields: Any) -> Post:
    """A post as the publishing services leave it once published (built directly)."""
    defaults: dict[str, Any] = {
        "account": account,
        "author": account.owner,
        "text": "Police are looking for Dana Whitlock, 34, in connection with a burglary in "
        "Dudley town centre. Call 101.",
        "state": "published",
        "verdict": "pass",
        "platform_post_id": "1760000000000000001",
        "platform_url": f"https://x.com/{account.handle}/status/1760000000000000001",
        "published_at": PUBLISHED,
        "created_at": PUBLISHED - dt.timedelta(hours=1),
        "updated_at": PUBLISHED,
    }
    defaults.update(fields)
    return Post.objects.create(**defaults)


def make_removal(post: Post, *, by, outcome: str = "deleted", **fields: Any) -> Removal:
    defaults: dict[str, Any] = {
        "post": post,
        "requested_by": by,
        "reason": "RR-00001: the requester was never charged",
        "outcome": outcome,
        "detail": "",
        "platform_response": {"data": {"deleted": True}},
        "at": REMOVED,
    }
    defaults.update(fields)
    return Removal.objects.create(**defaults)

"""What a reply or a quote answers: the platform's id of that post, from a post in the archive
(chosen by the person, so scoped to what they may read) or from the address they pasted
(``engine.post_addresses``). Used by the compose and edit services and pages and by the API, so
each refuses the same things with the same words; the post page shows the answer's target."""

from __future__ import annotations

import uuid
from typing import Any

from bluelamp.core.errors import InvalidInputError, NotFoundError
from bluelamp.engine import post_addresses
from bluelamp.publishing.models import Post

#: The platforms where a reply is sent as one (X: a reply post; Facebook: a comment).
REPLIES = ("x", "facebook")
#: The platforms with quote posts.
QUOTES = ("x",)


def _refuse(field: str, message: str) -> InvalidInputError:
    return InvalidInputError(message, errors={field: [message]})


def resolve(*, actor: Any, account: Any, value: Any, field: str, quote: bool = False) -> str:
    """The platform's id that ``value`` names for a reply (or a quote) on ``account``: a post
    in the archive ``actor`` may read (its id), or an address or id on the account's platform.
    InvalidInputError on ``field``, saying why, for anything else; "" for nothing given."""
    from bluelamp.publishing.selectors import post_get

    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return ""
    platform = account.platform
    verb = "quote" if quote else "reply to"
    if (quote and platform not in QUOTES) or (not quote and platform not in REPLIES):
        name = account.get_platform_display()
        what = "quote posts" if quote else "replies"
        raise _refuse(field, f"Bluelamp cannot send {what} on {name}: post it as a new post")
    try:
        archived_id = uuid.UUID(text)
    except ValueError:
        archived_id = None
    if archived_id is not None:
        try:
            target = post_get(user=actor, public_id=archived_id)
        except NotFoundError:
            raise _refuse(field, "There is no such post in the archive") from None
        if target.account.platform != platform or not target.platform_post_id:
            raise _refuse(
                field,
                f"That post is not on {account.get_platform_display()}: choose one published there",
            )
        return target.platform_post_id
    try:
        return post_addresses.platform_post_id(platform, text)
    except post_addresses.AddressError as error:
        raise _refuse(field, f"The post to {verb}: {error}") from None


def archived(post: Post, platform_id: str) -> Post | None:
    """The post in the archive with the platform id ``platform_id`` on ``post``'s platform."""
    if not platform_id:
        return None
    return (
        Post.objects.select_related("account")
        .filter(account__platform=post.account.platform, platform_post_id=platform_id)
        .first()
    )


def target_view(post: Post, user: Any) -> dict[str, Any] | None:
    """What the post page says about what ``post`` answers: reply or quote, the platform's id
    and address, and the archived post when ``user`` may read it."""
    from bluelamp.publishing.permissions import can_read

    for platform_id, what in ((post.reply_to, "Replies to"), (post.quote_of, "Quotes")):
        if platform_id:
            found = archived(post, platform_id)
            return {
                "what": what,
                "id": platform_id,
                "address": post_addresses.post_address(post.account.platform, platform_id),
                "archived": found if found is not None and can_read(user, found) else None,
            }
    return None


def search_archive(*, user: Any, account: Any, q: str, limit: int = 10) -> list[Post]:
    """Published posts on ``account``'s platform that ``user`` may read with ``q`` in their
    words, newest first: the ones a reply or quote may answer."""
    from bluelamp.publishing.selectors import visible_posts

    q = (q or "").strip()
    if not q:
        return []
    return list(
        visible_posts(user)
        .filter(account__platform=account.platform, text__icontains=q)
        .exclude(platform_post_id="")
        .order_by("-published_at", "-pk")[:limit]
    )

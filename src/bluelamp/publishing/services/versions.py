"""A post's versions (four eyes that stay four): the words and images as they were sent on, and
each change after that, kept in order; the approval names the version it approved, and nothing
else is published.

- ``version_sent``: when the author sends a post on, its words and images become a new version
  (or stay the latest one, when nothing changed since);
- ``version_record``: an approver's change, or a correction, is a new version;
- ``publish_refusal``: why the post as it stands may not go out (its words or images are not
  those of its latest version, or that version is not the approved one), or None. The worker and
  "publish now" both ask it before anything is sent.

These run inside the calling service's transaction, under its row lock on the post.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bluelamp.publishing.choices import Decision, VersionSource
from bluelamp.publishing.models import Post, PostVersion


def images_of(post: Post) -> list[dict[str, str]]:
    """The post's images as a version keeps them: which, the bytes' hash, the description."""
    return [
        {"id": str(image.public_id), "sha256": image.sha256, "alt_text": image.alt_text}
        for image in post.images.filter(removed_at__isnull=True)
        .order_by("position", "pk")
        .only("public_id", "sha256", "alt_text")
    ]


def latest(post: Post) -> PostVersion | None:
    return post.versions.order_by("-number").first()


def matches(post: Post, version: PostVersion) -> bool:
    """Whether the post's words and images are exactly those of ``version``."""
    return post.text == version.text and images_of(post) == version.images


def version_record(*, post: Post, actor: Any, source: str, now: dt.datetime) -> PostVersion:
    """A new version of the locked ``post`` as it stands (its ``version`` is set, not saved:
    the calling service saves it with its step)."""
    version = PostVersion.objects.create(
        post=post,
        number=post.version + 1,
        text=post.text,
        images=images_of(post),
        source=source,
        made_by=actor,
        made_at=now,
    )
    post.version = version.number
    return version


def version_sent(*, post: Post, actor: Any, now: dt.datetime) -> PostVersion:
    """The version the author sends on: the latest, if nothing changed since it, else a new one.
    Sending on an approver's change unchanged is seeing it and agreeing to it, unless the one who
    sends it on is the one who made it."""
    current = latest(post)
    if current is not None and matches(post, current):
        if not current.author_agreed and current.made_by_id != actor.pk:
            current.accepted_by, current.accepted_at = actor, now
            current.save(update_fields=["accepted_by", "accepted_at"])
        return current
    return version_record(post=post, actor=actor, source=VersionSource.SENT, now=now)


def maker_refusal(user: Any, post: Post) -> str | None:
    """Four eyes on the words themselves: nobody approves words they wrote or changed, unless
    someone else (the author) has accepted them as their own."""
    current = latest(post)
    if current is None or current.made_by_id is None or current.made_by_id != user.pk:
        return None
    if current.accepted_by_id is not None and current.accepted_by_id != user.pk:
        return None
    return (
        "You changed the words of this post: its author must accept the change, or another "
        "approver approve it."
    )


def publish_refusal(post: Post) -> str | None:
    """Why ``post`` may not be published as it stands, or None."""
    current = latest(post)
    if current is None or current.number != post.version:
        return (
            "This post has no version that was sent on and checked: take it back to draft and "
            "send it on."
        )
    if not matches(post, current):
        return (
            f"The words or images of this post are not those of version {current.number}, the "
            "one that was sent on: take it back to draft and send it on again."
        )
    if not post.approver_needed:
        if current.author_agreed:
            return None
        return (
            f"Version {current.number} was changed by an approver and its author has not "
            "accepted it: it cannot be published."
        )
    if post.approved_version is None:
        return f"Version {current.number} of this post has not been approved: it cannot go out."
    if post.approved_version != current.number:
        return (
            f"Version {post.approved_version} of this post was approved, but it is now version "
            f"{current.number}: the new words need approval before they go out."
        )
    approval = (
        post.approvals.filter(decision=Decision.APPROVED, version=current.number)
        .order_by("-decided_at", "-pk")
        .first()
    )
    if approval is None:
        return f"Version {current.number} of this post has no approval on record."
    if (
        not current.author_agreed
        and current.made_by_id is not None
        and current.made_by_id == approval.approver_id
    ):
        return (
            f"Version {current.number} was changed and approved by the same person and its "
            "author has not accepted it: it cannot be published."
        )
    return None

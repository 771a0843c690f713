"""Posts waiting for the signed-in person (the home page and ``GET /api/v1/me/work``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F
from django.urls import reverse

from bluelamp.core.worklist import SHOWN, WorkItem, WorkList
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import permissions, selectors
from bluelamp.publishing.choices import PostState


def _title(post: Any) -> str:
    words = " ".join(post.text.split())
    short = words if len(words) <= 60 else words[:59].rstrip() + "…"
    return f"{post.account}: {short}" if post.account_id else short


def _item(post: Any, detail: str) -> WorkItem:
    return WorkItem(
        title=_title(post),
        url=reverse("publishing:post_detail", args=[post.public_id]),
        due=post.scheduled_for,
        since=post.updated_at,
        detail=detail,
    )


def work(user: Any, now: dt.datetime) -> list[WorkList]:
    found = []
    queue = selectors.approval_queue(user=user)
    # The first few in the work list's own order (due soonest, then waited longest), and the
    # count: a queue of a thousand is not loaded to show ten.
    waiting = list(
        queue.order_by(F("scheduled_for").asc(nulls_last=True), "updated_at", "pk")[:SHOWN]
    )
    if waiting:
        found.append(
            WorkList(
                key="publishing.approvals",
                title="Posts waiting for your approval",
                url=reverse("publishing:approval_list"),
                items=[_item(p, f"By {p.author or p.author_text}") for p in waiting],
                count=queue.count() if len(waiting) == SHOWN else len(waiting),
            )
        )
    mine = list(
        selectors.my_posts(user=user).filter(
            state__in=[flow.RETURNED, flow.AWAITING_AUTHOR, flow.FAILED]
        )
    )
    if mine:
        found.append(
            WorkList(
                key="publishing.mine",
                title="Your posts waiting for you",
                url=reverse("publishing:post_list"),
                items=[_item(p, PostState(p.state).label) for p in mine],
            )
        )
    if permissions.is_ccd(user):
        stuck = list(
            selectors.visible_posts(user)
            .filter(state__in=[flow.HELD, flow.FAILED])
            .order_by("updated_at", "pk")[:200]
        )
        if stuck:
            found.append(
                WorkList(
                    key="publishing.held",
                    title="Held posts and posts that failed to publish",
                    # Held posts are decided on their own page; failed ones are seen in flight.
                    url=reverse("publishing:held_posts")
                    if any(p.state == flow.HELD for p in stuck)
                    else reverse("publishing:flight_list") + "?state=failed",
                    items=[
                        _item(
                            p,
                            PostState(p.state).label
                            + (f": {p.held_reason}" if p.held_reason else ""),
                        )
                        for p in stuck
                    ],
                )
            )
    return found

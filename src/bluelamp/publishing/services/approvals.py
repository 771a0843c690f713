"""Deciding on a post sent for approval (CC/01 4.11, 4.16, 4.20, 6.12, 6.14): four eyes.

The approver may change the text (checked again, kept as an audit event), approve with a note,
or return the post with a reason. Approving grants the authorisations the rules read back
(``live-broadcast``, ``major-incident``). A post approved after the time it was scheduled for
is held, never published late unless a person then chooses to.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import notifications, permissions
from bluelamp.publishing.choices import Decision
from bluelamp.publishing.models import Approval, Post
from bluelamp.publishing.services.common import RECHECKED, lock, move, recheck, require
from bluelamp.publishing.services.compose import BlockedError, FacesUnsettledError, clean_text
from bluelamp.social_accounts.services.security import refuse_if_publishing_suspended


def _as_role(actor: Any, post: Post) -> str:
    return flow.CCD if permissions.is_ccd(actor) else flow.MANAGER


@transaction.atomic
def approval_edit(*, post: Post, actor: Any, text: Any, now: dt.datetime | None = None) -> Post:
    """The approver changes the words; the post is checked again and stays with them."""
    now = aware_now(now)
    post = lock(post)
    require(post, flow.APPROVE)
    permissions.check_can_approve(actor, post)
    errors = FieldErrors()
    clean = clean_text(errors, text)
    errors.raise_if_any()
    if clean == post.text:
        return post
    before = {"text": post.text, "verdict": post.verdict}
    post.text = clean
    recheck(post, now)
    post.updated_at = now
    post.save(update_fields=["text", *RECHECKED, "updated_at"])
    Approval.objects.create(
        post=post,
        approver=actor,
        as_role=_as_role(actor, post),
        decision=Decision.EDITED,
        note="",
        text_seen=before["text"],
        findings_seen=post.findings,
        decided_at=now,
    )
    audit_record(
        actor=actor,
        action="post.edited_by_approver",
        target=post,
        before=before,
        after={"text": post.text, "verdict": post.verdict},
        now=now,
    )
    return post


@transaction.atomic
def approval_approve(
    *, post: Post, actor: Any, note: Any = "", now: dt.datetime | None = None
) -> Post:
    """Approve: ready, scheduled if its time is still to come, held if its time has passed."""
    now = aware_now(now)
    post = lock(post)
    require(post, flow.APPROVE)
    permissions.check_can_approve(actor, post)
    refuse_if_publishing_suspended(post.account)
    _report, route = recheck(post, now)
    if route.blocked:
        raise BlockedError(
            "The post has problems marked 'block' ("
            + ", ".join(sorted({f.rule for f in route.must_fix}))
            + "): edit the text or return it to the author."
        )
    if route.author_to_settle:
        raise FacesUnsettledError()
    if route.approver == flow.CCD and not permissions.is_ccd(actor):
        raise InvalidInputError(
            "This post now needs Corporate Communications' approval ("
            + ", ".join(sorted({f.rule for f in route.approval_for}))
            + "); return it to the author to send it again."
        )
    granted = sorted(set(post.authorisations) | route.authorisations)
    clean_note = note.strip() if isinstance(note, str) else ""
    Approval.objects.create(
        post=post,
        approver=actor,
        as_role=_as_role(actor, post),
        decision=Decision.APPROVED,
        note=clean_note,
        text_seen=post.text,
        findings_seen=post.findings,
        authorised=sorted(route.authorisations),
        decided_at=now,
    )
    after = {"note": clean_note, "authorised": granted, "as": _as_role(actor, post)}
    common = {"actor": actor, "audit_action": "post.approved", "now": now, "after": after}
    if post.scheduled_for is None:
        moved = move(post, flow.APPROVE, authorisations=granted, **common)
    elif post.scheduled_for > now:
        moved = move(post, flow.APPROVE_SCHEDULED, authorisations=granted, **common)
    else:
        moved = _approve_late(post, granted, after, common, now)
    notifications.decided(moved, "approved", clean_note)
    return moved


def _approve_late(post: Post, granted: list, after: dict, common: dict, now: dt.datetime) -> Post:
    held = (
        f"Approved at {timezone.localtime(now):%d %b %Y %H:%M}, after its scheduled time "
        f"({timezone.localtime(post.scheduled_for):%d %b %Y %H:%M}): choose a new time or "
        "publish it now."
    )
    after["held"] = held
    return move(post, flow.APPROVE_LATE, authorisations=granted, held_reason=held, **common)


@transaction.atomic
def approval_return(*, post: Post, actor: Any, reason: Any, now: dt.datetime | None = None):
    """Send the post back to its author with a reason."""
    now = aware_now(now)
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise InvalidInputError(
            "Say why the post is being returned",
            errors={"reason": ["Say why the post is being returned"]},
        )
    post = lock(post)
    require(post, flow.RETURN)
    permissions.check_can_approve(actor, post)
    Approval.objects.create(
        post=post,
        approver=actor,
        as_role=_as_role(actor, post),
        decision=Decision.RETURNED,
        note=text,
        text_seen=post.text,
        findings_seen=post.findings,
        decided_at=now,
    )
    moved = move(
        post,
        flow.RETURN,
        actor=actor,
        audit_action="post.returned",
        now=now,
        after={"reason": text},
        approver_needed="",
    )
    notifications.decided(moved, "returned", text)
    return moved

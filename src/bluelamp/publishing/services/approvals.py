"""Deciding on a post sent for approval (CC/01 4.11, 4.16, 4.20, 6.12, 6.14): four eyes.

The approver may change the text, approve with a note, or return the post with a reason. A
change is a new version (checked again) that goes back to the author (``awaiting_author``): the
author is told what changed and accepts it (then any approver may approve it), rejects it (a
draft again, with their own words), or takes it back to draft. Another approver, who did not
make the change, may approve it instead. An approval names the version it approved. Approving grants the authorisations the rules read back
(``live-broadcast``, ``major-incident``). A post approved after the time it was scheduled for
is held, never published late unless a person then chooses to.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError, PermissionDeniedError
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import notifications, permissions
from bluelamp.publishing.choices import Decision, VersionSource
from bluelamp.publishing.models import Approval, Post
from bluelamp.publishing.services import versions
from bluelamp.publishing.services.common import (
    lock,
    move,
    recheck,
    require,
    rule_words,
    state_error,
)
from bluelamp.publishing.services.compose import BlockedError, FacesUnsettledError, clean_text
from bluelamp.social_accounts.services.security import refuse_if_publishing_suspended


def _as_role(actor: Any, post: Post) -> str:
    return flow.CCD if permissions.is_ccd(actor) else flow.MANAGER


@transaction.atomic
def approval_edit(*, post: Post, actor: Any, text: Any, now: dt.datetime | None = None) -> Post:
    """The approver changes the words: a new version, checked again, that goes back to the
    author to accept (or to another approver)."""
    now = aware_now(now)
    post = lock(post)
    require(post, flow.APPROVER_EDIT)
    permissions.check_can_approve(actor, post)
    errors = FieldErrors()
    clean = clean_text(errors, text)
    errors.raise_if_any()
    if clean == post.text:
        return post
    before = {"text": post.text, "verdict": post.verdict, "version": post.version}
    post.text = clean
    recheck(post, now)
    version = versions.version_record(
        post=post, actor=actor, source=VersionSource.APPROVER, now=now
    )
    Approval.objects.create(
        post=post,
        approver=actor,
        as_role=_as_role(actor, post),
        decision=Decision.EDITED,
        note="",
        text_seen=before["text"],
        findings_seen=post.findings,
        version=version.number,
        decided_at=now,
    )
    moved = move(
        post,
        flow.APPROVER_EDIT,
        actor=actor,
        audit_action="post.edited_by_approver",
        now=now,
        before=before,
        after={"text": post.text, "verdict": post.verdict, "version": version.number},
        text=clean,
        version=version.number,
        approved_version=None,
    )
    notifications.changed_by_approver(moved, actor, before["text"], version.number)
    return moved


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
    refusal = versions.maker_refusal(actor, post)
    if refusal:
        raise PermissionDeniedError(refusal)
    _report, route = recheck(post, now)
    if route.blocked:
        raise BlockedError(
            "The post has problems marked 'block' ("
            + rule_words(f.rule for f in route.must_fix)
            + "): edit the text or return it to the author."
        )
    if route.author_to_settle:
        raise FacesUnsettledError()
    if route.approver == flow.CCD and not permissions.is_ccd(actor):
        raise InvalidInputError(
            "This post now needs Corporate Communications' approval ("
            + rule_words(f.rule for f in route.approval_for)
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
        version=post.version,
        decided_at=now,
    )
    after = {
        "note": clean_note,
        "authorised": granted,
        "as": _as_role(actor, post),
        "version": post.version,
    }
    common = {"actor": actor, "audit_action": "post.approved", "now": now, "after": after}
    pinned = {"authorisations": granted, "approved_version": post.version}
    if post.scheduled_for is None:
        moved = move(post, flow.APPROVE, **pinned, **common)
    elif post.scheduled_for > now:
        moved = move(post, flow.APPROVE_SCHEDULED, **pinned, **common)
    else:
        moved = _approve_late(post, pinned, after, common, now)
    notifications.decided(moved, "approved", clean_note)
    return moved


def _approve_late(post: Post, pinned: dict, after: dict, common: dict, now: dt.datetime) -> Post:
    held = (
        f"Approved at {timezone.localtime(now):%d %b %Y %H:%M}, after its scheduled time "
        f"({timezone.localtime(post.scheduled_for):%d %b %Y %H:%M}): choose a new time or "
        "publish it now."
    )
    after["held"] = held
    return move(post, flow.APPROVE_LATE, held_reason=held, **pinned, **common)


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
        version=post.version,
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


# --------------------------------------------------------- the author's answer to a change


def _changed_version(post: Post):
    current = versions.latest(post)
    if current is None or current.author_agreed:
        raise state_error(post, "There is no change by an approver waiting for your answer.")
    return current


@transaction.atomic
def post_change_accept(*, post: Post, actor: Any, now: dt.datetime | None = None) -> Post:
    """The author accepts an approver's change: the words count as their own, and the post
    waits for the approval again (the approver who made the change may now approve it)."""
    now = aware_now(now)
    post = lock(post)
    require(post, flow.ACCEPT_CHANGE)
    permissions.check_can_answer_change(actor, post)
    current = _changed_version(post)
    current.accepted_by, current.accepted_at = actor, now
    current.save(update_fields=["accepted_by", "accepted_at"])
    moved = move(
        post,
        flow.ACCEPT_CHANGE,
        actor=actor,
        audit_action="post.change_accepted",
        now=now,
        after={"version": current.number, "changed_by": current.made_by_id},
    )
    notifications.sent_for_approval(moved, moved.approver_needed)
    return moved


@transaction.atomic
def post_change_reject(
    *, post: Post, actor: Any, reason: Any = "", now: dt.datetime | None = None
) -> Post:
    """The author rejects an approver's change: the post is a draft again with the words the
    author last sent on (or accepted), to send on again as they are or changed."""
    now = aware_now(now)
    why = reason.strip() if isinstance(reason, str) else ""
    post = lock(post)
    require(post, flow.REJECT_CHANGE)
    permissions.check_can_answer_change(actor, post)
    current = _changed_version(post)
    own = next(
        (v for v in post.versions.order_by("-number") if v.author_agreed),
        None,
    )
    words = own.text if own is not None else current.text
    post.text = words
    recheck(post, now)
    moved = move(
        post,
        flow.REJECT_CHANGE,
        actor=actor,
        audit_action="post.change_rejected",
        now=now,
        before={"version": current.number},
        after={"reason": why, "words_of_version": own.number if own else None},
        text=words,
        approver_needed="",
        approved_version=None,
        scheduled_for=None,
    )
    notifications.change_rejected(moved, current.made_by, why)
    return moved

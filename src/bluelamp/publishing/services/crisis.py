"""Posts through a major incident (CC/01 4.16): held when it is declared, checked again when it is
declared and when it ends, and let go again by Corporate Communications afterwards.

- ``post_hold_all``: the declaration holds every ready or scheduled post, and each author is
  told.
- ``posts_recheck_all``: when an incident is declared or ended, every post still on its way out
  is checked again as things now stand, so no verdict read or approved is stale. A post waiting
  for its line manager that now needs Corporate Communications is sent to them (and they are
  told). A new incident needs CCD's authority afresh: the authority given during an earlier one
  is taken off posts not yet published.
- ``post_release``: CCD lets one held post go again once no major incident is in force: ready,
  or scheduled for its time when that is still to come. It is checked as things stand now.
- ``held_posts_decide``: the same for many held posts at once (release, reschedule to one time,
  or withdraw), each through its declaration in ``publishing.actions`` and each audited on its
  own; one post refused does not stop the others, and the answer says what happened to each.

Every author is told when their post is held, released, rescheduled or withdrawn by someone else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import (
    ApplicationError,
    FieldErrors,
    InvalidInputError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.engine.workflows import posts as flow
from bluelamp.incidents.selectors import major_incident_in_force
from bluelamp.publishing import notifications, permissions
from bluelamp.publishing.models import Post
from bluelamp.publishing.services.common import RECHECKED, lock, move, recheck, require
from bluelamp.publishing.services.compose import _schedule, ready_to_go

#: States a post is in while it may still go out, and may be checked again.
ON_THE_WAY = frozenset(
    {
        flow.DRAFT,
        flow.AWAITING_APPROVAL,
        flow.AWAITING_AUTHOR,
        flow.RETURNED,
        flow.READY,
        flow.SCHEDULED,
        flow.HELD,
        flow.FAILED,
    }
)
MAJOR = "major-incident"

RELEASE = "release"
RESCHEDULE = "reschedule"
WITHDRAW = "withdraw"
#: The bulk decisions on held posts, and the post action each one takes.
DECISIONS = {RELEASE: "release", RESCHEDULE: "schedule", WITHDRAW: "withdraw"}
DECISION_WORDS = {RELEASE: "released", RESCHEDULE: "rescheduled", WITHDRAW: "withdrawn"}


def release_refusal(user: Any, post: Any = None) -> str | None:
    """Only Corporate Communications releases held posts (4.16)."""
    if permissions.is_ccd(user):
        return None
    return "Only Corporate Communications releases held posts."


def incident_holds_it(post: Any, now: dt.datetime | None = None) -> bool:
    """Whether ``post`` is held while a major incident is in force without CCD's authority for
    it: neither its author nor anyone else may publish or schedule it until the incident ends."""
    return (
        post.state == flow.HELD
        and MAJOR not in (post.authorisations or [])
        and major_incident_in_force(aware_now(now)) is not None
    )


INCIDENT_HINT = (
    "A major incident is declared: nothing goes out without Corporate Communications' authority "
    "(4.16). Corporate Communications releases held posts when it ends; or take the post back "
    "to draft and send it to them for approval."
)


@transaction.atomic
def post_hold_all(*, actor: Any, reason: str, now: dt.datetime) -> int:
    """Hold every scheduled or ready post (a major incident has been declared, 4.16), and tell
    each author."""
    count = 0
    posts = Post.objects.select_for_update(of=("self",)).select_related("account", "author")
    for post in posts.filter(state__in=sorted(flow.HOLDABLE)).order_by("pk"):
        # Checked again here, in the one save and audit event that holds it (see
        # ``posts_recheck_all``): an earlier incident's authority does not carry over.
        before = {"verdict": post.verdict, "authorisations": list(post.authorisations or [])}
        post.authorisations = [a for a in before["authorisations"] if a != MAJOR]
        recheck(post, now)
        moved = move(
            post,
            flow.HOLD,
            actor=actor,
            audit_action="post.held",
            now=now,
            before=before,
            after={
                "reason": reason,
                "verdict": post.verdict,
                "authorisations": post.authorisations,
            },
            held_reason=reason,
            authorisations=post.authorisations,
        )
        notifications.held_or_failed(moved, "held", reason)
        count += 1
    return count


@transaction.atomic
def posts_recheck_all(*, actor: Any, now: dt.datetime, declared: bool) -> int:
    """Check every post still on its way out again as things stand at ``now`` (a major incident
    was just declared, or ended). Returns how many changed verdict or approver. On a
    declaration the ready and scheduled posts are left to ``post_hold_all``, which checks each
    as it holds it."""
    changed = 0
    # A declaration holds the ready and scheduled posts, checking each in the same step.
    states = ON_THE_WAY - flow.HOLDABLE if declared else ON_THE_WAY
    posts = (
        Post.objects.select_for_update(of=("self",))
        .select_related("account", "author")
        .filter(state__in=sorted(states))
        .order_by("pk")
    )
    for post in posts:
        before = {
            "verdict": post.verdict,
            "approver_needed": post.approver_needed,
            "authorisations": list(post.authorisations or []),
        }
        fields = list(RECHECKED)
        if declared and MAJOR in before["authorisations"]:
            # An earlier incident's authority does not carry over to this one.
            post.authorisations = [a for a in before["authorisations"] if a != MAJOR]
            fields.append("authorisations")
        _report, route = recheck(post, now)
        rerouted = (
            post.state in flow.DECIDING
            and route.approver == flow.CCD
            and post.approver_needed != flow.CCD
        )
        if rerouted:
            post.approver_needed = flow.CCD
            fields.append("approver_needed")
        after = {
            "verdict": post.verdict,
            "approver_needed": post.approver_needed,
            "authorisations": list(post.authorisations or []),
        }
        post.save(update_fields=[*fields, "updated_at"])
        if after != before:
            changed += 1
            audit_record(
                actor=actor,
                action="post.rechecked",
                target=post,
                before=before,
                after=after,
                now=now,
                target_label=f"Post {post.pk} on {post.account}",
            )
        if rerouted:
            notifications.sent_for_approval(post, flow.CCD)
    return changed


@transaction.atomic
def post_release(*, post: Post, actor: Any, now: dt.datetime | None = None) -> Post:
    """CCD lets a held post go again: ready, or scheduled for its time if that is still to come.
    Refused while a major incident is in force, and when the post, checked as things stand
    now, may not go out."""
    now = aware_now(now)
    post = lock(post)
    refusal = release_refusal(actor, post)
    if refusal:
        raise PermissionDeniedError(refusal)
    require(post, flow.RELEASE)
    if major_incident_in_force(now) is not None:
        raise InvalidTransitionError(
            "A major incident is still declared: end it before releasing held posts (4.16).",
            state=post.state,
            action=flow.RELEASE,
        )
    ready_to_go(post, now)
    common = {
        "actor": actor,
        "now": now,
        "before": {"held_reason": post.held_reason},
        "held_reason": "",
    }
    if post.scheduled_for is not None and post.scheduled_for > now:
        moved = move(
            post,
            flow.SCHEDULE,
            audit_action="post.released",
            after={"scheduled_for": post.scheduled_for},
            **common,
        )
        then = "It will be published at its scheduled time."
    else:
        moved = move(
            post,
            flow.RELEASE,
            audit_action="post.released",
            after={"scheduled_for": None},
            scheduled_for=None,
            **common,
        )
        then = "It is ready: publish it now or choose a time."
    notifications.released(moved, "released", actor, then)
    return moved


@dataclass(frozen=True)
class Outcome:
    """What a bulk decision did to one post: ``done`` with its new state, or the refusal."""

    post: Post
    done: bool
    message: str


def held_posts_decide(
    *,
    actor: Any,
    posts: list[Post],
    decision: str,
    when: Any = None,
    reason: Any = "",
    now: dt.datetime | None = None,
) -> list[Outcome]:
    """Release, reschedule (to ``when``) or withdraw each of ``posts`` (held posts, chosen by
    CCD), each through its action in ``publishing.actions`` in its own transaction, audited on
    its own and its author told. A post refused (no longer held, or it may not go out as things
    stand) is left as it is and its refusal given; the others go ahead."""
    from bluelamp.publishing.actions import POST_ACTIONS

    now = aware_now(now)
    refusal = release_refusal(actor)
    if refusal:
        raise PermissionDeniedError(refusal)
    errors = FieldErrors()
    if decision not in DECISIONS:
        errors.add("decision", "Choose release, reschedule or withdraw")
    if not posts:
        errors.add("posts", "Select at least one held post")
    if decision == RESCHEDULE and when in (None, ""):
        errors.add("scheduled_for", "Enter the date and time to publish")
    errors.raise_if_any()
    if decision == RESCHEDULE:
        errors = FieldErrors()
        _schedule(errors, when, now)
        errors.raise_if_any()
    data: dict[str, Any] = {"now": now}
    if decision == RESCHEDULE:
        data["when"] = when
    elif decision == WITHDRAW:
        data["reason"] = reason if isinstance(reason, str) else ""
    fresh = Post.objects.select_related("account", "author").in_bulk([post.pk for post in posts])
    outcomes = []
    for post in (fresh[p.pk] for p in posts if p.pk in fresh):
        if post.state != flow.HELD:
            outcomes.append(Outcome(post, False, "It is no longer held."))
            continue
        try:
            with transaction.atomic():
                moved = POST_ACTIONS.perform(DECISIONS[decision], post, actor=actor, data=data)
                if decision != RELEASE:
                    notifications.released(
                        moved, DECISION_WORDS[decision], actor, _then(moved, decision, data)
                    )
        except (ApplicationError, InvalidInputError) as refused:
            post.refresh_from_db()
            outcomes.append(Outcome(post, False, refused.message))
            continue
        outcomes.append(Outcome(moved, True, moved.get_state_display()))
    return outcomes


def _then(post: Post, decision: str, data: dict[str, Any]) -> str:
    if decision == WITHDRAW:
        reason = data.get("reason", "").strip()
        return "It will not be published." + (f" The reason given: {reason}" if reason else "")
    return "It will be published at its new time."

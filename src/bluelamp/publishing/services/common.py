"""What every publishing service shares: locking a post, moving it along the workflow table with
an audit event, checking it against the rules with the force's current context."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bluelamp.core.errors import InvalidTransitionError, NotFoundError
from bluelamp.core.policy import policy_pack
from bluelamp.core.transitions import transition
from bluelamp.engine.model import Finding, Report, Severity
from bluelamp.engine.model import Post as EnginePost
from bluelamp.engine.rules import check_post
from bluelamp.engine.rules.base import registry
from bluelamp.engine.workflows import posts as flow
from bluelamp.incidents.selectors import crisis_context
from bluelamp.publishing.models import Post

ACTION_WORDS = {
    flow.SUBMIT: "submitted",
    flow.SUBMIT_SCHEDULED: "submitted",
    flow.SEND_FOR_APPROVAL: "sent for approval",
    flow.APPROVE: "approved",
    flow.APPROVE_SCHEDULED: "approved",
    flow.APPROVE_LATE: "approved",
    flow.RETURN: "returned",
    flow.REVISE: "changed",
    flow.SCHEDULE: "scheduled",
    flow.UNSCHEDULE: "taken off the schedule",
    flow.HOLD: "held",
    flow.RELEASE: "released",
    flow.PUBLISH: "published",
    flow.CONFIRM: "confirmed",
    flow.FAIL: "marked failed",
    flow.REMOVE: "removed",
    flow.CORRECT: "corrected",
    flow.WITHDRAW: "withdrawn",
}


def lock(post: Post | int) -> Post:
    """The post re-read under a row lock (call inside ``transaction.atomic``)."""
    pk = post if isinstance(post, int) else post.pk
    found = (
        Post.objects.select_for_update(of=("self",))
        .select_related("account", "author")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFoundError("There is no such post.")
    return found


def state_error(post: Post, message: str, action: str = "change") -> InvalidTransitionError:
    """The refusal for an action the post's state does not allow, with a message for people."""
    return InvalidTransitionError(message, state=post.state, action=action)


#: Refusals worded for the action as a whole, whatever the state.
_REFUSALS = {
    "edit": lambda post: (
        f"A post that is {post.get_state_display().lower()} cannot be changed: "
        "take it back to draft first."
    ),
    "record": lambda post: "This post is closed: its record can no longer change.",
}


def not_allowed(post: Post, action: str, hint: str = "") -> InvalidTransitionError:
    """The refusal of ``action`` in the post's state, in words ("A post that is published
    cannot be scheduled."), with an optional hint of what to do instead."""
    if action in _REFUSALS:
        return state_error(post, _REFUSALS[action](post), action)
    message = (
        f"A post that is {post.get_state_display().lower()} cannot be "
        f"{ACTION_WORDS.get(action, action)}."
    )
    return state_error(post, f"{message} {hint}".strip(), action)


def require(post: Post, action: str) -> None:
    """Refuse ``action`` unless the workflow table allows it from the post's state."""
    if not flow.allowed(post.state, action):
        raise not_allowed(post, action)


#: What ``recheck`` sets on a post (not saved): saved with the step that follows it.
RECHECKED = ("verdict", "findings", "checked_at")


def move(
    post: Post,
    action: str,
    *,
    actor: Any,
    audit_action: str,
    now: dt.datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    **changes: Any,
) -> Post:
    """Take ``action`` on a locked ``post`` (``core.transitions.transition``): the table says
    where it goes; save the state, ``changes`` and what ``recheck`` set; audit."""
    return transition(
        post,
        workflow=flow.WORKFLOW,
        action=action,
        actor=actor,
        audit_action=audit_action,
        now=now,
        state_field="state",
        changes=changes,
        also_save=RECHECKED,
        refusal=not_allowed,
        before=before,
        after=after,
        target_label=f"Post {post.pk} on {post.account}",
    )


# ---------------------------------------------------------------------------------- checking


def rule_words(rules: Any) -> str:
    """Rule ids as people read them: the contract's titles ("Messaging locked during a major
    incident"), lower-cased after the first, in a stable order; an unknown id as it is."""
    titles = []
    for rule in sorted(set(rules)):
        titles.append(registry.get(rule).title if rule in registry else rule)
    return "; ".join(
        title if i == 0 else title[:1].lower() + title[1:] for i, title in enumerate(titles)
    )


def context_flags(now: dt.datetime) -> tuple[bool, bool]:
    """(election_period, major_incident) in force at ``now``."""
    crisis = crisis_context(now)
    return crisis.election_period_active, crisis.major_incident_active


def engine_post(
    *,
    text: str,
    account: Any,
    kind: str,
    now: dt.datetime,
    authorisations: frozenset[str] = frozenset(),
    post_id: str | None = None,
    flags: tuple[bool, bool] | None = None,
) -> EnginePost:
    election, major = flags if flags is not None else context_flags(now)
    return EnginePost(
        text=text,
        id=post_id,
        tier=account.tier,
        handle=account.handle,
        kind=kind,
        election_period=election,
        major_incident=major,
        authorisations=authorisations,
        platform=account.platform,
    )


def image_findings(images: Any) -> list[Finding]:
    """media-faces findings for stored images whose faces are neither blurred nor consented.
    Images are checked for faces once, when uploaded; their metadata is already stripped, so
    media-location cannot fire on what Bluelamp stores."""
    rule = registry.get("media-faces")
    findings = []
    for image in images:
        count = len(image.faces)
        if not count:
            continue
        name = image.original_name or f"Image {image.position + 1}"
        if image.faces_settled:
            continue
        shows = "shows a face" if count == 1 else f"shows {count} faces"
        findings.append(
            Finding(
                rule=rule.id,
                clause=rule.clause,
                severity=Severity.REVIEW,
                message=f"{name} {shows}: confirm consent or blur "
                f"{'it' if count == 1 else 'them'} before posting (4.10).",
            )
        )
    return findings


def check_text(
    *,
    text: str,
    account: Any,
    kind: str,
    now: dt.datetime,
    authorisations: frozenset[str] = frozenset(),
    images: Any = (),
    flags: tuple[bool, bool] | None = None,
) -> Report:
    """The engine's report on a post as it stands, with the force's context at ``now`` (or the
    ``(election_period, major_incident)`` flags given), its findings as the post's route treats
    them (``flow.as_routed``: during a major incident an ordinary post needs Corporate
    Communications' approval, ``review``, and never reads "block" while it can be sent on)."""
    post = engine_post(
        text=text, account=account, kind=kind, now=now, authorisations=authorisations, flags=flags
    )
    report = check_post(post, policy_pack())
    return Report(report.id, flow.as_routed(report.findings) + tuple(image_findings(images)))


def recheck(post: Post, now: dt.datetime) -> tuple[Report, flow.Route]:
    """Check ``post`` as stored now, store the findings on it (not saved) and route it."""
    images = list(post.images.filter(removed_at__isnull=True)) if post.pk else []
    report = check_text(
        text=post.text,
        account=post.account,
        kind=post.kind,
        now=now,
        authorisations=frozenset(post.authorisations),
        images=images,
    )
    post.verdict = report.verdict.label
    post.findings = [finding.to_dict() for finding in report.findings]
    post.checked_at = now
    route = flow.route(report.findings, second_opinion=post.second_opinion)
    return report, route

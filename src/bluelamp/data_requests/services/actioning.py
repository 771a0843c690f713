"""Carrying out the decisions: the social media team's tasks, and the evidence each was done
(given, or taken from the archive's confirmed removal of the post)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import transaction
from django.urls import reverse

from bluelamp.core import mail, validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError, InvalidTransitionError
from bluelamp.core.models import User
from bluelamp.core.policy import policy_pack
from bluelamp.data_requests import permissions, selectors
from bluelamp.data_requests.choices import (
    ACTIONED_OUTCOMES,
    Outcome,
)
from bluelamp.data_requests.models import (
    RemovalRequest,
    RemovalTask,
)
from bluelamp.data_requests.services.common import (
    MAX_NAME,
    audit,
    lock,
    move,
    plain,
    require_state,
)
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow
from bluelamp.publishing.choices import RemovalOutcome
from bluelamp.publishing.models import Removal


def removal_request_actioning_start(
    *, actor: User, removal_request: RemovalRequest, now: dt.datetime | None = None
) -> list[RemovalTask]:
    """Once every post is decided, set the social media team a task for each removal,
    amendment or restriction."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = lock(removal_request)
        require_state(request, flow.START_ACTIONING)
        posts = list(request.posts.all())
        if not posts:
            raise InvalidInputError("Link at least one post to the request first")
        if any(p.outcome == Outcome.PENDING for p in posts):
            raise InvalidInputError("Decide every post before setting tasks")
        to_do = [p for p in posts if p.outcome in ACTIONED_OUTCOMES]
        if not to_do:
            raise InvalidInputError(
                "Every post was refused, so there is nothing to carry out: respond instead"
            )
        tasks = [RemovalTask.objects.create(decision=p) for p in to_do]
        move(
            request,
            flow.START_ACTIONING,
            actor=actor,
            now=now,
            audit_action="removal_request.actioning_started",
            after={"tasks": [t.pk for t in tasks]},
        )
        for task in tasks:
            _tell_of_task(request, task)
    return tasks


_TASK_WORDS = {
    Outcome.REMOVE: "remove it from its platform",
    Outcome.AMEND: "correct its words on its platform",
    Outcome.RESTRICT: "take it down and keep it, marked restricted",
}


def _tell_of_task(request: RemovalRequest, task: RemovalTask) -> None:
    """The people who carry out a task are told of it: the social media team (Corporate
    Communications) and, for a post in the archive, its author and its account's owner, who
    may remove or correct it from its page. The message names no one who asked."""
    decision = task.decision
    post = decision.archived_post
    people: list[Any] = []
    link = ""
    where = decision.url or f"a post on {decision.platform}"
    if post is not None:
        people = [post.author, post.account.owner]
        link = reverse("publishing:post_detail", args=[post.public_id])
        where = f"post {post.pk} on {post.account}"
    mail.notify(
        link=link,
        subject=f"A task for removal request {request.reference}: {where}",
        body=(
            f"Information security decided on removal request {request.reference}: "
            f"{_TASK_WORDS.get(decision.outcome, decision.get_outcome_display().lower())}, for "
            f"{where} (CC/01 4.29, 4.30).\n\nDo it from the post's page in Bluelamp (or in the "
            "platform's app, then record it there), so that the request can be answered in time."
        ),
        to=[mail.addresses(*people), mail.ccd_addresses(policy_pack())],
    )


def removal_task_complete(
    *,
    actor: User,
    task: RemovalTask,
    carried_out_by: str,
    carried_out_at: dt.datetime | None,
    evidence: str,
    now: dt.datetime | None = None,
) -> RemovalTask:
    """Record that the social media team carried out a task: who, when, and the evidence (the
    platform's confirmation, or a description of what was done)."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = lock(task.decision.request)
        require_state(request, flow.COMPLETE_TASK)
        task = RemovalTask.objects.select_for_update().get(pk=task.pk)
        if task.done:
            raise InvalidTransitionError(
                "That task has already been recorded as done.",
                state=request.status,
                action=flow.COMPLETE_TASK,
            )
        errors = FieldErrors()
        who = validation.text(
            errors,
            "carried_out_by",
            carried_out_by,
            required="Enter who carried it out",
            max_length=MAX_NAME,
        )
        when = validation.moment(
            errors,
            "carried_out_at",
            carried_out_at,
            now,
            required="Enter when it was carried out",
            what="the date it was carried out",
            not_before=request.received_at,
            not_before_message="It cannot have been carried out before the request arrived",
        )
        evidence = validation.text(
            errors, "evidence", evidence, required="Enter the evidence it was done"
        )
        errors.raise_if_any()
        task.carried_out_by = who
        task.carried_out_at = when
        task.evidence = evidence
        task.completed_by = actor
        task.save(
            update_fields=[
                "carried_out_by",
                "carried_out_at",
                "evidence",
                "completed_by",
                "updated_at",
            ]
        )
        audit(
            actor=actor,
            action="removal_request.task_completed",
            target=request,
            now=now,
            after={"task": task.pk, "post": task.decision_id, "carried_out_at": plain(when)},
        )
    return task


#: Keys whose values never go into a task's evidence, wherever they are in the platform's
#: response (the connectors do not put tokens there; this makes sure).
SECRET_KEYS = ("token", "secret", "password", "authorization", "cookie", "signature", "key")
EVIDENCE_RESPONSE_CHARS = 2000


def _without_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            str(k): "[withheld]"
            if any(word in str(k).lower() for word in SECRET_KEYS)
            else _without_secrets(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_without_secrets(v) for v in value]
    return value


def platform_response_text(response: Any) -> str:
    """The platform's response as compact JSON, without secrets, cut to a readable length."""
    if not response:
        return ""
    text = json.dumps(
        _without_secrets(response), separators=(",", ":"), sort_keys=True, ensure_ascii=False
    )
    if len(text) > EVIDENCE_RESPONSE_CHARS:
        text = text[: EVIDENCE_RESPONSE_CHARS - 1] + "…"
    return text


def _change_word(task: RemovalTask) -> str:
    return "correction or removal" if task.decision.outcome == "amend" else "removal"


def _removal_evidence(removal: Any, request: RemovalRequest) -> str:
    """The evidence text from a Removal or (for an amendment) a Correction of the post."""
    post = removal.post
    when = removal.at.astimezone(deadlines.LONDON)
    kind = "removal" if isinstance(removal, Removal) else "correction"
    lines = [
        f"{removal.get_outcome_display()}: the post by @{post.account.handle} on "
        f"{post.account.get_platform_display()} (Bluelamp post {post.public_id}), "
        f"{deadlines.long_date(when.date())} at {when:%H:%M} UK time, recorded by "
        f"{removal.requested_by.label} in Bluelamp ({kind} {removal.pk}).",
        f"Reason given: {removal.reason}",
    ]
    if kind == "correction":
        lines.append(f"The post now reads: {removal.new_text}")
    if removal.detail:
        lines.append(f"Detail: {removal.detail}")
    response = platform_response_text(removal.platform_response)
    if response:
        lines.append(f"The platform's response: {response}")
    elif removal.outcome == RemovalOutcome.DONE_BY_HAND:
        done = "Removed" if kind == "removal" else "Corrected"
        lines.append(f"{done} by hand in the platform's app: the platform's API gave no response.")
    if removal.at < request.received_at:
        lines.append(f"The {kind} was made before this request was received.")
    return "\n".join(lines)


def removal_task_complete_from_archive(
    *, actor: User, task: RemovalTask, now: dt.datetime | None = None
) -> RemovalTask:
    """Record a task as done from the archive's record of the post's removal: when the task's
    post is linked from the archive and the archive holds a removal that took it off its
    platform (deleted, already gone, or removed by hand in the app), that removal is the
    evidence: who (the person who removed it in Bluelamp), when, the outcome, the detail and
    the platform's response (compact JSON, without secrets). The task keeps a link to it.

    Refused (400) when the post is not linked from the archive or has no such removal (a
    failed attempt does not count); 409 when the task is already done or the state does not
    allow it."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = lock(task.decision.request)
        require_state(request, flow.COMPLETE_TASK)
        task = (
            RemovalTask.objects.select_for_update(of=("self",))
            .select_related("decision__archived_post__account")
            .get(pk=task.pk)
        )
        if task.done:
            raise InvalidTransitionError(
                "That task has already been recorded as done.",
                state=request.status,
                action=flow.COMPLETE_TASK,
            )
        post = task.decision.archived_post
        if post is None:
            raise InvalidInputError(
                "This task's post is not linked from the archive, so there is no platform "
                "confirmation to record: record who carried it out, when, and the evidence."
            )
        removal = selectors.confirmed_change(post, task.decision.outcome)
        if removal is None:
            raise InvalidInputError(
                f"The archive has no confirmed {_change_word(task)} of this post: it is "
                f"{post.get_state_display().lower()}. The social media team (Corporate "
                "Communications, or the post's author or account owner) removes it from the "
                f"post's page in Bluelamp, giving {request.reference} as the reason; then "
                "record the task as done."
            )
        who = removal.requested_by.label[:MAX_NAME]
        task.carried_out_by = who
        task.carried_out_at = removal.at
        task.evidence = _removal_evidence(removal, request)
        task.completed_by = actor
        if isinstance(removal, Removal):
            task.platform_removal = removal
        else:
            task.platform_correction = removal
        task.save(
            update_fields=[
                "carried_out_by",
                "carried_out_at",
                "evidence",
                "completed_by",
                "platform_removal",
                "platform_correction",
                "updated_at",
            ]
        )
        audit(
            actor=actor,
            action="removal_request.task_completed_from_archive",
            target=request,
            now=now,
            after={
                "task": task.pk,
                "post": task.decision_id,
                "archived_post": str(post.public_id),
                "platform_removal" if isinstance(removal, Removal) else "platform_correction": (
                    removal.pk
                ),
                "outcome": removal.outcome,
                "carried_out_at": plain(removal.at),
                "carried_out_by": who,
            },
        )
    return task

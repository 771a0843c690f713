"""Every write to removal and correction requests (CC/01 4.26–4.31).

Each function is keyword-only and takes the acting user (``actor``) and the time (``now``,
aware; the real clock only when not given). In one transaction it checks that the actor may
act (``permissions``: information security only; 404 for those who may not see requests,
403 for auditors), that the request's state allows the action (``engine.workflows.
data_requests``), validates the input, saves with ``update_fields`` and writes the audit event.
A refusal raises an ``ApplicationError`` subclass and changes nothing:

- ``NotFoundError`` (404), ``PermissionDeniedError`` (403): who may act;
- ``InvalidInputError`` (400): bad input; ``errors`` maps field names to messages;
- ``InvalidTransitionError`` (409): the request's state does not allow the action;
- ``ExtensionRefusedError`` (409): the deadline cannot be extended;
- ``LetterRefusedError`` (409): the letter cannot be sent now.

Two steps rest on a letter sent to the requester: the extension (the extension notice; its sent
date is the notice date) and the response (the outcome or refusal letter; its sent time is the
response time). Each takes a letter already sent from the case, or the text of one to send in
the same transaction.

The audit events name a request by its number and record what changed; the requester's name
and contact details never go into the audit trail or the logs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from bluelamp.audit.services import audit_record
from bluelamp.core import mail, pdf, validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError, InvalidTransitionError
from bluelamp.core.models import User
from bluelamp.core.roles import Role
from bluelamp.core.transitions import refuse_unless_allowed, transition
from bluelamp.data_requests import letters, permissions, policy, selectors
from bluelamp.data_requests.choices import (
    ACTIONED_OUTCOMES,
    LetterKind,
    Outcome,
    ReceivedHow,
    Regime,
    RequestStatus,
    Right,
)
from bluelamp.data_requests.errors import ExtensionRefusedError, LetterRefusedError
from bluelamp.data_requests.models import (
    DigestRun,
    Letter,
    PostDecision,
    RemovalRequest,
    RemovalTask,
)
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow
from bluelamp.publishing.choices import RemovalOutcome
from bluelamp.publishing.models import Post, Removal

logger = logging.getLogger(__name__)

MAX_NAME = 200
MAX_TEXT = 5000

# --- Input checks (bluelamp.core.validation) ------------------------------------------------------


def _check_state(request: RemovalRequest, action: str, message: str) -> str:
    """The state ``action`` leads to, or InvalidTransitionError with ``message``."""
    if not flow.allowed(request.status, action):
        raise InvalidTransitionError(message, state=request.status, action=action)
    return flow.next_state(request.status, action)


def _refusal(doing: str):
    """The refusal ``core.transitions`` raises when the request's state does not allow it."""

    def refuse(request: RemovalRequest, action: str) -> InvalidTransitionError:
        return InvalidTransitionError(
            _closed_message(request, doing), state=request.status, action=action
        )

    return refuse


def _closed_message(request: RemovalRequest, doing: str) -> str:
    label = RequestStatus(request.status).label.lower()
    return f"{request.reference} is {label}: {doing} cannot be done now."


def _lock(request: RemovalRequest) -> RemovalRequest:
    """Re-read the request under a row lock so two people cannot act on it at once."""
    return RemovalRequest.objects.select_for_update().get(pk=request.pk)


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _value(getattr(obj, name)) for name in fields}


def _audit(
    *,
    actor: User,
    action: str,
    target: Any,
    now: dt.datetime,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    audit_record(actor=actor, action=action, target=target, before=before, after=after, now=now)


# --- Intake ---------------------------------------------------------------------------------------


def removal_request_create(
    *,
    actor: User,
    requester_name: str,
    requester_contact: str,
    request_text: str,
    right: str,
    regime: str = Regime.UNKNOWN,
    received_at: dt.datetime | None,
    received_how: str,
    now: dt.datetime | None = None,
) -> RemovalRequest:
    """Record a request received in writing or verbally (4.27); the actor owns it.

    A received time in the future is refused: the statutory clock would start wrongly."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    errors = FieldErrors()
    name = validation.text(
        errors,
        "requester_name",
        requester_name,
        required="Enter the requester's name",
        max_length=MAX_NAME,
    )
    contact = validation.text(
        errors,
        "requester_contact",
        requester_contact,
        required="Enter how to contact the requester",
    )
    text = validation.text(
        errors, "request_text", request_text, required="Enter what the requester asks"
    )
    right = validation.choice(errors, "right", right, Right, "Select rectification or erasure")
    regime = validation.choice(
        errors, "regime", regime, Regime, "Select UK GDPR, Part 3 or not known"
    )
    how = validation.choice(
        errors, "received_how", received_how, ReceivedHow, "Select in writing or verbally"
    )
    received = validation.moment(
        errors,
        "received_at",
        received_at,
        now,
        required="Enter when the request was received",
        what="the date the request was received",
    )
    errors.raise_if_any()
    with transaction.atomic():
        request = RemovalRequest.objects.create(
            requester_name=name,
            requester_contact=contact,
            request_text=text,
            right=right,
            regime=regime,
            received_at=received,
            received_how=how,
            owner=actor,
            status=flow.WORKFLOW.initial,
        )
        _audit(
            actor=actor,
            action="removal_request.received",
            target=request,
            now=now,
            after={
                "right": right,
                "regime": regime,
                "received_at": _value(received),
                "received_how": how,
                "status": request.status,
                "owner": actor.username,
            },
        )
    logger.info("removal request %s recorded", request.reference)
    return request


#: How much of an archived post's text is copied as the decision's excerpt.
EXCERPT_CHARS = 280


def _excerpt(text: str) -> str:
    """The start of a post's text, cut at a word where it is long."""
    text = " ".join(str(text or "").split())
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def removal_request_post_add(
    *,
    actor: User,
    removal_request: RemovalRequest,
    url: str = "",
    platform: str = "",
    excerpt: str = "",
    archived_post: Post | Any = None,
    now: dt.datetime | None = None,
) -> PostDecision:
    """Link a post the request concerns: either a post from the archive (``archived_post``,
    the Post or its public id; on any account, CC/01 4.26–4.31), whose address, platform and
    the start of its text are copied, or a post the archive does not hold, by its address,
    platform and an excerpt. The same archived post is linked to a request only once (a post
    on several accounts, or re-shared, is several posts: each is linked on its own)."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    errors = FieldErrors()
    post: Post | None = None
    if archived_post not in (None, ""):
        if any(str(v or "").strip() for v in (url, platform, excerpt)):
            errors.add(
                "archived_post",
                "Either choose a post from the archive, or give the address of a post that is "
                "not in the archive: not both",
            )
        else:
            post = selectors.archive_post_for_linking(archived_post)
            if post is None:
                errors.add(
                    "archived_post",
                    "There is no such post in the archive (only published, removed and "
                    "imported posts can be linked)",
                )
        errors.raise_if_any()
        url = post.platform_url
        platform = post.account.get_platform_display()
        excerpt = _excerpt(post.text)
    else:
        url = validation.text(
            errors, "url", url, required="Enter the address of the post", max_length=500
        )
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except DjangoValidationError:
                errors.add("url", "Enter the address of the post, starting https://")
        platform = validation.text(
            errors, "platform", platform, required="Enter the platform", max_length=40
        )
        excerpt = validation.text(errors, "excerpt", excerpt, required=None)
        errors.raise_if_any()
    with transaction.atomic():
        request = _lock(removal_request)
        _check_state(request, flow.ADD_POST, _closed_message(request, "adding a post"))
        if post is not None and request.posts.filter(archived_post=post).exists():
            message = (
                f"That post (@{post.account.handle} on {platform}) is already linked to "
                f"{request.reference}. A copy on another account, or a re-share, is a "
                "separate post in the archive: link that one instead."
            )
            raise InvalidInputError(message, errors={"archived_post": [message]})
        decision = PostDecision.objects.create(
            request=request, archived_post=post, url=url, platform=platform, excerpt=excerpt
        )
        after: dict[str, Any] = {"post": decision.pk, "url": url, "platform": platform}
        if post is not None:
            after["archived_post"] = str(post.public_id)
            after["account"] = post.account.handle
        _audit(
            actor=actor,
            action="removal_request.post_added",
            target=request,
            now=now,
            after=after,
        )
    return decision


def removal_request_regime_set(
    *,
    actor: User,
    removal_request: RemovalRequest,
    regime: str,
    now: dt.datetime | None = None,
) -> RemovalRequest:
    """Establish the regime (UK GDPR or Part 3) once it is known; the clock follows it. Refused
    when the request is extended and the new regime would not allow that extension."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    errors = FieldErrors()
    regime = validation.choice(
        errors, "regime", regime, Regime, "Select UK GDPR, Part 3 or not known"
    )
    errors.raise_if_any()
    with transaction.atomic():
        request = _lock(removal_request)
        _check_state(request, flow.SET_REGIME, _closed_message(request, "changing the regime"))
        before = {"regime": request.regime}
        request.regime = regime
        if request.extended:
            try:
                selectors.removal_request_clock(request)
            except deadlines.ExtensionNotAllowed as exc:
                raise ExtensionRefusedError(
                    f"{request.reference} has been extended, and under that regime it could "
                    f"not be: {exc.message}"
                ) from None
        request.save(update_fields=["regime", "updated_at"])
        _audit(
            actor=actor,
            action="removal_request.regime_set",
            target=request,
            now=now,
            before=before,
            after={"regime": regime},
        )
    return request


# --- Identity -------------------------------------------------------------------------------------


def removal_request_identity_ask(
    *, actor: User, removal_request: RemovalRequest, now: dt.datetime | None = None
) -> RemovalRequest:
    """Ask the requester for proof of identity (rule 1: the clock restarts when it arrives)."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = _lock(removal_request)
        new = _check_state(
            request, flow.ASK_IDENTITY, _closed_message(request, "asking for identity")
        )
        before = _snapshot(request, ("status", "identity_requested_at"))
        request.status = new
        request.identity_requested_at = now
        request.save(update_fields=["status", "identity_requested_at", "updated_at"])
        _audit(
            actor=actor,
            action="removal_request.identity_requested",
            target=request,
            now=now,
            before=before,
            after=_snapshot(request, ("status", "identity_requested_at")),
        )
    return request


def removal_request_identity_receive(
    *,
    actor: User,
    removal_request: RemovalRequest,
    received_at: dt.datetime | None,
    now: dt.datetime | None = None,
) -> RemovalRequest:
    """Record that proof of identity arrived; it moves the relevant date (rule 1)."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = _lock(removal_request)
        new = _check_state(
            request, flow.RECEIVE_IDENTITY, _closed_message(request, "receiving identity")
        )
        errors = FieldErrors()
        received = validation.moment(
            errors,
            "received_at",
            received_at,
            now,
            required="Enter when the proof of identity was received",
            what="the date the proof of identity was received",
            not_before=request.received_at,
            not_before_message="The proof of identity cannot arrive before the request",
        )
        errors.raise_if_any()
        before = _snapshot(request, ("status", "identity_received_at"))
        request.status = new
        request.identity_received_at = received
        request.save(update_fields=["status", "identity_received_at", "updated_at"])
        _audit(
            actor=actor,
            action="removal_request.identity_received",
            target=request,
            now=now,
            before=before,
            after=_snapshot(request, ("status", "identity_received_at")),
        )
    return request


def removal_request_identity_confirm(
    *, actor: User, removal_request: RemovalRequest, now: dt.datetime | None = None
) -> RemovalRequest:
    """Record that the requester's identity is not in doubt, so the request can be decided."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = _lock(removal_request)
        transition(
            request,
            workflow=flow.WORKFLOW,
            action=flow.CONFIRM_IDENTITY,
            actor=actor,
            audit_action="removal_request.identity_confirmed",
            now=now,
            refusal=_refusal("confirming identity"),
        )
    return request


# --- Decisions ------------------------------------------------------------------------------------


def post_decision_decide(
    *,
    actor: User,
    decision: PostDecision,
    outcome: str,
    corrected_text: str = "",
    reasons: str = "",
    now: dt.datetime | None = None,
) -> PostDecision:
    """Decide one post: remove, amend (with the corrected text), restrict (relevant material in
    an open investigation, with the reasons) or refuse (with the reasons, 4.30)."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = _lock(decision.request)
        _check_state(request, flow.DECIDE_POST, _closed_message(request, "deciding a post"))
        post = PostDecision.objects.select_for_update().get(pk=decision.pk)
        errors = FieldErrors()
        outcome = validation.choice(
            errors, "outcome", outcome, Outcome, "Select remove, amend, restrict or refuse"
        )
        if outcome == Outcome.PENDING:
            errors.add("outcome", "Select remove, amend, restrict or refuse")
        corrected = validation.text(
            errors,
            "corrected_text",
            corrected_text,
            required="Enter the corrected text" if outcome == Outcome.AMEND else None,
        )
        reasons_required = {
            Outcome.REFUSE: "Enter the reasons for refusing",
            Outcome.RESTRICT: "Enter why the post is restricted rather than removed",
        }.get(outcome)
        reasons = validation.text(errors, "reasons", reasons, required=reasons_required)
        errors.raise_if_any()
        fields = ("outcome", "corrected_text", "reasons", "decided_at")
        before = _snapshot(post, ("outcome", "decided_at"))
        post.outcome = outcome
        post.corrected_text = corrected if outcome == Outcome.AMEND else ""
        post.reasons = reasons
        post.decided_by = actor
        post.decided_at = now
        post.save(update_fields=[*fields, "decided_by", "updated_at"])
        _audit(
            actor=actor,
            action="removal_request.post_decided",
            target=request,
            now=now,
            before={"post": post.pk, **before},
            after={
                "post": post.pk,
                **_snapshot(post, ("outcome", "decided_at")),
                "corrected_text_given": bool(post.corrected_text),
                "reasons_given": bool(post.reasons),
            },
        )
    return post


# --- Extension ------------------------------------------------------------------------------------


def _letter_of(request: RemovalRequest, letter: Any, kinds: tuple[str, ...]) -> Letter | None:
    """The sent letter ``letter`` (a Letter or its id) of this case and of one of ``kinds``,
    else None."""
    pk = letter.pk if isinstance(letter, Letter) else letter
    if isinstance(pk, bool):
        return None
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Letter.objects.filter(request=request, kind__in=kinds, pk=pk).first()


def removal_request_extend(
    *,
    actor: User,
    removal_request: RemovalRequest,
    reasons: str,
    letter: Letter | int | None = None,
    letter_body: str = "",
    now: dt.datetime | None = None,
) -> RemovalRequest:
    """Extend the statutory deadline by two months for complexity or the number of requests
    (rule 4), recording the reasons and the extension notice sent to the requester: either
    ``letter``, an extension notice already sent from the case (its sent date is the notice
    date), or ``letter_body``, the text of the notice, which is sent now with the extension
    (kept with the case as a PDF, like any letter). One of the two is required.

    Refused when already extended, when the notice went after the unextended raw deadline,
    and for a Part 3 request received before 5 February 2026."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = _lock(removal_request)
        new = _check_state(request, flow.EXTEND, _closed_message(request, "extending the deadline"))
        if request.extended:
            raise ExtensionRefusedError(
                f"{request.reference} has already been extended: a deadline can be extended "
                "only once."
            )
        errors = FieldErrors()
        reasons = validation.text(
            errors, "reasons", reasons, required="Enter the reasons for the extension"
        )
        body = str(letter_body or "").strip()
        notice: Letter | None = None
        if letter not in (None, "") and body:
            errors.add(
                "letter", "Either choose the extension notice already sent, or write one: not both"
            )
        elif letter not in (None, ""):
            notice = _letter_of(request, letter, (LetterKind.EXTENSION,))
            if notice is None:
                errors.add("letter", "Choose an extension notice sent on this request")
        elif not body:
            errors.add(
                "letter",
                "Send the extension notice to the requester: write it here, or choose the "
                "notice already sent",
            )
        errors.raise_if_any()
        try:
            clock = selectors.removal_request_clock(request, extended=True)
        except deadlines.ExtensionNotAllowed as exc:
            raise ExtensionRefusedError(
                f"{request.reference} cannot be extended: {exc.message}"
            ) from None
        notice_sent_on = (
            deadlines.london_date(notice.sent_at) if notice else deadlines.london_date(now)
        )
        if clock.extension_notice_by is not None and notice_sent_on > clock.extension_notice_by:
            message = (
                f"{request.reference} cannot be extended: the notice had to be sent by "
                f"{deadlines.long_date(clock.extension_notice_by)}, and it was sent on "
                f"{deadlines.long_date(notice_sent_on)}."
            )
            field = "letter" if letter not in (None, "") else "letter_body"
            raise ExtensionRefusedError(message, errors={field: [message]})
        if notice is None:
            notice = _letter_create(
                actor=actor, request=request, kind=LetterKind.EXTENSION, body=body, now=now
            )
        fields = ("status", "extended", "extension_notice_sent_on")
        before = _snapshot(request, fields)
        request.status = new
        request.extended = True
        request.extension_reasons = reasons
        request.extension_notice_sent_on = notice_sent_on
        request.extension_letter = notice
        request.save(update_fields=[*fields, "extension_reasons", "extension_letter", "updated_at"])
        _audit(
            actor=actor,
            action="removal_request.extended",
            target=request,
            now=now,
            before=before,
            after={
                **_snapshot(request, fields),
                "extension_letter": notice.pk,
                "extended_deadline": _value(clock.extended_deadline),
                "reasons_given": True,
            },
        )
    return request


# --- Carrying out the decisions -------------------------------------------------------------------


def removal_request_actioning_start(
    *, actor: User, removal_request: RemovalRequest, now: dt.datetime | None = None
) -> list[RemovalTask]:
    """Once every post is decided, set the social media team a task for each removal,
    amendment or restriction."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = _lock(removal_request)
        refusal = _refusal("setting tasks")
        refuse_unless_allowed(
            request, workflow=flow.WORKFLOW, action=flow.START_ACTIONING, refusal=refusal
        )
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
        transition(
            request,
            workflow=flow.WORKFLOW,
            action=flow.START_ACTIONING,
            actor=actor,
            audit_action="removal_request.actioning_started",
            now=now,
            refusal=refusal,
            after={"tasks": [t.pk for t in tasks]},
        )
    return tasks


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
        request = _lock(task.decision.request)
        _check_state(request, flow.COMPLETE_TASK, _closed_message(request, "completing a task"))
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
        _audit(
            actor=actor,
            action="removal_request.task_completed",
            target=request,
            now=now,
            after={"task": task.pk, "post": task.decision_id, "carried_out_at": _value(when)},
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
        request = _lock(task.decision.request)
        _check_state(request, flow.COMPLETE_TASK, _closed_message(request, "completing a task"))
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
        _audit(
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
                "carried_out_at": _value(removal.at),
                "carried_out_by": who,
            },
        )
    return task


# --- Response and closure -------------------------------------------------------------------------


#: The letters that answer the requester (the response step).
RESPONSE_LETTERS = (LetterKind.OUTCOME, LetterKind.REFUSAL)


def removal_request_respond(
    *,
    actor: User,
    removal_request: RemovalRequest,
    letter: Letter | int | None = None,
    letter_kind: str = "",
    letter_body: str = "",
    summary: str = "",
    now: dt.datetime | None = None,
) -> RemovalRequest:
    """Record the answer to the requester: after every task is done, or, when every post was
    refused, straight after the decisions. The answer is a letter: ``letter``, an outcome or
    refusal letter already sent from the case, or ``letter_kind`` (``outcome`` or
    ``refusal``) and ``letter_body``, a letter sent now. The response time is the letter's
    sent time; ``summary`` is an optional note for the file."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = _lock(removal_request)
        new = _check_state(request, flow.RESPOND, _closed_message(request, "responding"))
        posts = list(request.posts.all())
        if request.status == flow.CONSIDERING:
            if not posts or any(p.outcome == Outcome.PENDING for p in posts):
                raise InvalidInputError("Decide every post before responding")
            if any(p.outcome in ACTIONED_OUTCOMES for p in posts):
                raise InvalidInputError(
                    "Some posts are to be removed, amended or restricted: set the tasks first"
                )
        elif RemovalTask.objects.filter(
            decision__request=request, carried_out_at__isnull=True
        ).exists():
            raise InvalidInputError("Record every task as done before responding")
        errors = FieldErrors()
        summary = validation.text(errors, "summary", summary, required=None)
        body = str(letter_body or "").strip()
        answer: Letter | None = None
        if letter not in (None, "") and (body or letter_kind):
            errors.add("letter", "Either choose the letter already sent, or write one: not both")
        elif letter not in (None, ""):
            answer = _letter_of(request, letter, RESPONSE_LETTERS)
            if answer is None:
                errors.add("letter", "Choose an outcome or refusal letter sent on this request")
            else:
                decided = [p.decided_at for p in posts if p.decided_at is not None]
                if decided and answer.sent_at < max(decided):
                    errors.add(
                        "letter",
                        "That letter was sent before the last decision: send the letter that "
                        "gives the decisions",
                    )
        elif not body:
            errors.add(
                "letter",
                "Send the outcome or refusal letter: write it here, or choose the letter "
                "already sent",
            )
        elif letter_kind not in RESPONSE_LETTERS:
            errors.add("letter_kind", "Choose an outcome or a refusal letter")
        errors.raise_if_any()
        if answer is None:
            answer = _letter_create(
                actor=actor, request=request, kind=letter_kind, body=body, now=now
            )
        before = _snapshot(request, ("status", "responded_at"))
        request.status = new
        request.responded_at = answer.sent_at
        request.response_summary = summary
        request.response_letter = answer
        request.save(
            update_fields=[
                "status",
                "responded_at",
                "response_summary",
                "response_letter",
                "updated_at",
            ]
        )
        _audit(
            actor=actor,
            action="removal_request.responded",
            target=request,
            now=now,
            before=before,
            after={
                **_snapshot(request, ("status", "responded_at")),
                "response_letter": answer.pk,
                "letter_kind": answer.kind,
            },
        )
    return request


def removal_request_close(
    *, actor: User, removal_request: RemovalRequest, now: dt.datetime | None = None
) -> RemovalRequest:
    """Close a request once the requester has been answered."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = _lock(removal_request)
        new = _check_state(request, flow.CLOSE, _closed_message(request, "closing"))
        before = _snapshot(request, ("status", "closed_at"))
        request.status = new
        request.closed_at = now
        request.save(update_fields=["status", "closed_at", "updated_at"])
        _audit(
            actor=actor,
            action="removal_request.closed",
            target=request,
            now=now,
            before=before,
            after=_snapshot(request, ("status", "closed_at")),
        )
    return request


# --- The daily digest -----------------------------------------------------------------------------


def removal_request_digest_send(
    *, today: dt.date, now: dt.datetime | None = None, extra_holidays: Iterable[Any] | None = None
) -> DigestRun | None:
    """E-mail information security what is due within 3 working days or overdue on ``today``
    (a Europe/London date), once per day: returns None, sending nothing, when the digest for
    ``today`` was already sent. The system acts, so there is no actor. The e-mail names
    requests by number and gives no requester's details."""
    now = aware_now(now)
    extra_holidays = selectors.extra_holidays_or_default(extra_holidays)
    with transaction.atomic():
        if DigestRun.objects.select_for_update().filter(for_date=today).exists():
            return None
        queue = [
            selectors.removal_request_due(r, today=today, extra_holidays=extra_holidays)
            for r in RemovalRequest.objects.filter(status__in=flow.OPEN_STATES)
        ]
        due = sorted(
            (d for d in queue if d.overdue or d.due_soon or d.clock is None),
            key=lambda d: (d.deadline is None, d.deadline or dt.date.max, d.request.pk),
        )
        try:
            with transaction.atomic():
                run = DigestRun.objects.create(for_date=today, sent_at=now, request_count=len(due))
        except IntegrityError:
            return None  # another run recorded it first
        audit_record(
            actor=None,
            actor_text="Bluelamp (daily digest)",
            action="removal_request.digest_sent",
            target=run,
            after={"for_date": today.isoformat(), "requests": [d.request.pk for d in due]},
            now=now,
        )
        recipients = mail.role_addresses(Role.INFOSEC)
        if due and recipients:
            lines = [
                f"{d.request.reference} ({d.request.get_status_display().lower()}): {d.text}"
                + (f", deadline {deadlines.long_date(d.deadline)}" if d.deadline else "")
                for d in due
            ]
            body = (
                f"Removal and correction requests due within 3 working days or overdue on "
                f"{deadlines.long_date(today)}:\n\n" + "\n".join(lines) + "\n\nSign in to "
                "Bluelamp to see the requests."
            )
            subject = f"{len(due)} removal request{'s' if len(due) != 1 else ''} due"
            mail.notify(subject=subject, body=body, to=recipients, footer=False)
    return run


# --- Retention ------------------------------------------------------------------------------------

#: The requester's personal data, deleted at the end of the retention period.
REQUESTER_FIELDS = ("requester_name", "requester_contact", "request_text", "response_summary")
DELETED = "[deleted]"


def removal_request_retention_purge(
    *, now: dt.datetime | None = None, retention_years: int
) -> list[int]:
    """Delete the requester's details from every request closed at least ``retention_years``
    ago (the policy pack's ``requester_retention_years``, default 6), keeping the record of
    the case itself; each deletion is audited. The system acts, so there is no actor.
    Returns the ids of the requests purged; running it again purges nothing more."""
    now = aware_now(now)
    if retention_years <= 0:
        raise ValueError("retention_years must be positive")
    today = deadlines.london_date(now)
    purged: list[int] = []
    candidates = RemovalRequest.objects.filter(
        status=flow.CLOSED, closed_at__isnull=False, requester_deleted_at__isnull=True
    ).values_list("pk", "closed_at")
    for pk, closed_at in candidates:
        due = deadlines.add_months(deadlines.london_date(closed_at), 12 * retention_years)
        if due > today:
            continue
        with transaction.atomic():
            request = RemovalRequest.objects.select_for_update().get(pk=pk)
            if request.requester_deleted_at is not None:
                continue
            request.requester_name = DELETED
            request.requester_contact = ""
            request.request_text = ""
            request.response_summary = ""
            request.requester_deleted_at = now
            request.save(update_fields=[*REQUESTER_FIELDS, "requester_deleted_at", "updated_at"])
            # The letters name and address the requester: their text and PDF go too (the
            # record that each letter was sent, and when, stays).
            letters_blanked = Letter.objects.filter(request=request).update(body="", pdf=b"")
            audit_record(
                actor=None,
                actor_text="Bluelamp (retention job)",
                action="removal_request.requester_deleted",
                target=request,
                after={
                    "fields": list(REQUESTER_FIELDS),
                    "closed_at": _value(closed_at),
                    "retention_years": retention_years,
                    "letters_blanked": letters_blanked,
                },
                now=now,
            )
        purged.append(pk)
    if purged:
        logger.info("retention: requester details deleted from %d request(s)", len(purged))
    return purged


# --- Letters --------------------------------------------------------------------------------------


def _letter_clocks(
    request: RemovalRequest,
) -> tuple[deadlines.Clock | None, deadlines.Clock | None, str]:
    """The case's clock, the clock as extended (None where not allowed) and why not."""
    try:
        clock = selectors.removal_request_clock(request)
    except deadlines.DeadlineError:
        clock = None
    try:
        extended = selectors.removal_request_clock(request, extended=True)
    except deadlines.DeadlineError as exc:
        return clock, None, getattr(exc, "message", str(exc))
    return clock, extended, ""


def _letter_checks(request: RemovalRequest, kind: str, reasons_withheld: bool) -> None:
    if kind not in LetterKind.values:
        raise InvalidInputError(
            "Choose a kind of letter", errors={"kind": ["Choose a kind of letter"]}
        )
    if request.status == flow.CLOSED or request.requester_deleted_at is not None:
        raise LetterRefusedError(f"{request.reference} is closed: no more letters can be sent.")
    if reasons_withheld and (kind != LetterKind.REFUSAL or request.regime != Regime.PART3):
        raise InvalidInputError(
            "Reasons may be withheld only in a refusal of a Part 3 request",
            errors={"reasons_withheld": ["Reasons may be withheld only for a Part 3 request"]},
        )


def letter_draft(
    *,
    actor: User,
    removal_request: RemovalRequest,
    kind: str,
    reasons_withheld: bool = False,
    extension_reasons: str = "",
    now: dt.datetime | None = None,
) -> str:
    """The drafted text of a letter of ``kind``, filled from the case and its clock, dated
    today, from the force named in the policy pack, for the officer to edit before sending.
    ``extension_reasons`` fills an extension notice drafted before the extension is recorded.
    Changes nothing."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    _letter_checks(removal_request, kind, reasons_withheld)
    clock, extended, _ = _letter_clocks(removal_request)
    return letters.draft(
        kind=kind,
        request=removal_request,
        on=deadlines.london_date(now),
        clock=clock,
        extended_clock=extended,
        reasons_withheld=reasons_withheld,
        letterhead=policy.letterhead(),
        extension_reasons=extension_reasons,
    )


def _letter_create(
    *,
    actor: User,
    request: RemovalRequest,
    kind: str,
    body: str,
    reasons_withheld: bool = False,
    now: dt.datetime,
) -> Letter:
    """Check and send a letter on a request already locked in the caller's transaction: keep
    its text and PDF with the case and audit it (its number and kind, never its text)."""
    _letter_checks(request, kind, reasons_withheld)
    today = deadlines.london_date(now)
    body = str(body or "").replace("\r\n", "\n").strip()
    if len(body) > 20000:
        raise InvalidInputError(
            "The letter is too long", errors={"body": [validation.too_long(20000)]}
        )
    if kind == LetterKind.EXTENSION:
        if request.extended:
            raise LetterRefusedError(
                f"{request.reference} has already been extended: a deadline can be extended "
                "only once, so no second extension notice can be sent."
            )
        _, extended, why_not = _letter_clocks(request)
        if extended is None:
            raise LetterRefusedError(
                f"{request.reference} cannot be extended, so no extension notice can be "
                f"sent: {why_not}"
            )
        if extended.extension_notice_by is not None and today > extended.extension_notice_by:
            raise LetterRefusedError(
                f"The extension notice for {request.reference} had to be sent by "
                f"{deadlines.long_date(extended.extension_notice_by)}; it is now too late "
                "to extend the deadline."
            )
    missing = letters.missing_content(
        kind=kind, body=body, request=request, on=today, reasons_withheld=reasons_withheld
    )
    if missing:
        message = "The letter cannot be sent without " + "; ".join(missing)
        raise InvalidInputError(message, errors={"body": [message]})
    title = f"{request.reference} {LetterKind(kind).label}"
    letter = Letter.objects.create(
        request=request,
        kind=kind,
        body=body,
        pdf=pdf.text_to_pdf(body, title=title),
        reasons_withheld=reasons_withheld,
        sent_at=now,
        sent_by=actor,
    )
    _audit(
        actor=actor,
        action="removal_request.letter_sent",
        target=request,
        now=now,
        after={
            "letter_id": letter.pk,
            "kind": kind,
            "reasons_withheld": reasons_withheld,
            "pdf_sha256": hashlib.sha256(bytes(letter.pdf)).hexdigest(),
        },
    )
    return letter


def letter_send(
    *,
    actor: User,
    removal_request: RemovalRequest,
    kind: str,
    body: str,
    reasons_withheld: bool = False,
    now: dt.datetime | None = None,
) -> Letter:
    """Send a letter: keep its text as sent and its PDF with the case, and audit it (the
    letter's number and kind, never its text).

    Refused when the text lacks what the letter must say (``letters.missing_content``: for a
    refusal, the reasons or the restriction statement, the Commissioner, the judicial remedy
    and the Part 3 and force-complaint rights; for any letter, an unfilled placeholder), when
    an extension notice is later than the unextended raw deadline, an extension is not
    allowed or the request is already extended, and when the case is closed.

    Sending a letter does not move the case on: the extension step
    (``removal_request_extend``) and the response step (``removal_request_respond``) each
    name the letter they rest on."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = _lock(removal_request)
        return _letter_create(
            actor=actor,
            request=request,
            kind=kind,
            body=body,
            reasons_withheld=reasons_withheld,
            now=now,
        )

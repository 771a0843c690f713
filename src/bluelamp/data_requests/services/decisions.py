"""The decisions on a request: each post (4.29, 4.30), the extension of the deadline (rule 4),
the answer to the requester and the closure."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError
from bluelamp.core.models import User
from bluelamp.data_requests import permissions, selectors
from bluelamp.data_requests.choices import (
    ACTIONED_OUTCOMES,
    LetterKind,
    Outcome,
)
from bluelamp.data_requests.errors import ExtensionRefusedError
from bluelamp.data_requests.models import (
    Letter,
    PostDecision,
    RemovalRequest,
    RemovalTask,
)
from bluelamp.data_requests.services.common import (
    audit,
    lock,
    move,
    plain,
    require_state,
    simple_step,
    snapshot,
)
from bluelamp.data_requests.services.letters import RESPONSE_LETTERS, letter_create, sent_letter_of
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow


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
        request = lock(decision.request)
        require_state(request, flow.DECIDE_POST)
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
        before = snapshot(post, ("outcome", "decided_at"))
        post.outcome = outcome
        post.corrected_text = corrected if outcome == Outcome.AMEND else ""
        post.reasons = reasons
        post.decided_by = actor
        post.decided_at = now
        post.save(update_fields=[*fields, "decided_by", "updated_at"])
        audit(
            actor=actor,
            action="removal_request.post_decided",
            target=request,
            now=now,
            before={"post": post.pk, **before},
            after={
                "post": post.pk,
                **snapshot(post, ("outcome", "decided_at")),
                "corrected_text_given": bool(post.corrected_text),
                "reasons_given": bool(post.reasons),
            },
        )
    return post


# --- Extension ------------------------------------------------------------------------------------


def already_extended(request: RemovalRequest) -> ExtensionRefusedError:
    """The refusal (409) of a second extension: a deadline can be extended only once."""
    return ExtensionRefusedError(
        f"{request.reference} has already been extended: a deadline can be extended only once."
    )


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
        request = lock(removal_request)
        require_state(request, flow.EXTEND)
        if request.extended:
            raise already_extended(request)
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
            notice = sent_letter_of(request, letter, (LetterKind.EXTENSION,))
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
            notice = letter_create(
                actor=actor, request=request, kind=LetterKind.EXTENSION, body=body, now=now
            )
        move(
            request,
            flow.EXTEND,
            actor=actor,
            now=now,
            audit_action="removal_request.extended",
            changes={
                "extended": True,
                "extension_reasons": reasons,
                "extension_notice_sent_on": notice_sent_on,
                "extension_letter": notice,
            },
            before={
                "extended": request.extended,
                "extension_notice_sent_on": plain(request.extension_notice_sent_on),
            },
            after={
                "extended": True,
                "extension_notice_sent_on": plain(notice_sent_on),
                "extension_letter": notice.pk,
                "extended_deadline": plain(clock.extended_deadline),
                "reasons_given": True,
            },
        )
    return request


# --- Response and closure -------------------------------------------------------------------------


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
        request = lock(removal_request)
        require_state(request, flow.RESPOND)
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
            answer = sent_letter_of(request, letter, RESPONSE_LETTERS)
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
            answer = letter_create(
                actor=actor, request=request, kind=letter_kind, body=body, now=now
            )
        move(
            request,
            flow.RESPOND,
            actor=actor,
            now=now,
            audit_action="removal_request.responded",
            stamp="responded_at",
            at=answer.sent_at,
            changes={"response_summary": summary, "response_letter": answer},
            after={
                "response_letter": answer.pk,
                "letter_kind": answer.kind,
            },
        )
    return request


def removal_request_close(
    *, actor: User, removal_request: RemovalRequest, now: dt.datetime | None = None
) -> RemovalRequest:
    """Close a request once the requester has been answered."""
    return simple_step(
        removal_request,
        flow.CLOSE,
        actor=actor,
        now=now,
        audit_action="removal_request.closed",
        stamp="closed_at",
    )

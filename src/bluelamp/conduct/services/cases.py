"""Every write to a conduct case (CC/01 4.5, 6.2, 6.13, 6.15, 6.16): the report, CCD's
assessment, the referral to Professional Standards, the request to the member of staff to
remove content, their proof, the escalation when the deadline passes, and the closure.

Each service is keyword-only, takes the acting user and the time, and in one transaction
checks who may (``rules``; 404 for those who may not see the case), that the state allows it
(the engine's table, ``engine.workflows.conduct_cases``) and the input, saves with
``update_fields`` and writes the audit event (``core.transitions.transition``). E-mails go
after commit (``core.mail``) and name the case by its reference only: never the reporter, the
evidence or the assessment."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.urls import reverse

from bluelamp.audit.services import audit_record
from bluelamp.conduct import rules
from bluelamp.conduct.choices import CaseStatus, ContentKind, Outcome, Seriousness, Team
from bluelamp.conduct.models import ConductCase
from bluelamp.conduct.services.common import (
    check,
    clause_ids,
    link_of,
    lock,
    page_link,
    plain,
    screenshot_of,
    team_addresses,
)
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError, InvalidTransitionError
from bluelamp.core.mail import addresses, notify
from bluelamp.core.models import User
from bluelamp.core.transitions import transition
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import conduct_cases as flow

logger = logging.getLogger(__name__)

DOING = {
    flow.ASSESS: "assessing it",
    flow.REFER: "referring it",
    flow.REQUEST_REMOVAL: "asking for removal",
    flow.PROVE_REMOVAL: "giving proof of removal",
    flow.ESCALATE: "escalating it",
    flow.CLOSE: "closing it",
}


def refuse_state(case: ConductCase, action: str) -> InvalidTransitionError:
    """The refusal (409) when the case's state does not allow ``action``."""
    label = CaseStatus(case.status).label.lower()
    return InvalidTransitionError(
        f"{case.reference} is {label}: {DOING[action]} cannot be done now.",
        state=case.status,
        action=action,
    )


def _move(
    case: ConductCase,
    action: str,
    *,
    actor: Any,
    now: dt.datetime,
    audit_action: str,
    changes: dict[str, Any],
    after: dict[str, Any] | None = None,
) -> ConductCase:
    return transition(
        case,
        workflow=flow.WORKFLOW,
        action=action,
        actor=actor,
        audit_action=audit_action,
        now=now,
        refusal=refuse_state,
        changes=changes,
        before={"team": case.team},
        after={"team": changes.get("team", case.team), **(after or {})},
    )


def _case_link(case: ConductCase) -> str:
    return page_link(reverse("conduct:case", args=[case.pk]))


def conduct_case_report(
    *,
    actor: User,
    content_kind: str,
    what_is_wrong: str,
    clause: str,
    link: str = "",
    subject_text: str = "",
    screenshot: bytes | None = None,
    screenshot_name: str = "",
    now: dt.datetime | None = None,
) -> ConductCase:
    """Report a possible breach (anyone signed in): what it is, the link or a screenshot (or
    both), what is wrong and the clause. CCD is told that a case exists, not what is in it."""
    now = aware_now(now)
    errors = FieldErrors()
    kind = validation.choice(
        errors, "content_kind", content_kind, ContentKind, "Select what you are reporting"
    )
    wrong = validation.text(
        errors, "what_is_wrong", what_is_wrong, required="Enter what is wrong with it"
    )
    if clause not in clause_ids():
        errors.add("clause", "Select the clause of the policy it may breach")
    url = link_of(errors, "link", link)
    who = validation.text(errors, "subject_text", subject_text, required=None, max_length=200)
    try:
        image, image_type = screenshot_of(screenshot, screenshot_name)
    except InvalidInputError as error:
        for field, messages in error.fields["errors"].items():
            for message in messages:
                errors.add(field, message)
        image, image_type = b"", ""
    if not url and not image and "link" not in errors.errors and "screenshot" not in errors.errors:
        errors.add("link", "Enter the link to it, or upload a screenshot")
    errors.raise_if_any()
    if actor is None or not actor.is_authenticated:
        raise InvalidInputError("Sign in to report a possible breach.")
    with transaction.atomic():
        case = ConductCase.objects.create(
            reported_by=actor,
            reported_at=now,
            content_kind=kind,
            link=url,
            what_is_wrong=wrong,
            clause=clause,
            subject_text=who,
            screenshot=image,
            screenshot_type=image_type,
            status=flow.WORKFLOW.initial,
            team=Team.CCD,
        )
        # The reporter is the event's actor (the trail says who did what); the event holds
        # no content, and the member of staff concerned never reads the trail.
        audit_record(
            actor=actor,
            action="conduct_case.reported",
            target=case,
            after={"status": case.status, "team": case.team},
            now=now,
        )
        notify(
            link=reverse("conduct:case", args=[case.pk]),
            subject=f"Possible breach of the social media policy reported: {case.reference}",
            body=f"{case.reference} has been reported and waits for CCD's assessment: "
            f"{_case_link(case)}",
            to=team_addresses(Team.CCD),
        )
    return case


def _subject(errors: FieldErrors, username: Any, *, required: str | None) -> User | None:
    name = str(username or "").strip()
    if not name:
        if required:
            errors.add("subject", required)
        return None
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        errors.add("subject", f"There is no active user called {name}")
    return user


def conduct_case_assess(
    *,
    conduct_case: ConductCase,
    actor: User,
    seriousness: str,
    assessment: str,
    subject: str = "",
    now: dt.datetime | None = None,
) -> ConductCase:
    """CCD's assessment: how serious it is, why, and (when known) the member of staff concerned
    by their username."""
    now = aware_now(now)
    errors = FieldErrors()
    level = validation.choice(
        errors, "seriousness", seriousness, Seriousness, "Select how serious it is"
    )
    words = validation.text(errors, "assessment", assessment, required="Enter your assessment")
    person = _subject(errors, subject, required=None)
    if person is not None and person.pk == getattr(actor, "pk", None):
        errors.add("subject", "You cannot assess a case about yourself")
    errors.raise_if_any()
    with transaction.atomic():
        case = lock(conduct_case)
        check(actor, case, rules.ccd_while_held)
        changes: dict[str, Any] = {
            "seriousness": level,
            "assessment": words,
            "assessed_by": actor,
            "assessed_at": now,
        }
        if person is not None:
            changes["subject"] = person
        return _move(
            case,
            flow.ASSESS,
            actor=actor,
            now=now,
            audit_action="conduct_case.assessed",
            changes=changes,
            after={"assessed_at": plain(now)},
        )


def conduct_case_refer(
    *, conduct_case: ConductCase, actor: User, reason: str, now: dt.datetime | None = None
) -> ConductCase:
    """Refer a serious case to Professional Standards (4.5): from now on PSD alone hold it, and
    CCD no longer see it."""
    now = aware_now(now)
    errors = FieldErrors()
    words = validation.text(errors, "reason", reason, required="Enter why it goes to PSD")
    errors.raise_if_any()
    with transaction.atomic():
        case = lock(conduct_case)
        check(actor, case, rules.ccd_while_held)
        case = _move(
            case,
            flow.REFER,
            actor=actor,
            now=now,
            audit_action="conduct_case.referred",
            changes={"team": Team.PSD, "referral_reason": words, "referred_at": now},
            after={"referred_at": plain(now)},
        )
        notify(
            link=reverse("conduct:case", args=[case.pk]),
            subject=f"Conduct case referred to Professional Standards: {case.reference}",
            body=f"CCD has referred {case.reference} to Professional Standards: {_case_link(case)}",
            to=team_addresses(Team.PSD),
        )
    return case


def conduct_case_removal_request(
    *,
    conduct_case: ConductCase,
    actor: User,
    what: str,
    deadline: dt.date | None,
    subject: str = "",
    now: dt.datetime | None = None,
) -> ConductCase:
    """Ask the member of staff to remove the content by ``deadline`` (6.16). They are told what
    to remove and by when; not who reported it. ``subject`` (a username) names them when the
    assessment did not."""
    now = aware_now(now)
    errors = FieldErrors()
    words = validation.text(errors, "what", what, required="Enter what they must remove")
    person = _subject(errors, subject, required=None)
    today = deadlines.london_date(now)
    if deadline is None:
        errors.add("deadline", "Enter the date by which it must be removed")
    elif deadline < today:
        errors.add("deadline", "The deadline cannot be in the past")
    errors.raise_if_any()
    with transaction.atomic():
        case = lock(conduct_case)
        check(actor, case, rules.holding_team)
        person = person or case.subject
        if person is None:
            message = "Enter the username of the member of staff who must remove it"
            raise InvalidInputError(message, errors={"subject": [message]})
        if person.pk == actor.pk:
            message = "You cannot ask yourself to remove content in a case you handle"
            raise InvalidInputError(message, errors={"subject": [message]})
        case = _move(
            case,
            flow.REQUEST_REMOVAL,
            actor=actor,
            now=now,
            audit_action="conduct_case.removal_requested",
            changes={
                "subject": person,
                "removal_what": words,
                "removal_deadline": deadline,
                "removal_requested_at": now,
            },
            after={"removal_deadline": plain(deadline)},
        )
        notify(
            link=reverse("conduct:case", args=[case.pk]),
            subject=f"Please remove content you posted, by {deadline:%d %B %Y}",
            body="You are asked to remove content you posted, under the force's social media "
            f"policy (CC/01 6.16), by {deadline:%d %B %Y}, and to give proof that it is gone: "
            f"{page_link(reverse('conduct:removal', args=[case.pk]))}",
            to=addresses(person),
        )
    return case


def conduct_case_removal_prove(
    *,
    conduct_case: ConductCase,
    actor: User,
    statement: str,
    link: str = "",
    screenshot: bytes | None = None,
    screenshot_name: str = "",
    now: dt.datetime | None = None,
) -> ConductCase:
    """The member of staff's proof that the content is gone: their statement, and the link
    (which now shows nothing) or a screenshot."""
    now = aware_now(now)
    errors = FieldErrors()
    words = validation.text(
        errors, "statement", statement, required="Enter your statement of what you removed"
    )
    url = link_of(errors, "link", link)
    try:
        image, image_type = screenshot_of(screenshot, screenshot_name)
    except InvalidInputError as error:
        for field, messages in error.fields["errors"].items():
            for message in messages:
                errors.add(field, message)
        image, image_type = b"", ""
    if not url and not image and "link" not in errors.errors and "screenshot" not in errors.errors:
        errors.add("link", "Enter the link where it was, or upload a screenshot showing it gone")
    errors.raise_if_any()
    with transaction.atomic():
        case = lock(conduct_case)
        check(actor, case, rules.the_subject)
        case = _move(
            case,
            flow.PROVE_REMOVAL,
            actor=actor,
            now=now,
            audit_action="conduct_case.removal_proved",
            changes={
                "removal_statement": words,
                "removal_proof_link": url,
                "removal_proof_screenshot": image,
                "removal_proof_screenshot_type": image_type,
                "removal_done_at": now,
            },
            after={"removal_done_at": plain(now)},
        )
        notify(
            link=reverse("conduct:case", args=[case.pk]),
            subject=f"Proof of removal given: {case.reference}",
            body=f"The member of staff has given proof of removal for {case.reference}: "
            f"{_case_link(case)}",
            to=team_addresses(case.team),
        )
    return case


def removal_overdue(case: ConductCase, now: dt.datetime | None = None) -> bool:
    """True when the deadline for removal has passed (the day after it, Europe/London)."""
    if case.removal_deadline is None:
        return False
    return deadlines.london_date(aware_now(now)) > case.removal_deadline


def conduct_case_escalate(
    *, conduct_case: ConductCase, actor: User | None, now: dt.datetime | None = None
) -> ConductCase:
    """Escalate a removal request whose deadline has passed without proof: the team holding the
    case is told. ``actor`` None is the worker's daily sweep."""
    now = aware_now(now)
    with transaction.atomic():
        case = lock(conduct_case)
        if actor is not None:
            check(actor, case, rules.holding_team)
        if flow.allowed(case.status, flow.ESCALATE) and not removal_overdue(case, now):
            raise InvalidTransitionError(
                f"{case.reference} is not overdue: the deadline is "
                f"{case.removal_deadline:%d %B %Y}.",
                state=case.status,
                action=flow.ESCALATE,
            )
        case = transition(
            case,
            workflow=flow.WORKFLOW,
            action=flow.ESCALATE,
            actor=actor,
            audit_action="conduct_case.escalated",
            now=now,
            refusal=refuse_state,
            changes={"escalated_at": now},
            after={"removal_deadline": plain(case.removal_deadline), "team": case.team},
        )
        notify(
            link=reverse("conduct:case", args=[case.pk]),
            subject=f"Removal overdue: {case.reference}",
            body=f"The deadline for removal in {case.reference} has passed without proof of "
            f"removal: {_case_link(case)}",
            to=team_addresses(case.team),
        )
    return case


def conduct_cases_escalate_overdue(*, now: dt.datetime | None = None) -> list[int]:
    """Escalate every case waiting for removal past its deadline (the worker, once a day)."""
    now = aware_now(now)
    today = deadlines.london_date(now)
    due = ConductCase.objects.filter(
        status=flow.AWAITING_REMOVAL, removal_deadline__lt=today
    ).values_list("pk", flat=True)
    done = []
    for pk in due:
        try:
            conduct_case_escalate(conduct_case=ConductCase(pk=pk), actor=None, now=now)
        except InvalidTransitionError:
            continue  # moved on since it was listed
        done.append(pk)
    if done:
        logger.info("conduct: %d overdue removal request(s) escalated", len(done))
    return done


def conduct_case_close(
    *,
    conduct_case: ConductCase,
    actor: User,
    outcome: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> ConductCase:
    """Record the outcome and close the case (the team holding it)."""
    now = aware_now(now)
    errors = FieldErrors()
    result = validation.choice(errors, "outcome", outcome, Outcome, "Select the outcome")
    words = validation.text(
        errors,
        "note",
        note,
        required="Enter a note on the outcome" if result == Outcome.OTHER else None,
    )
    errors.raise_if_any()
    with transaction.atomic():
        case = lock(conduct_case)
        check(actor, case, rules.holding_team)
        return _move(
            case,
            flow.CLOSE,
            actor=actor,
            now=now,
            audit_action="conduct_case.closed",
            changes={
                "outcome": result,
                "outcome_note": words,
                "closed_at": now,
                "closed_by": actor,
            },
            after={"closed_at": plain(now)},
        )

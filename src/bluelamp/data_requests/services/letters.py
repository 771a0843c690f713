"""The letters to the requester: drafted from the case, checked for what they must say, kept
as sent with their PDF (issue 5 point 4; spec/deadlines.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction

from bluelamp.core import pdf, validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import InvalidInputError
from bluelamp.core.models import User
from bluelamp.data_requests import letters, permissions, policy, selectors
from bluelamp.data_requests.choices import (
    LetterKind,
    Regime,
)
from bluelamp.data_requests.errors import LetterRefusedError
from bluelamp.data_requests.models import (
    Letter,
    RemovalRequest,
)
from bluelamp.data_requests.services.common import (
    audit,
    lock,
)
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow


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


def letter_create(
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
    audit(
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
        request = lock(removal_request)
        return letter_create(
            actor=actor,
            request=request,
            kind=kind,
            body=body,
            reasons_withheld=reasons_withheld,
            now=now,
        )


#: The letters that answer the requester (the response step).
RESPONSE_LETTERS = (LetterKind.OUTCOME, LetterKind.REFUSAL)


def sent_letter_of(request: RemovalRequest, letter: Any, kinds: tuple[str, ...]) -> Letter | None:
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

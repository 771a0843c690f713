"""The letters to the requester: drafting them from the case, and the content a letter must
have before it can be sent (spec/deadlines.md, "What a refusal must say").

``draft(...)`` fills a plain-English template from the case: the requester's name and
address, and the dates from the case's statutory clock. The officer edits the draft; then
``missing_content(...)`` says what the edited text lacks. It is pure: the caller passes the
case, the letter's date and (for drafting) the clock.

A refusal must contain, as the phrases below (case and line breaks do not matter):

- the reasons, after "Our reasons:" (or, for a Part 3 request where the reasons are withheld,
  the statement "your rights are restricted");
- the right to complain to the Information Commissioner ("complain to the Information
  Commissioner");
- the right to seek a judicial remedy ("judicial remedy");
- for Part 3, the right to ask the Commissioner to check the decision ("ask the Information
  Commissioner to check");
- from 19 June 2026, the right to complain to the force ("complain to us"), which must
  acknowledge the complaint within 30 days ("within 30 days").

Any letter still holding a placeholder in square brackets ("[Write the reasons here]") cannot be
sent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bluelamp.data_requests.choices import LetterKind, Outcome, Regime
from bluelamp.data_requests.models import RemovalRequest
from bluelamp.engine import deadlines
from bluelamp.engine.deadlines import long_date

#: From this date the requester may complain to the force itself (Data (Use and Access) Act
#: 2025), and the force must acknowledge the complaint within 30 days.
FORCE_COMPLAINTS_FROM = dt.date(2026, 6, 19)

SENDER = "Information Security & Assurance"
ICO_CONTACT = (
    "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF, "
    "telephone 0303 123 1113, ico.org.uk/make-a-complaint"
)


@dataclass(frozen=True)
class Letterhead:
    """Who the letters come from: the force (the policy pack's ``[pack] force``), the
    department that signs them and how to reach the Information Commissioner (the pack's
    ``[data_requests] letter_sender`` and ``ico_contact``; ``policy.letterhead()``)."""

    force: str = ""
    sender: str = SENDER
    ico_contact: str = ICO_CONTACT


REASONS_HEADING = "Our reasons:"
RESTRICTED_STATEMENT = "your rights are restricted"
EXTENSION_REASONS_PLACEHOLDER = "[Write the reasons for the extension]"
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{3,}\]")


@dataclass(frozen=True)
class Element:
    """One thing a refusal must say, and the phrases that show it does."""

    key: str
    label: str
    phrases: tuple[str, ...]


ICO_COMPLAINT = Element(
    "ico_complaint",
    "the right to complain to the Information Commissioner",
    ("complain to the information commissioner",),
)
JUDICIAL_REMEDY = Element(
    "judicial_remedy", "the right to seek a judicial remedy", ("judicial remedy",)
)
ICO_CHECK = Element(
    "ico_check",
    "the right to ask the Information Commissioner to check the decision (Part 3)",
    ("ask the information commissioner to check",),
)
FORCE_COMPLAINT = Element(
    "force_complaint",
    "the right to complain to the force, which must acknowledge the complaint within 30 days",
    ("complain to us", "within 30 days"),
)
REASONS_LABEL = "the reasons for the refusal (after “Our reasons:”)"
REASONS_OR_RESTRICTED_LABEL = (
    "the reasons for the refusal (after “Our reasons:”), or the statement that "
    f"“{RESTRICTED_STATEMENT}”"
)


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()


def is_part3(request: RemovalRequest) -> bool:
    """Part 3 rules apply to a Part 3 request, and (to be safe) where the regime is unknown."""
    return request.regime in (Regime.PART3, Regime.UNKNOWN)


def _has_reasons(text: str) -> bool:
    """True when "Our reasons:" is followed by at least a few words of reasons."""
    match = re.search(re.escape(REASONS_HEADING), text, flags=re.IGNORECASE)
    if not match:
        return False
    paragraph = re.split(r"\n\s*\n", text[match.end() :].lstrip(" \t\r\n"), maxsplit=1)[0]
    return len(re.sub(r"\s+", "", PLACEHOLDER.sub("", paragraph))) >= 10


def missing_content(
    *, kind: str, body: str, request: RemovalRequest, on: dt.date, reasons_withheld: bool = False
) -> list[str]:
    """What the letter's text lacks, in words (empty when it may be sent)."""
    missing: list[str] = []
    flat = _flat(body)
    if not flat:
        return ["the text of the letter"]
    refuses = kind == LetterKind.REFUSAL or (
        kind == LetterKind.OUTCOME and request.posts.filter(outcome=Outcome.REFUSE).exists()
    )
    if refuses:
        if reasons_withheld:
            if RESTRICTED_STATEMENT not in flat:
                missing.append(f"the statement that “{RESTRICTED_STATEMENT}”")
        elif not _has_reasons(body):
            missing.append(REASONS_OR_RESTRICTED_LABEL if is_part3(request) else REASONS_LABEL)
        elements = [ICO_COMPLAINT, JUDICIAL_REMEDY]
        if is_part3(request):
            elements.append(ICO_CHECK)
        if on >= FORCE_COMPLAINTS_FROM:
            elements.append(FORCE_COMPLAINT)
        missing.extend(e.label for e in elements if not all(p in flat for p in e.phrases))
    for placeholder in PLACEHOLDER.findall(body):
        missing.append(f"the text in place of “{placeholder}”")
    return missing


# --- Drafting ------------------------------------------------------------------------------------


def _opening(request: RemovalRequest, on: dt.date) -> list[str]:
    address = [line.strip() for line in request.requester_contact.splitlines() if line.strip()]
    return [
        request.requester_name,
        *address,
        "",
        long_date(on),
        "",
        f"Our reference: {request.reference}",
        "",
        f"Dear {request.requester_name},",
        "",
    ]


def _closing(head: Letterhead) -> list[str]:
    return ["", "Yours sincerely,", "", head.sender, *([head.force] if head.force else [])]


def _deadline(clock: deadlines.Clock | None) -> str:
    if clock is None:
        return "[Enter the date we will answer by]"
    return long_date(clock.extended_deadline or clock.deadline)


def _received(request: RemovalRequest) -> str:
    return long_date(deadlines.london_date(request.received_at))


def _post_line(post) -> str:
    where = f"the post on {post.platform} at {post.url}"
    if post.outcome == Outcome.REMOVE:
        return f"- We have removed {where}."
    if post.outcome == Outcome.AMEND:
        return f"- We have corrected {where}. It now reads: “{post.corrected_text}”"
    if post.outcome == Outcome.RESTRICT:
        return (
            f"- We have taken down {where}. Because it is relevant material in a police "
            "investigation, we must keep a copy, but it is marked restricted and is no longer "
            "public."
        )
    if post.outcome == Outcome.REFUSE:
        return f"- We have not removed or changed {where}. Our reasons: {post.reasons}"
    return f"- [Not decided yet: {where}]"


def draft(
    *,
    kind: str,
    request: RemovalRequest,
    on: dt.date,
    clock: deadlines.Clock | None,
    extended_clock: deadlines.Clock | None = None,
    reasons_withheld: bool = False,
    letterhead: Letterhead | None = None,
    extension_reasons: str = "",
) -> str:
    """The letter of ``kind``, dated ``on``, filled from the case and its clock, from the
    force and department ``letterhead`` names. ``extension_reasons`` fills an extension notice
    drafted before the extension is recorded."""
    head = letterhead or Letterhead()
    lines = _opening(request, on)
    if kind == LetterKind.ACKNOWLEDGEMENT:
        lines += [
            f"Thank you for your request, which we received on {_received(request)}, about "
            "personal information on our social media.",
            "",
            "We aim to deal with it within 14 days"
            + (f", by {long_date(clock.target)}" if clock else "")
            + ". The law gives us until "
            + _deadline(clock)
            + " to answer you. If we need more time, we will write to tell you why before then.",
            "",
            f"Please quote our reference, {request.reference}, if you contact us.",
        ]
    elif kind == LetterKind.IDENTITY:
        lines += [
            f"Thank you for your request, which we received on {_received(request)}.",
            "",
            "Before we can act on it, we need to be sure that you are the person the "
            "information is about. Please send us a copy of one document that shows your name "
            "and one that shows your address, such as a passport, driving licence or a recent "
            "utility bill.",
            "",
            "The time we have to answer you starts again on the day we receive these. We will "
            "answer within one month of that day.",
        ]
    elif kind == LetterKind.EXTENSION:
        reasons = (
            request.extension_reasons.strip()
            or extension_reasons.strip()
            or EXTENSION_REASONS_PLACEHOLDER
        )
        new = (
            long_date(extended_clock.extended_deadline)
            if extended_clock and extended_clock.extended_deadline
            else "[Enter the new deadline]"
        )
        lines += [
            f"We are writing about your request, which we received on {_received(request)}.",
            "",
            "We need more time to deal with it properly. The law allows us to extend the time "
            "by two further months where a request is complex or we have received a number of "
            "requests from you.",
            "",
            f"Why we need more time: {reasons}",
            "",
            f"We will now answer you by {new}.",
        ]
    elif kind == LetterKind.OUTCOME:
        posts = list(request.posts.all())
        lines += [
            f"We have finished dealing with your request, which we received on "
            f"{_received(request)}. This is what we have done:",
            "",
            *([_post_line(p) for p in posts] or ["- [Describe what we have done]"]),
        ]
        if any(p.outcome == Outcome.REFUSE for p in posts):
            lines += ["", *_refusal_rights(request, on, head)]
    elif kind == LetterKind.REFUSAL:
        refused = [p for p in request.posts.all() if p.outcome == Outcome.REFUSE]
        lines += [
            f"We have considered your request, which we received on {_received(request)}, and "
            "we have decided not to remove or correct the information.",
            "",
        ]
        if reasons_withheld:
            lines += [
                "We cannot tell you our reasons, because doing so could harm an investigation. "
                f"This means {RESTRICTED_STATEMENT} under the Data Protection Act 2018, Part 3.",
            ]
        else:
            reasons = " ".join(p.reasons.strip() for p in refused if p.reasons.strip())
            lines += [f"{REASONS_HEADING} {reasons or '[Write the reasons here]'}"]
        lines += ["", *_refusal_rights(request, on, head)]
    else:
        raise ValueError(f"unknown letter kind {kind!r}")
    return "\n".join(lines + _closing(head))


def _refusal_rights(request: RemovalRequest, on: dt.date, head: Letterhead) -> list[str]:
    lines = ["Your rights", ""]
    if on >= FORCE_COMPLAINTS_FROM:
        lines += [
            "If you are unhappy with our decision, you can complain to us. We will acknowledge "
            "your complaint within 30 days.",
            "",
        ]
    lines += [
        f"You have the right to complain to the Information Commissioner: "
        f"{head.ico_contact.rstrip('.')}.",
        "",
    ]
    if is_part3(request):
        because = "Because" if request.regime == Regime.PART3 else "If"
        lines += [
            f"{because} your request concerns information we hold for law enforcement, you "
            "can also ask the Information Commissioner to check that our decision was lawful.",
            "",
        ]
    lines += [
        "You also have the right to seek a judicial remedy: you can apply to a court for an "
        "order that we remove or correct the information.",
    ]
    return lines

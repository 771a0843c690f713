"""Serializers for removal and correction requests in the API (/api/v1/removal-requests).
The input serializers are the steps' bodies, declared with each action in ``actions``.

Output serializers read what data_requests' selectors return (the request, its clock, its
posts, tasks and letters). Input serializers check only the shape of the JSON (types, choices);
everything else (a received date in the future, reasons for a refusal, a second extension, a
letter that lacks what it must say, who may act and whether the state allows it) is the
services' to check, so the API and the pages refuse the same things with the same messages.

The requester's name, contact details and words, and the letters' text, are personal data:
only information security and auditors reach these endpoints. Choice fields have names no
other endpoint uses (``state``, ``letter_kind``…), so the OpenAPI schema names each choice set
once."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bluelamp.core.rest.serializers import UserRefSerializer
from bluelamp.data_requests.choices import (
    LetterKind,
    Outcome,
    ReceivedHow,
    Regime,
    RequestStatus,
    Right,
)
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow

DECISIONS = [c for c in Outcome.choices if c[0] != Outcome.PENDING]
RESPONSE_LETTER_KINDS = [
    (LetterKind.OUTCOME.value, LetterKind.OUTCOME.label),
    (LetterKind.REFUSAL.value, LetterKind.REFUSAL.label),
]
DUE_FILTERS = [
    ("overdue", "Past the statutory deadline"),
    ("due_soon", "Due within 3 working days, or past the warning date"),
    ("overdue_or_due_soon", "Either (what the daily digest lists)"),
]


@extend_schema_field(OpenApiTypes.DATETIME)
class MomentField(serializers.Field):
    """A moment: an ISO 8601 date and time with its offset (``2026-03-02T10:00:00Z``), or a
    date alone (``2026-03-02``), meaning the start of that day in Europe/London (as the pages
    record a date). A time without an offset is refused: the clock needs to know the day."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": "Enter a date (YYYY-MM-DD) or a date and time with its offset "
        "(YYYY-MM-DDTHH:MM:SS+00:00).",
        "naive": "Give the time's offset from UTC (e.g. +01:00 or Z), or a date alone.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        text = data.strip()
        try:
            if len(text) == 10:
                day = dt.date.fromisoformat(text)
                return dt.datetime.combine(day, dt.time(0), tzinfo=deadlines.LONDON)
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            self.fail("invalid")
        if timezone.is_naive(moment):
            self.fail("naive")
        return moment

    def to_representation(self, value):
        return value.isoformat() if value is not None else None


# --- Output -----------------------------------------------------------------------------------


class ClockSerializer(serializers.Serializer):
    """The statutory clock (spec/deadlines.md) and what it means today, in words and colour.
    The dates are Europe/London calendar dates; a deadline is the end of its day. All dates are
    null, and ``unavailable_reason`` says why, when the clock cannot be computed."""

    relevant_date = serializers.DateField(allow_null=True)
    target = serializers.DateField(allow_null=True, help_text="The force's 14-day target.")
    warning = serializers.DateField(allow_null=True, help_text="Relevant date + 27 days.")
    deadline = serializers.DateField(allow_null=True, help_text="The statutory deadline.")
    extension_notice_by = serializers.DateField(
        allow_null=True, help_text="Where extended: the date the notice had to be sent by."
    )
    extended_deadline = serializers.DateField(allow_null=True)
    final_deadline = serializers.DateField(
        allow_null=True, help_text="The deadline that applies (the extended one where extended)."
    )
    clock_regime = serializers.CharField(
        allow_null=True, help_text="The regime whose rules gave the dates (ukgdpr or part3)."
    )
    due_text = serializers.CharField(help_text='"due in 3 working days", "overdue by 2 days".')
    target_text = serializers.CharField(help_text="The 14-day target, in the same words.")
    colour = serializers.CharField(
        help_text="The tag colour the pages show: red overdue, orange due soon, green, grey "
        "(no clock)."
    )
    overdue = serializers.BooleanField()
    due_soon = serializers.BooleanField()
    unavailable_reason = serializers.CharField(allow_null=True)


def clock_data(due) -> dict:
    """The ClockSerializer's data from a ``selectors.Due``."""
    clock = due.clock
    dates = {
        key: getattr(clock, key) if clock else None
        for key in (
            "relevant_date",
            "target",
            "warning",
            "deadline",
            "extension_notice_by",
            "extended_deadline",
        )
    }
    return {
        **dates,
        "final_deadline": clock.final_deadline if clock else None,
        "clock_regime": clock.regime if clock else None,
        "due_text": due.text if clock else "",
        "target_text": due.target_text,
        "colour": due.colour,
        "overdue": due.overdue,
        "due_soon": due.due_soon,
        "unavailable_reason": None if clock else due.text,
    }


class RemovalRequestSerializer(serializers.Serializer):
    """A request as the queue shows it: by number, with its clock (no requester's details)."""

    id = serializers.IntegerField()
    reference = serializers.CharField(help_text="RR-00042: the number staff quote.")
    state = serializers.ChoiceField(source="status", choices=RequestStatus.choices)
    right = serializers.ChoiceField(choices=Right.choices)
    regime = serializers.ChoiceField(choices=Regime.choices)
    received_at = serializers.DateTimeField()
    received_how = serializers.ChoiceField(choices=ReceivedHow.choices)
    owner = UserRefSerializer()
    extended = serializers.BooleanField()
    responded_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    clock = ClockSerializer(help_text="The clock on today's date (Europe/London).")


class PlatformRemovalSerializer(serializers.Serializer):
    """The archive's record of a post's removal from its platform (publishing's Removal)."""

    id = serializers.IntegerField()
    removal_outcome = serializers.CharField(
        help_text="deleted (the platform confirmed it), already_gone, or done_by_hand."
    )
    at = serializers.DateTimeField()
    removed_by = serializers.CharField(help_text="Who removed it in Bluelamp.")
    reason = serializers.CharField()
    detail = serializers.CharField()


class PlatformCorrectionSerializer(serializers.Serializer):
    """A confirmed correction of the post's words, from the archive."""

    id = serializers.IntegerField()
    correction_outcome = serializers.CharField(help_text="corrected or done_by_hand.")
    at = serializers.DateTimeField()
    corrected_by = serializers.CharField(help_text="Who corrected it in Bluelamp.")
    new_text = serializers.CharField()
    reason = serializers.CharField()


class TaskSerializer(serializers.Serializer):
    """The social media team's work to carry out a decision, and the evidence it was done."""

    id = serializers.IntegerField()
    done = serializers.BooleanField()
    carried_out_by = serializers.CharField()
    carried_out_at = serializers.DateTimeField(allow_null=True)
    evidence = serializers.CharField()
    completed_by = UserRefSerializer(allow_null=True)
    platform_removal = PlatformRemovalSerializer(
        allow_null=True,
        help_text="When recorded as done from the platform's confirmation: that removal.",
    )
    platform_correction = PlatformCorrectionSerializer(
        allow_null=True,
        help_text="For an amendment recorded from the platform's confirmation: the correction.",
    )


class ArchivedPostSerializer(serializers.Serializer):
    """The post in the archive a decision is linked to, as it is now."""

    id = serializers.UUIDField(help_text="The post's id in the archive (its public id).")
    account_handle = serializers.CharField()
    account_platform = serializers.CharField(help_text="x, facebook, instagram, youtube…")
    post_state = serializers.CharField(help_text="published, removed…")
    published_at = serializers.DateTimeField(allow_null=True)
    platform_url = serializers.CharField()
    confirmed_removal = PlatformRemovalSerializer(
        allow_null=True,
        help_text="The latest removal that took it off its platform, if any.",
    )


class PostDecisionSerializer(serializers.Serializer):
    """A post the request concerns, the decision on it and, once set, its task."""

    id = serializers.IntegerField()
    archived_post = ArchivedPostSerializer(
        allow_null=True, help_text="The post in the archive, when it was linked from there."
    )
    url = serializers.CharField()
    platform = serializers.CharField()
    excerpt = serializers.CharField()
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    corrected_text = serializers.CharField()
    reasons = serializers.CharField()
    decided_by = UserRefSerializer(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    task = TaskSerializer(allow_null=True)


class LetterSerializer(serializers.Serializer):
    """A letter sent to the requester, as kept with the case (its text as sent; empty once
    the retention job has deleted the requester's details)."""

    id = serializers.IntegerField()
    letter_kind = serializers.ChoiceField(source="kind", choices=LetterKind.choices)
    sent_at = serializers.DateTimeField()
    sent_by = UserRefSerializer()
    reasons_withheld = serializers.BooleanField()
    body = serializers.CharField()
    pdf_url = serializers.CharField(
        allow_null=True,
        help_text="The PDF as sent (GET …/letters/{letter_id}/pdf); null once the retention job "
        "has deleted the requester's details.",
    )


class RemovalRequestDetailSerializer(RemovalRequestSerializer):
    """One request: the requester's details, the steps taken, the posts and decisions, the
    tasks, the letters, and what the caller may do now."""

    requester_name = serializers.CharField()
    requester_contact = serializers.CharField()
    request_text = serializers.CharField()
    identity_requested_at = serializers.DateTimeField(allow_null=True)
    identity_received_at = serializers.DateTimeField(allow_null=True)
    extension_reasons = serializers.CharField()
    extension_notice_sent_on = serializers.DateField(allow_null=True)
    extension_letter = serializers.IntegerField(
        source="extension_letter_id", allow_null=True, help_text="The extension notice's id."
    )
    response_letter = serializers.IntegerField(
        source="response_letter_id",
        allow_null=True,
        help_text="The outcome or refusal letter that answered the requester.",
    )
    response_summary = serializers.CharField()
    requester_deleted_at = serializers.DateTimeField(
        allow_null=True, help_text="When the retention job deleted the requester's details."
    )
    posts = PostDecisionSerializer(source="post_list", many=True)
    letters = LetterSerializer(source="letter_list", many=True)
    available_actions = serializers.ListField(
        child=serializers.ChoiceField(choices=list(flow.ACTIONS)),
        help_text="The workflow steps you may take now (none for auditors).",
    )


class LetterDraftSerializer(serializers.Serializer):
    letter_kind = serializers.ChoiceField(choices=LetterKind.choices)
    reasons_withheld = serializers.BooleanField()
    body = serializers.CharField(help_text="The draft, to edit before sending.")


# --- Filters and input ------------------------------------------------------------------------


class RemovalRequestFilterSerializer(serializers.Serializer):
    state = serializers.MultipleChoiceField(
        choices=RequestStatus.choices,
        required=False,
        help_text="Only requests in these states (repeat the parameter for several). Without "
        "it, every request, open or not.",
    )
    due = serializers.ChoiceField(
        choices=DUE_FILTERS,
        required=False,
        help_text="Only open requests that are overdue or due soon on today's date.",
    )


class LetterDraftQuerySerializer(serializers.Serializer):
    letter_kind = serializers.ChoiceField(choices=LetterKind.choices)
    reasons_withheld = serializers.BooleanField(
        required=False, default=False, help_text="A Part 3 refusal that withholds the reasons."
    )
    extension_reasons = serializers.CharField(
        required=False,
        default="",
        help_text="For an extension notice drafted before the extension is recorded.",
    )


def _text(help_text: str = "", **kwargs) -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_blank=True, default="", help_text=help_text, **kwargs
    )


class RemovalRequestCreateSerializer(serializers.Serializer):
    """Record a request received in writing or verbally (CC/01 4.27)."""

    requester_name = _text()
    requester_contact = _text("How to reach them: address, e-mail, phone.")
    request_text = _text("What they ask for, in their words.")
    right = serializers.ChoiceField(choices=Right.choices, required=False, default="")
    regime = serializers.ChoiceField(choices=Regime.choices, required=False, default="unknown")
    received_at = MomentField(
        required=False, default=None, help_text="When it was received; not in the future."
    )
    received_how = serializers.ChoiceField(choices=ReceivedHow.choices, required=False, default="")


class PostAddSerializer(serializers.Serializer):
    """A post from the archive (``archived_post``), or one it does not hold (``url``,
    ``platform``, ``excerpt``): not both."""

    archived_post = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The id of a post in the archive (published, removed or imported; on any "
        "account). Its address, platform and the start of its text are copied. Each post is "
        "linked once; a copy on another account is another post.",
    )
    url = _text("For a post not in the archive: its address, https://…")
    platform = _text("X, Facebook, Instagram…")
    excerpt = _text("The post's text, or part of it.")


class RegimeSerializer(serializers.Serializer):
    regime = serializers.ChoiceField(choices=Regime.choices)


class IdentityReceiptSerializer(serializers.Serializer):
    received_at = MomentField(
        required=False,
        default=None,
        help_text="When the proof of identity arrived; it moves the relevant date.",
    )


class DecisionSerializer(serializers.Serializer):
    """The decision on one post (4.29, 4.30)."""

    outcome = serializers.ChoiceField(choices=DECISIONS, required=False, default="")
    corrected_text = _text("Required to amend: the post's corrected text.")
    reasons = _text("Required to refuse, and to restrict rather than remove.")


class ExtensionSerializer(serializers.Serializer):
    """Extend the deadline by two months (rule 4), resting on the extension notice."""

    reasons = _text("Why: the request's complexity, or the number of requests.")
    letter = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="An extension notice already sent from this case (its sent date is the "
        "notice date).",
    )
    letter_body = _text(
        "Or the text of the extension notice, sent now with the extension (draft it with "
        "GET …/letters/draft?letter_kind=extension)."
    )


class TaskCompletionSerializer(serializers.Serializer):
    """Who carried the task out, when and the evidence; or ``from_platform``: record it from
    the archive's confirmed removal of the task's post."""

    carried_out_by = _text("Who in the social media team carried it out.")
    carried_out_at = MomentField(required=False, default=None, help_text="When.")
    evidence = _text("The platform's confirmation, or what was done.")
    from_platform = serializers.BooleanField(
        required=False,
        default=False,
        help_text="true (and nothing else): record it from the archive's confirmed removal of "
        "the task's post (who removed it, when, and the platform's confirmation). 400 when the "
        "post is not linked from the archive or has no confirmed removal.",
    )


class LetterSendSerializer(serializers.Serializer):
    letter_kind = serializers.ChoiceField(choices=LetterKind.choices)
    body = _text("The letter's text (edited from the draft).")
    reasons_withheld = serializers.BooleanField(
        required=False, default=False, help_text="A Part 3 refusal that withholds the reasons."
    )


class ResponseSerializer(serializers.Serializer):
    """The answer to the requester: the outcome or refusal letter."""

    letter = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="An outcome or refusal letter already sent from this case.",
    )
    response_letter_kind = serializers.ChoiceField(
        choices=RESPONSE_LETTER_KINDS,
        required=False,
        allow_blank=True,
        default="",
        help_text="Or the kind of letter to send now …",
    )
    letter_body = _text("… and its text (its sent time is the response time).")
    summary = _text("An optional note for the file.")

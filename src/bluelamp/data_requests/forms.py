"""Forms for the request pages. They only parse what was typed: the services validate it and
their messages are put back on the form (``apply_service_errors``)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django import forms

from bluelamp.core.errors import InvalidInputError
from bluelamp.data_requests.choices import Outcome, ReceivedHow, Regime, Right
from bluelamp.engine.deadlines import LONDON, london_date


def apply_service_errors(form: forms.Form, error: InvalidInputError) -> None:
    """Put a service's field errors on the form (on the field of that name when the form has
    one, or the form field that feeds it, else at the top)."""
    errors = error.fields.get("errors") or {}
    if not errors:
        form.add_error(None, error.message)
        return
    aliases = getattr(form, "service_fields", {})
    for name, messages in errors.items():
        field = aliases.get(name, name)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def london_start(day: dt.date | None) -> dt.datetime | None:
    """The start of ``day`` in Europe/London, as an aware time (None stays None)."""
    return None if day is None else dt.datetime.combine(day, dt.time(0), tzinfo=LONDON)


def _text(label: str, *, hint: str = "", area: bool = False) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 4}) if area else forms.TextInput
    return forms.CharField(label=label, help_text=hint, required=False, widget=widget)


def _date(
    label: str, hint: str = "For example, 27 3 2026: enter it as YYYY-MM-DD."
) -> forms.DateField:
    return forms.DateField(
        label=label, help_text=hint, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _choice(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", "Select"), *choices], required=False)


class IntakeForm(forms.Form):
    requester_name = _text("Requester's name")
    requester_contact = _text("How to contact them", hint="Address, e-mail or phone.", area=True)
    request_text = _text("What they ask", area=True)
    right = _choice("What they want", Right.choices)
    regime = _choice("Regime", Regime.choices)
    received_on = _date("Date received")
    received_how = _choice("How it was received", ReceivedHow.choices)
    service_fields: ClassVar[dict[str, str]] = {"received_at": "received_on"}


class PostForm(forms.Form):
    url = _text("Address of the post")
    platform = _text("Platform")
    excerpt = _text("Text of the post (an excerpt)", area=True)


class ArchiveSearchForm(forms.Form):
    """Find a post in the archive, on any account."""

    q = _text("Words in the post", hint="Every word must be in the text, in any order.")
    handle = _text("Account", hint="Its handle, for example @WMPDudley.")
    address = _text(
        "Address of the post",
        hint="The post's address on the platform (https://x.com/…/status/…), or its page in "
        "Bluelamp.",
    )


class ArchiveLinkForm(forms.Form):
    """The post chosen from the search results."""

    post = forms.UUIDField(required=False, widget=forms.HiddenInput)
    service_fields: ClassVar[dict[str, str]] = {"archived_post": "post"}


class RegimeForm(forms.Form):
    regime = _choice("Regime", Regime.choices)


class IdentityReceivedForm(forms.Form):
    received_on = _date("Date the proof of identity was received")
    service_fields: ClassVar[dict[str, str]] = {"received_at": "received_on"}


class DecisionForm(forms.Form):
    outcome = _choice("Decision", [c for c in Outcome.choices if c[0] != Outcome.PENDING])
    corrected_text = _text("Corrected text (for an amendment)", area=True)
    reasons = _text(
        "Reasons", hint="Required to refuse, or to restrict rather than remove.", area=True
    )


def _letter_choices(letters, first: str) -> list[tuple[str, str]]:
    """The letters sent from the case, named by kind and (Europe/London) sent date."""
    choices = [("", first)]
    for letter in letters:
        day = london_date(letter.sent_at)
        choices.append(
            (str(letter.pk), f"{letter.get_kind_display()} letter sent {day.day} {day:%B %Y}")
        )
    return choices


class ExtendForm(forms.Form):
    """The reasons, and the extension notice: one already sent from the case, or the drafted
    notice (edited here), sent with the extension."""

    reasons = _text("Reasons for the extension", area=True)
    letter = _choice("Extension notice already sent", [])
    letter_body = forms.CharField(
        label="Or send this extension notice now",
        help_text="Drafted from the case. The reasons above replace the placeholder for them. "
        "It is kept exactly as sent, with its PDF.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 20}),
    )
    service_fields: ClassVar[dict[str, str]] = {"body": "letter_body"}

    def __init__(self, *args, letters=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["letter"].choices = _letter_choices(letters, "None: send the notice below")


class TaskForm(forms.Form):
    carried_out_by = _text("Who carried it out")
    carried_out_on = _date("Date it was carried out")
    evidence = _text("Evidence", hint="The platform's confirmation, or what was done.", area=True)
    service_fields: ClassVar[dict[str, str]] = {"carried_out_at": "carried_out_on"}


class RespondForm(forms.Form):
    """The outcome or refusal letter that answered the requester (its sent date is the
    response date), and an optional note."""

    letter = _choice("The letter that answered the requester", [])
    summary = _text("Note for the file (optional)", area=True)

    def __init__(self, *args, letters=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["letter"].choices = _letter_choices(letters, "Select the letter")


class ConfirmForm(forms.Form):
    """No fields: the button is the confirmation."""


class LetterForm(forms.Form):
    """The letter's text, drafted from the case and edited before it is sent."""

    body = forms.CharField(
        label="The letter",
        help_text="Edit the draft as needed. It is kept exactly as sent and cannot be changed "
        "afterwards.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 30}),
    )
    reasons_withheld = forms.BooleanField(required=False, widget=forms.HiddenInput)

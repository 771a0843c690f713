"""Forms for the request pages. They only parse what was typed: the services validate it and
their messages are put back on the form (``apply_service_errors``)."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from bluelamp.core.forms import choice_field, date_field, text_field
from bluelamp.data_requests.choices import Outcome, ReceivedHow, Regime, Right
from bluelamp.engine.deadlines import london_date
from bluelamp.publishing.search import problem as search_problem


class IntakeForm(forms.Form):
    requester_name = text_field("Requester's name")
    requester_contact = text_field(
        "How to contact them", hint="Address, e-mail or phone.", area=True
    )
    request_text = text_field("What they ask", area=True)
    right = choice_field("What they want", Right.choices)
    regime = choice_field("Regime", Regime.choices)
    received_on = date_field("Date received")
    received_how = choice_field("How it was received", ReceivedHow.choices)
    service_fields: ClassVar[dict[str, str]] = {"received_at": "received_on"}


class PostForm(forms.Form):
    url = text_field("Address of the post")
    platform = text_field("Platform")
    excerpt = text_field("Text of the post (an excerpt)", area=True)


class ArchiveSearchForm(forms.Form):
    """Find a post in the archive, on any account."""

    q = text_field(
        "Words in the post",
        hint='Every word must be in the text, in any form. Use "quotes" for a phrase and * for '
        "the start of a word (Whitl*).",
    )
    handle = text_field("Account", hint="Its handle, for example @WMPDudley.")
    address = text_field(
        "Address of the post",
        hint="The post's address on the platform (https://x.com/…/status/…), or its page in "
        "Bluelamp.",
    )

    def clean_q(self) -> str:
        q = self.cleaned_data.get("q", "")
        if problem := search_problem(q):
            raise forms.ValidationError(problem)
        return q


class ArchiveLinkForm(forms.Form):
    """The post chosen from the search results."""

    post = forms.UUIDField(required=False, widget=forms.HiddenInput)
    service_fields: ClassVar[dict[str, str]] = {"archived_post": "post"}


class RegimeForm(forms.Form):
    regime = choice_field("Regime", Regime.choices)


class IdentityReceivedForm(forms.Form):
    received_on = date_field("Date the proof of identity was received")
    service_fields: ClassVar[dict[str, str]] = {"received_at": "received_on"}


class DecisionForm(forms.Form):
    outcome = choice_field("Decision", [c for c in Outcome.choices if c[0] != Outcome.PENDING])
    corrected_text = text_field("Corrected text (for an amendment)", area=True)
    reasons = text_field(
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

    reasons = text_field("Reasons for the extension", area=True)
    letter = choice_field("Extension notice already sent", [])
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
    carried_out_by = text_field("Who carried it out")
    carried_out_on = date_field("Date it was carried out")
    evidence = text_field(
        "Evidence", hint="The platform's confirmation, or what was done.", area=True
    )
    service_fields: ClassVar[dict[str, str]] = {"carried_out_at": "carried_out_on"}


class RespondForm(forms.Form):
    """The outcome or refusal letter that answered the requester (its sent date is the
    response date), and an optional note."""

    letter = choice_field("The letter that answered the requester", [])
    summary = text_field("Note for the file (optional)", area=True)

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

"""Forms for the conduct pages. They only parse what was typed: the services validate it and
their messages are put back on the form (``apply_service_errors``)."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from bluelamp.conduct.choices import ContentKind, Outcome, ReportKind, Seriousness
from bluelamp.conduct.services.common import clause_choices
from bluelamp.core.forms import choice_field, date_field, text_field

SCREENSHOT_HINT = (
    "A JPEG, PNG, GIF or WebP image smaller than 8 MB. Bluelamp keeps a copy with its hidden "
    "details (such as where it was taken) removed."
)


def screenshot_field(label: str = "Screenshot (optional)") -> forms.FileField:
    return forms.FileField(
        label=label,
        help_text=SCREENSHOT_HINT,
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )


class ScreenshotMixin:
    """Reads the uploaded screenshot as the services take it (bytes and a name)."""

    def screenshot(self) -> tuple[bytes, str]:
        upload = self.cleaned_data.get("screenshot")
        if not upload:
            return b"", ""
        return upload.read(), upload.name


class ReportForm(ScreenshotMixin, forms.Form):
    content_kind = choice_field("What are you reporting?", ContentKind.choices)
    link = text_field("Link to it", hint="The address in the browser, starting https://")
    screenshot = screenshot_field()
    what_is_wrong = text_field("What is wrong with it?", area=True)
    clause = forms.ChoiceField(label="Which part of the policy may it breach?", required=False)
    subject_text = text_field(
        "Who posted it (optional)", hint="Their name or handle, if you know it."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [("", "Select a clause"), *clause_choices()]


class AssessForm(forms.Form):
    seriousness = choice_field("How serious is it?", Seriousness.choices)
    assessment = text_field("Your assessment", area=True)
    subject = text_field(
        "The member of staff concerned (optional)", hint="Their Bluelamp username, if known."
    )


class ReferForm(forms.Form):
    reason = text_field(
        "Why it goes to Professional Standards",
        hint="Once referred, only Professional Standards can see the case.",
        area=True,
    )


class RemovalRequestForm(forms.Form):
    what = text_field("What they must remove", area=True)
    deadline = date_field("Remove it by")
    subject = text_field(
        "The member of staff (if not already named)", hint="Their Bluelamp username."
    )


class ProofForm(ScreenshotMixin, forms.Form):
    statement = text_field("Your statement", hint="What you removed, and when.", area=True)
    link = text_field("Where it was (link)", hint="The address that now shows nothing.")
    screenshot = screenshot_field("Screenshot showing it has gone (optional)")


class EscalateForm(forms.Form):
    pass


class CloseForm(forms.Form):
    outcome = choice_field("Outcome", Outcome.choices)
    note = text_field("Note (optional unless the outcome is Other)", area=True)


class StaffReportForm(ScreenshotMixin, forms.Form):
    kind = choice_field("What are you reporting?", ReportKind.choices)
    details = text_field("What happened", area=True)
    platform = text_field("Platform (optional)", hint="For example X, Facebook or Instagram.")
    link = text_field("Link to it", hint="The address in the browser, starting https://")
    pasted_text = text_field(
        "The words, pasted as they appeared", hint="Copy them now: they may be deleted.", area=True
    )
    screenshot = screenshot_field()
    happened_on = date_field("When it happened (optional)")
    service_fields: ClassVar[dict[str, str]] = {"happened_at": "happened_on"}


class StaffReportCloseForm(forms.Form):
    note = text_field("What was done", area=True)


class MediaAlertForm(forms.Form):
    note = text_field(
        "Why will it attract media attention?",
        hint="The press office is told at once, with a link to the post.",
        area=True,
    )

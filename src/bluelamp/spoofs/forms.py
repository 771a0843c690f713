"""The spoof review's forms (GOV.UK widgets; the services validate again and say what is
required)."""

from __future__ import annotations

from django import forms

from bluelamp.core.forms import GovukRadioSelect, choice_field, text_field
from bluelamp.social_accounts.choices import Platform


class CandidateForm(forms.Form):
    platform = choice_field("Platform", Platform.choices)
    handle = text_field("Handle", hint="For example, @WMPolice_Official")
    display_name = text_field("Name the account shows", hint="Optional")
    url = text_field("Address", hint="Optional, for example https://x.com/WMPolice_Official")
    notes = text_field(
        "What you saw", hint="Optional: its bio, the crest, what it posts", area=True
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        required=False,
        help_text=(
            "The first line names the columns: platform, handle, and optionally display_name, "
            "url and notes."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            raise forms.ValidationError("Select a CSV file")
        if upload.size > 2_000_000:
            raise forms.ValidationError("The file must be smaller than 2 MB")
        return upload


class ReasonForm(forms.Form):
    reason = text_field("Why", area=True)


class TakedownForm(forms.Form):
    text = text_field(
        "The request as sent",
        hint="Leave the draft as it is, or change it to what you sent",
        area=True,
    )
    reference = text_field("The platform's reference", hint="Optional")


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did it end?", widget=GovukRadioSelect, required=False, choices=()
    )
    note = text_field("Note", hint="Optional", area=True)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = list(choices)

    def clean_outcome(self):
        value = self.cleaned_data.get("outcome")
        if not value:
            raise forms.ValidationError("Select how it ended")
        return value

"""The forms of the monthly review and appeal cases (GOV.UK widgets); the services validate
again and their errors come back on these forms."""

from __future__ import annotations

from django import forms

from bluelamp.core.forms import GovukRadioSelect
from bluelamp.reviews.choices import RESOLVED, Decision


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What should happen to this post?",
        choices=Decision.choices,
        widget=GovukRadioSelect,
        error_messages={"required": "Select keep, correct or remove"},
    )
    reason = forms.CharField(
        label="Why?",
        help_text="Kept: why it is still accurate. Corrected or removed: what changed.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why"},
    )
    text = forms.CharField(
        label="The corrected words (only to correct it)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.CORRECT and not (data.get("text") or "").strip():
            self.add_error("text", "Enter the corrected words")
        return data


class ConfirmForm(forms.Form):
    """Completing a review takes no input: the button is the confirmation."""


class CaseForm(forms.Form):
    name = forms.CharField(
        label="Name of the person or case",
        max_length=200,
        error_messages={"required": "Enter the name of the person or case"},
    )
    reference = forms.CharField(label="Force reference", max_length=100, required=False)


class ResolveForm(forms.Form):
    status = forms.ChoiceField(
        label="What happened?",
        choices=[(s.value, s.label) for s in RESOLVED],
        widget=GovukRadioSelect,
        error_messages={"required": "Select found, charged or withdrawn"},
    )


class LinkForm(forms.Form):
    post = forms.UUIDField(
        label="The post's Bluelamp reference",
        help_text="From the address of the post's page in the archive.",
        error_messages={
            "required": "Enter the post's reference",
            "invalid": "Enter a valid reference",
        },
    )

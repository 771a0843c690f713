"""Forms for the API pages."""

from __future__ import annotations

from django import forms

LIFETIMES = [(30, "30 days"), (90, "90 days"), (180, "180 days"), (365, "1 year")]


class ApiTokenCreateForm(forms.Form):
    """Name a new token and choose how long it lasts."""

    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, the name of the tool that will use it.",
        max_length=100,
        error_messages={"required": "Enter what the token is for"},
    )
    lifetime_days = forms.TypedChoiceField(
        label="How long should it last?",
        choices=LIFETIMES,
        coerce=int,
        initial=90,
        error_messages={"invalid_choice": "Choose how long the token should last"},
    )

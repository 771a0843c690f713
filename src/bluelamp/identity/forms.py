from __future__ import annotations

from django import forms


class CodeForm(forms.Form):
    """The six-digit code from the authenticator app."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 numbers the app shows now, for example 123456.",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the code as 6 numbers, for example 123456")
        return code

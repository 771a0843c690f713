"""The auditor's search form."""

from __future__ import annotations

from django import forms

from bluelamp.audit.registry import actions
from bluelamp.core.forms import date_field


def _action_choices() -> list[tuple[str, str]]:
    choices: list[tuple[str, str]] = [("", "Any action")]
    domains = sorted({action.domain for action in actions.all()})
    choices += [(f"{domain}.", f"Any {domain} action") for domain in domains]
    choices += [(action.name, f"{action.label} ({action.name})") for action in actions.all()]
    return choices


class AuditSearchForm(forms.Form):
    """Filters for the audit trail; all optional."""

    action = forms.ChoiceField(required=False, label="Action")
    actor = forms.CharField(
        required=False, max_length=150, label="Who", help_text="Username or part of a name"
    )
    target = forms.CharField(
        required=False,
        max_length=300,
        label="About",
        help_text="An ID, or part of the name of the thing acted on",
    )
    target_type = forms.ChoiceField(required=False, label="Kind of thing")
    date_from = date_field("From", "For example, 27 3 2026")
    date_to = date_field("To", "For example, 31 3 2026")

    without_sign_ins = forms.BooleanField(
        required=False, label="Leave out people signing in and out"
    )

    def __init__(self, *args, target_types: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = _action_choices()
        self.fields["target_type"].choices = [("", "Any kind"), *target_types]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return cleaned

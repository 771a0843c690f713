"""The export page's form. It only gathers the values: the service checks them
(``selectors.export_filters``), so the page, the API and the command line refuse alike."""

from __future__ import annotations

from django import forms

from bluelamp.core.forms import GovukRadioSelect
from bluelamp.disclosure.selectors import account_label
from bluelamp.social_accounts.models import Account

FORMAT_CHOICES = (
    ("csv", "CSV: a spreadsheet, one row for the post and one for each item of its history"),
    ("json", "JSON: for other systems (the shape is in the documentation)"),
    ("pdf", "PDF: to read or hand over, with a cover page (at most 1,000 posts)"),
)


def account_choices() -> list[tuple[str, str]]:
    accounts = Account.objects.order_by("platform", "handle")
    return [("", "Any account: use the search words")] + [
        (account_label(a), f"@{a.handle} ({a.get_platform_display()}), {a.display_name}")
        for a in accounts
    ]


class ExportForm(forms.Form):
    account = forms.ChoiceField(label="Account", required=False)
    search = forms.CharField(
        label="Search words (optional with an account)",
        help_text="Posts whose text holds every one of these words, in part, ignoring case.",
        required=False,
    )
    date_from = forms.CharField(
        label="Published from",
        help_text="The first day, for example 2026-03-27.",
        required=False,
        widget=forms.TextInput(attrs={"type": "date"}),
    )
    date_to = forms.CharField(
        label="Published to",
        help_text="The last day (included), for example 2026-03-31.",
        required=False,
        widget=forms.TextInput(attrs={"type": "date"}),
    )
    format = forms.ChoiceField(
        label="Format", choices=FORMAT_CHOICES, required=False, widget=GovukRadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = account_choices()

    def clean_account(self):
        # A value no longer in the list (an account renamed meanwhile) is for the service to name.
        return self.data.get("account", "")

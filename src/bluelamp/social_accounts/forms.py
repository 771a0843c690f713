"""Forms for the registry's pages. They parse what the browser sent and render GOV.UK
components; the services validate (the same checks serve the API), and the views put a
service's field errors back on the form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django import forms

from bluelamp.core.forms import GovukCheckboxSelectMultiple, GovukRadioSelect, date_field
from bluelamp.engine.workflows import applications as application_flow
from bluelamp.social_accounts.choices import (
    AccountStatus,
    Acknowledgement,
    ApplicationStatus,
    Ownership,
    Platform,
    Purpose,
    Tier,
)
from bluelamp.social_accounts.selectors import ACCOUNT_SORTS, DEFAULT_ACCOUNT_SORT


def _choices(blank: str, choices: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", blank), *choices]


# --- Applications -------------------------------------------------------------------------------


class ApplicationForm(forms.Form):
    """The application for a corporate account (CC/01 3.3, 3.4)."""

    ownership = forms.ChoiceField(
        label="What kind of account is it?",
        choices=[
            (Ownership.FORCE_OWNED, "A new account for policing, owned by the force"),
            (
                Ownership.CONVERTED_PERSONAL,
                "My existing personal account, to be converted to policing use",
            ),
            (Ownership.STAFF_NETWORK, "A staff network's account"),
        ],
        widget=GovukRadioSelect,
        required=False,
        help_text="The force owns new accounts and converted ones; staff networks own theirs (CC/01 3.2).",
    )
    existing_url = forms.CharField(
        label="Address of your personal account",
        required=False,
        max_length=300,
        help_text="Only if you are converting a personal account, for example https://x.com/PCJoBloggs",
    )
    platform = forms.ChoiceField(
        label="Platform", choices=Platform.choices, widget=GovukRadioSelect, required=False
    )
    handle = forms.CharField(
        label="Handle you would like",
        required=False,
        max_length=120,
        help_text="No spaces. For example, @WMPDudleyNth",
    )
    display_name = forms.CharField(
        label="Name of the account",
        required=False,
        max_length=150,
        help_text="As the public will see it, for example Dudley North Police",
    )
    tier = forms.ChoiceField(
        label="Whose account will it be?",
        choices=Tier.choices,
        widget=GovukRadioSelect,
        required=False,
    )
    team = forms.CharField(
        label="Team, NPU or department",
        required=False,
        max_length=150,
        help_text="For example, Dudley NPU",
    )
    purpose = forms.ChoiceField(
        label="Which policing purpose will it serve?",
        choices=Purpose.choices,
        widget=GovukRadioSelect,
        required=False,
        help_text="The purposes of corporate accounts (CC/01 3.1). Choose the main one.",
    )
    purpose_detail = forms.CharField(
        label="How will the account serve that purpose?",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=2000,
        help_text="Who it is for, what it will post and why another account cannot do it.",
    )
    registration_email = forms.CharField(
        label="E-mail address the account will be registered with",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    acknowledgements = forms.MultipleChoiceField(
        label="Confirm each of these",
        choices=Acknowledgement.choices,
        widget=GovukCheckboxSelectMultiple,
        required=False,
        help_text="CC/01 3.4: all four are needed.",
    )

    def __init__(
        self,
        *args: Any,
        mail_domains: Iterable[str] = (),
        can_run_force: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        domains = " or ".join(f"@{d}" for d in mail_domains)
        if domains:
            self.fields[
                "registration_email"
            ].help_text = f"Your force e-mail address, ending {domains} (CC/01 3.10)."
        if not can_run_force:
            self.fields["tier"].choices = [c for c in Tier.choices if c[0] != Tier.FORCE]


class DecisionForm(forms.Form):
    """A decision on an application. Every decision is accepted here; the service refuses
    the ones the user may not give, whatever the page showed."""

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            (application_flow.MANAGER_APPROVE, "Approve"),
            (application_flow.MANAGER_REJECT, "Reject"),
            (application_flow.CCD_APPROVE, "Approve: the account enters the registry"),
            (application_flow.CCD_REFUSE, "Refuse"),
        ],
        widget=GovukRadioSelect,
        error_messages={
            "required": "Choose your decision",
            "invalid_choice": "Choose your decision",
        },
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text="Needed when you reject or refuse; the applicant will see it.",
    )

    def __init__(self, *args: Any, offered: Iterable[str] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        offered = list(offered)
        self.offered_choices = [c for c in self.fields["decision"].choices if c[0] in offered]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing it? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(
        label="Search", required=False, max_length=150, help_text="Handle, name or applicant"
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=_choices("Any status", ApplicationStatus.choices)
    )
    waiting = forms.BooleanField(label="Only those waiting for my decision", required=False)


# --- Accounts -----------------------------------------------------------------------------------


class AccountFilterForm(forms.Form):
    """Search, filter and sort the registry (all optional; GET)."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=150,
        help_text="Handle, name, team or owner",
    )
    platform = forms.ChoiceField(
        label="Platform", required=False, choices=_choices("Any platform", Platform.choices)
    )
    tier = forms.ChoiceField(
        label="Tier", required=False, choices=_choices("Any tier", Tier.choices)
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=_choices("Any status", AccountStatus.choices)
    )
    ownership = forms.ChoiceField(
        label="Ownership", required=False, choices=_choices("Any ownership", Ownership.choices)
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, label) for key, (label, _) in ACCOUNT_SORTS.items()],
        initial=DEFAULT_ACCOUNT_SORT,
    )

    def filters(self) -> dict[str, str]:
        """The valid filters, for ``selectors.account_list``."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class AccountDetailsForm(forms.Form):
    """Record changes to an account's details (CC/01 3.8)."""

    display_name = forms.CharField(label="Name of the account", required=False, max_length=150)
    handle = forms.CharField(label="Handle", required=False, max_length=120, help_text="No spaces")
    url = forms.CharField(label="Address", required=False, max_length=300)
    team = forms.CharField(label="Team, NPU or department", required=False, max_length=150)
    bio = forms.CharField(
        label="Bio",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    registration_email = forms.CharField(
        label="Registration e-mail",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    location_services_on = forms.TypedChoiceField(
        label="Are location services on?",
        choices=[("no", "No, they are off"), ("yes", "Yes, they are on")],
        coerce=lambda v: v == "yes",
        widget=GovukRadioSelect,
        help_text="They must be off at all times (CC/01 3.15).",
        error_messages={"required": "Say whether location services are on"},
    )
    connected_apps = forms.MultipleChoiceField(
        label="Connected apps on the allow-list",
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )
    other_apps = forms.CharField(
        label="Other connected apps",
        required=False,
        max_length=500,
        help_text="Separate names with commas. Other apps should not be connected (CC/01 3.14, 5.8), but record any that are.",
    )
    note = forms.CharField(
        label="Note for Corporate Communications (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, allowed_apps: Iterable[str] = (), disclaimer: str = "", **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        allowed = list(allowed_apps)
        self.fields["connected_apps"].choices = [(a, a) for a in allowed]
        if disclaimer:
            self.fields[
                "bio"
            ].help_text = f"It must show the agreed disclaimer (CC/01 4.15): “{disclaimer}”"
        self._allowed = allowed

    @classmethod
    def initial_for(cls, account, allowed_apps: Iterable[str]) -> dict[str, Any]:
        allowed = {a.casefold(): a for a in allowed_apps}
        apps = list(account.connected_apps or [])
        return {
            "display_name": account.display_name,
            "handle": account.at_handle,
            "url": account.url,
            "team": account.team,
            "bio": account.bio,
            "registration_email": account.registration_email,
            "location_services_on": "yes" if account.location_services_on else "no",
            "connected_apps": [allowed[a.casefold()] for a in apps if a.casefold() in allowed],
            "other_apps": ", ".join(a for a in apps if a.casefold() not in allowed),
        }

    @staticmethod
    def changes_from(data: Any) -> dict[str, Any]:
        """The values for ``registry.account_details_update``, from the cleaned data."""
        apps = list(data["connected_apps"]) + [
            a.strip() for a in data["other_apps"].split(",") if a.strip()
        ]
        return {
            "display_name": data["display_name"],
            "handle": data["handle"],
            "url": data["url"],
            "team": data["team"],
            "bio": data["bio"],
            "registration_email": data["registration_email"],
            "location_services_on": data["location_services_on"],
            "connected_apps": apps,
        }


class DateForm(forms.Form):
    """One date, defaulting to today (a password change, the last post)."""

    date = date_field("Date", "Leave it empty for today. For example, 27 3 2026")

    #: The service's fields this form's date feeds (``core.forms.apply_service_errors``).
    service_fields: ClassVar[dict[str, str]] = {"changed_at": "date", "posted_at": "date"}

    def __init__(self, *args: Any, label: str = "Date", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["date"].label = label


class RosterAddForm(forms.Form):
    username = forms.CharField(
        label="Username of the person to add",
        max_length=150,
        error_messages={"required": "Enter the username of the person to add"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "none"}),
    )


class RosterRemoveForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)


class DeputyForm(forms.Form):
    deputy = forms.TypedChoiceField(
        label="Deputy", required=False, coerce=int, empty_value=None, widget=GovukRadioSelect
    )

    def __init__(self, *args: Any, candidates: Iterable[Any] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].choices = [("", "No deputy")] + [(u.pk, u.label) for u in candidates]


class HandOverForm(forms.Form):
    new_owner = forms.TypedChoiceField(
        label="Who will own the account now?",
        coerce=int,
        widget=GovukRadioSelect,
        error_messages={
            "required": "Choose the new owner",
            "invalid_choice": "Choose someone on the roster",
        },
    )
    reason = forms.CharField(
        label="Why is it being handed over? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, candidates: Iterable[Any] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["new_owner"].choices = [(u.pk, u.label) for u in candidates]


class ReasonForm(forms.Form):
    """A reason for a change of status (the service says whether it is required)."""

    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, label: str = "Reason", help_text: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


class ConversionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("approve", "Approve: it becomes a personal account"),
            ("refuse", "Refuse: it stays a corporate account"),
        ],
        widget=GovukRadioSelect,
        error_messages={
            "required": "Choose your decision",
            "invalid_choice": "Choose your decision",
        },
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you refuse; the owner will see it.",
    )


class CredentialForm(forms.Form):
    """The account's sign-in, registered with Corporate Communications (3.7)."""

    username = forms.CharField(
        label="Username or e-mail the account signs in with", max_length=200, required=False
    )
    password = forms.CharField(
        label="Password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Stored encrypted. Only Corporate Communications can reveal it, with a reason.",
    )


class RevealForm(forms.Form):
    """Why Corporate Communications needs an account's password (recorded with the reveal)."""

    reason = forms.CharField(
        label="Why do you need the password?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: the owner has left and the account must be recovered (3.7).",
    )

"""Forms for the account-security pages. They only parse what was typed: the services validate
it and their messages are put back on the form (``core.forms.refused``)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django import forms

from bluelamp.account_security.choices import Circumstances, DeviceKind, IssuedBy
from bluelamp.core.forms import (
    GovukCheckboxSelectMultiple,
    GovukRadioSelect,
    date_field,
    london_start,
    text_field,
    time_field,
)


class LostDeviceForm(forms.Form):
    """What was lost, when, and which accounts were signed in on it."""

    device = text_field("What was lost", hint="For example, iPhone 13 in a black case.")
    device_kind = forms.ChoiceField(
        label="What kind of device",
        choices=DeviceKind.choices,
        widget=GovukRadioSelect,
        required=False,
    )
    issued_by = forms.ChoiceField(
        label="Whose device is it",
        choices=IssuedBy.choices,
        widget=GovukRadioSelect,
        required=False,
    )
    circumstances = forms.ChoiceField(
        label="Was it lost or stolen",
        choices=Circumstances.choices,
        widget=GovukRadioSelect,
        required=False,
    )
    lost_on = date_field("Date it was lost")
    lost_time = time_field(
        "Time it was lost (about)",
        hint="For example, 09:30, 14:00 or 2pm. Leave it empty if you do not know.",
    )
    accounts = forms.MultipleChoiceField(
        label="Accounts signed in on it",
        help_text="The accounts you are on the roster of are listed; untick any that were not "
        "signed in on the device.",
        widget=GovukCheckboxSelectMultiple,
        required=False,
    )
    details = text_field(
        "Anything else", hint="Where and how, a crime number if stolen.", area=True
    )
    service_fields: ClassVar[dict[str, str]] = {"lost_at": "lost_on"}

    def __init__(self, *args, accounts=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accounts"].choices = [
            (str(a.pk), f"{a.at_handle} on {a.get_platform_display()}") for a in accounts
        ]

    def lost_at(self) -> dt.datetime | None:
        day = self.cleaned_data.get("lost_on")
        start = london_start(day)
        when = self.cleaned_data.get("lost_time")
        if start is None or when is None:
            return start
        return start.replace(hour=when.hour, minute=when.minute)


class StepForm(forms.Form):
    """Tick a step; the password step also takes the new sign-in."""

    note = text_field("Note (optional)", hint="What you did, for the record.", area=True)


class PasswordStepForm(forms.Form):
    username = text_field("Username", hint="Leave empty to keep the username already in the vault.")
    password = forms.CharField(
        label="New password", required=False, widget=forms.PasswordInput(render_value=False)
    )
    note = text_field("Note (optional)", area=True)


class SuspendForm(forms.Form):
    reason = text_field("Why publishing is suspended", area=True)


class ConfirmForm(forms.Form):
    pass


class RotationForm(forms.Form):
    username = text_field("Username", hint="The username or e-mail the account signs in with.")
    password = forms.CharField(
        label="New password", required=False, widget=forms.PasswordInput(render_value=False)
    )


class StaffChangesForm(forms.Form):
    file = forms.FileField(
        label="Upload the CSV file",
        help_text="A header line username,change,team, then one line per person: change is "
        "left or moved; team is the new team (for moved).",
        required=False,
    )

"""Forms for writing, approving and publishing posts. They parse what the browser sent and render
GOV.UK components; the services validate again (the same checks serve the API), and the views
put a service's field errors back on the form (``apply_service_errors``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from django import forms

from bluelamp.core.forms import GovukRadioSelect, month_number_of, time_of_day
from bluelamp.publishing.choices import PostKind

LONDON = ZoneInfo("Europe/London")


# --- Writing ------------------------------------------------------------------------------------


class PostTextForm(forms.Form):
    """The words of a post, its kind and the second-opinion request (edit page)."""

    kind = forms.ChoiceField(
        label="What kind of post is it?",
        choices=PostKind.choices,
        widget=GovukRadioSelect,
        initial=PostKind.POST,
    )
    text = forms.CharField(
        label="What do you want to post?",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        strip=False,
        help_text="The policy's checks run as you type, or when you press Check.",
    )
    second_opinion = forms.BooleanField(
        label="Ask my line manager for a second opinion",
        required=False,
        help_text="Your line manager must approve the post before it goes out (CC/01 6.14).",
    )
    in_reply_to = forms.CharField(
        label="If it is a reply: which post does it reply to?",
        required=False,
        max_length=500,
        help_text="Paste the post's address on X or Facebook (for example "
        "https://x.com/WMPolice/status/1866152345678901234), or find it in the archive below.",
    )
    quote_of = forms.CharField(
        label="If it quotes a post (X only): which post?",
        required=False,
        max_length=500,
        help_text="The address of the post on X, or find it in the archive below.",
    )
    find = forms.CharField(
        label="Find the post it answers in the archive",
        required=False,
        max_length=200,
        help_text="Words from the post. Only posts published on the account's platform are listed.",
    )


class ComposeForm(PostTextForm):
    """A new post: which account, what kind, the words (CC/01 3.11: only accounts you may post on)."""

    field_order = ("account", "kind", "in_reply_to", "quote_of", "text", "second_opinion")
    service_fields: ClassVar[dict[str, str]] = {"accounts": "also"}

    account = forms.TypedChoiceField(
        label="Which account is it for?",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose an account you may post on"},
    )

    def __init__(self, *args: Any, accounts: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accounts = {a.pk: a for a in accounts}
        self.fields["account"].choices = [("", "Choose an account")] + [
            (a.pk, f"{a.at_handle} on {a.get_platform_display()}") for a in self.accounts.values()
        ]
        self.fields["also"].choices = self.fields["account"].choices[1:]

    also = forms.TypedMultipleChoiceField(
        label="Also post the same words on (optional)",
        coerce=int,
        required=False,
        help_text="Each account gets a draft of its own: checked for its own account, approved "
        "and published on its own.",
        error_messages={"invalid_choice": "Choose only accounts you may post on"},
    )

    def clean_also(self):
        return [self.accounts[pk] for pk in self.cleaned_data.get("also") or []]

    def clean_account(self):
        pk = self.cleaned_data.get("account")
        if pk is None:
            raise forms.ValidationError("Choose the account to post on")
        account = self.accounts.get(pk)
        if account is None:
            raise forms.ValidationError("Choose an account you may post on")
        return account


class ApproverEditForm(forms.Form):
    text = forms.CharField(
        label="Text of the post",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        strip=False,
        help_text="Your changes are checked again and kept as a new version, which goes back "
        "to the author to accept.",
    )


# --- Images -------------------------------------------------------------------------------------


class ImageForm(forms.Form):
    image = forms.FileField(
        label="Upload an image",
        required=False,
        help_text="A JPEG, PNG, GIF or WebP image smaller than 8 MB. Its location and other "
        "details are removed before it is kept.",
    )
    alt_text = forms.CharField(
        label="Describe the image for people who cannot see it",
        max_length=1000,
        required=False,
    )
    force_owns = forms.ChoiceField(
        label="Does the force own this image?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=GovukRadioSelect,
        required=False,
        help_text="Only images the force owns, or may use with the owner's agreement, are "
        "posted (CC/01 4.13).",
    )
    ownership_note = forms.CharField(
        label="Who owns it, and did they agree to the force using it?",
        max_length=500,
        required=False,
    )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is None:
            raise forms.ValidationError("Choose an image to upload")
        return upload

    def owns(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("force_owns") or "")


class ConsentForm(forms.Form):
    service_fields: ClassVar[dict[str, str]] = {"consent_note": "note"}

    note = forms.CharField(
        label="How was consent obtained?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Who agreed to be shown, and how (CC/01 4.10).",
    )


# --- The disclosure record ----------------------------------------------------------------------


class RecordForm(forms.Form):
    incident_log_ref = forms.CharField(label="Incident log reference", required=False)
    crime_ref = forms.CharField(label="Crime reference", required=False)
    oic_told = forms.BooleanField(
        label="There is no open log: I told the officer in the case", required=False
    )
    oic_name = forms.CharField(label="Name of the officer in the case", required=False)


# --- Scheduling ---------------------------------------------------------------------------------


class WhenForm(forms.Form):
    """A date and a time of day in the UK (GOV.UK date input and a time field)."""

    service_fields: ClassVar[dict[str, str]] = {"scheduled_for": "day"}
    required_when = False

    # No max_length: "March" or "9:30am" get the date's and the time's own messages below,
    # one per field, rather than Django's "Ensure this value has at most 2 characters".
    day = forms.CharField(label="Day", required=False)
    month = forms.CharField(label="Month", required=False)
    year = forms.CharField(label="Year", required=False)
    time = forms.CharField(
        label="Time", required=False, help_text="For example, 09:30, 14:00 or 2pm"
    )

    def clean(self):
        data = super().clean()
        parts = [data.get(name, "").strip() for name in ("day", "month", "year", "time")]
        data["when"] = None
        if not any(parts):
            if self.required_when:
                self.add_error("day", "Enter the date to publish")
            return data
        day, month, year, time = parts
        # Every date error is on the day box: the error summary links there (GOV.UK).
        missing = [n for n, v in (("a day", day), ("a month", month), ("a year", year)) if not v]
        if missing:
            self.add_error("day", f"The date to publish must include {' and '.join(missing)}")
            return data
        month_number = month_number_of(month)
        if not (day.isdigit() and year.isdigit() and month_number):
            self.add_error("day", "The date to publish must be a real date")
            return data
        if len(year) != 4:
            self.add_error("day", "Year must include 4 numbers")
            return data
        try:
            date = dt.date(int(year), month_number, int(day))
        except ValueError:
            self.add_error("day", "The date to publish must be a real date")
            return data
        moment = time_of_day(time)
        if moment is None:
            self.add_error(
                "time",
                "Enter the time to publish"
                if not time
                else "Enter a real time, for example 09:30, 14:00 or 2pm",
            )
            return data
        data["when"] = dt.datetime.combine(date, moment, tzinfo=LONDON)
        return data


class SubmitForm(WhenForm):
    """Send the post on: to its approver, or ready (or scheduled, with a time)."""


class ScheduleForm(WhenForm):
    required_when = True


# --- Deciding, removing, connecting -------------------------------------------------------------


class ApproveForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, label: str = "Reason", required: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.reason_required = required

    def clean_reason(self):
        reason = self.cleaned_data.get("reason", "").strip()
        if self.reason_required and not reason:
            raise forms.ValidationError("Give the reason")
        return reason


class ByHandForm(forms.Form):
    reason = forms.CharField(
        label="Why was it removed?", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    detail = forms.CharField(
        label="Who removed it in the app, and when?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class CorrectForm(forms.Form):
    """New words for a published post (the platform is asked to change them)."""

    text = forms.CharField(
        label="The corrected words",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Checked like a new post. Correcting inaccurate personal information is "
        "CC/01 4.26.",
    )
    reason = forms.CharField(
        label="Why is it being corrected?", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CorrectByHandForm(CorrectForm):
    detail = forms.CharField(
        label="Who corrected it in the app, and when?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ExpiryForm(WhenForm):
    """The day an access token expires (optional): the end of that day, UK time."""

    service_fields: ClassVar[dict[str, str]] = {"expires_at": "day"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("time")

    def clean(self):
        data = forms.Form.clean(self)
        parts = [data.get(name, "").strip() for name in ("day", "month", "year")]
        data["when"] = None
        if not any(parts):
            return data
        try:
            date = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            self.add_error("day", "Enter a real date, for example 27 3 2027")
            return data
        data["when"] = dt.datetime.combine(date, dt.time(23, 59), tzinfo=LONDON)
        return data


class ConnectionForm(forms.Form):
    token = forms.CharField(
        label="Access token",
        required=False,
        strip=True,
        help_text="The platform's OAuth access token for the account. It is kept encrypted "
        "and never shown again.",
    )
    platform_account_id = forms.CharField(
        label="Facebook Page or Instagram account id",
        required=False,
        max_length=100,
        help_text="Numbers only. Not needed for X.",
    )


# --- Held posts after a major incident ----------------------------------------------------------


class HeldPostsForm(WhenForm):
    """CCD's decision on the held posts it ticks: release, reschedule (to one time) or
    withdraw them (CC/01 4.16)."""

    field_order = ("posts", "decision", "day", "month", "year", "time", "reason")
    service_fields: ClassVar[dict[str, str]] = {"scheduled_for": "day"}

    posts = forms.MultipleChoiceField(
        label="Held posts",
        required=True,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one held post",
            "invalid_choice": "One of the posts selected is no longer held: select again",
        },
    )
    decision = forms.ChoiceField(
        label="What should happen to the posts selected?",
        choices=(
            ("release", "Release them: ready again, or scheduled for their own time"),
            ("reschedule", "Reschedule them all for one new time"),
            ("withdraw", "Withdraw them: they will not be published"),
        ),
        widget=GovukRadioSelect,
        error_messages={"required": "Choose what should happen to the posts selected"},
    )
    reason = forms.CharField(
        label="Why are they being withdrawn? (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, choices: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["posts"].choices = list(choices)

    def clean(self):
        data = super().clean()
        unset = data.get("when") is None and not (self.has_error("day") or self.has_error("time"))
        if data.get("decision") == "reschedule" and unset:
            self.add_error("day", "Enter the date and time to publish them")
        return data

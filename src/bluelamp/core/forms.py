"""Forms for core's pages, and what every app's forms share: the service-error mapping, the
refusal helper, the fixable refusals and the GOV.UK field builders."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from bluelamp.core import selectors
from bluelamp.core.auth_backends import password_refused
from bluelamp.core.errors import (
    ApplicationError,
    ConflictError,
    InvalidInputError,
    InvalidTransitionError,
)
from bluelamp.engine.deadlines import LONDON


class LoginForm(AuthenticationForm):
    """Sign in with username and password; says so plainly when the username is locked."""

    error_messages: ClassVar[dict[str, str]] = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask Corporate Communications.",
        "sso_only": (
            "Sign in with %(provider)s instead: passwords are switched off for everyone except "
            "the emergency (break-glass) account."
        ),
        "account_locked": (
            "This account is locked after too many failed sign-in attempts. "
            "Try again after %(until)s, or ask Corporate Communications to unlock it."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.error_messages["required"] = "Enter your username"
        username.widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        password = self.fields["password"]
        password.error_messages["required"] = "Enter your password"
        password.widget.attrs.update({"autocomplete": "current-password", "spellcheck": "false"})

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and password_refused(username):
            # Refused before the password is checked: nothing is learnt about the password,
            # and the attempt does not count towards the lock-out.
            self.password_refused = True
            raise forms.ValidationError(
                self.error_messages["sso_only"],
                code="sso_only",
                params={"provider": settings.BLUELAMP_SIGN_IN.provider_name},
            )
        return super().clean()

    def get_invalid_login_error(self):
        username = self.cleaned_data.get("username") or ""
        until = selectors.login_locked_until(username=username)
        if until is not None:
            return forms.ValidationError(
                self.error_messages["account_locked"],
                code="account_locked",
                params={"until": timezone.localtime(until).strftime("%H:%M")},
            )
        return super().get_invalid_login_error()


# --- What every app's forms share -----------------------------------------------------------------

#: The refusals a person can fix on the page they are on: the form is shown again with the
#: message (bad input, a state that changed under them, a clash with something recorded).
#: Domain errors that are fixable subclass one of these (e.g. ``ExtensionRefusedError`` is a
#: ConflictError). Anything else (403, 404, a platform failure) goes to the error pages.
FIXABLE: tuple[type[ApplicationError], ...] = (
    InvalidInputError,
    InvalidTransitionError,
    ConflictError,
)


class GovukRadioSelect(forms.RadioSelect):
    """Radios whose first input is what an error summary links to (Django's own RadioSelect
    gives no id for a label, which leaves the summary's link with nowhere to go)."""

    def id_for_label(self, id_, index="0"):
        return f"{id_}_{index}" if id_ else ""


class GovukCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes whose first input is what an error summary links to."""

    def id_for_label(self, id_, index="0"):
        return f"{id_}_{index}" if id_ else ""


def apply_service_errors(form: forms.Form, error: InvalidInputError) -> None:
    """Put a service's field errors on the form: on the field of that name when the form has
    one (or the form field that feeds it, ``form.service_fields``), else at the top."""
    errors = error.fields.get("errors") or {}
    if not errors:
        form.add_error(None, error.message)
        return
    aliases = getattr(form, "service_fields", {})
    for name, messages in errors.items():
        target = aliases.get(name, name)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)


def refused(form: forms.Form, error: ApplicationError) -> int:
    """Put a service's refusal on ``form`` (field errors where they belong; any other refusal
    on the field its class names, ``form_field``, or at the top); returns the status to answer
    the page with."""
    if isinstance(error, InvalidInputError):
        apply_service_errors(form, error)
        return 400
    field = error.form_field
    form.add_error(field if field in form.fields else None, error.message)
    return error.http_status


def problem_form(message: str | None = None) -> forms.Form:
    """A bound form with no fields, to carry a message about the page as a whole."""
    form = forms.Form(data={})
    form.is_valid()
    if message:
        form.add_error(None, message)
    return form


def london_start(day: dt.date | None) -> dt.datetime | None:
    """The start of ``day`` in Europe/London, as an aware time (None stays None)."""
    return None if day is None else dt.datetime.combine(day, dt.time(0), tzinfo=LONDON)


def text_field(label: str, *, hint: str = "", area: bool = False) -> forms.CharField:
    """An optional text box (``area``: several lines): the service says what is required."""
    widget = forms.Textarea(attrs={"rows": 4}) if area else forms.TextInput
    return forms.CharField(label=label, help_text=hint, required=False, widget=widget)


def choice_field(label: str, choices, *, blank: str = "Select") -> forms.ChoiceField:
    """An optional drop-down with a blank first option."""
    return forms.ChoiceField(label=label, choices=[("", blank), *choices], required=False)


_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes named ``<name>_day`` and so on
    (rendered by includes/field_date.html). A single ``<name>=2026-03-27`` in the data (an
    old link, an API-style query) is read too."""

    input_type = "govuk-date"
    PARTS = ("day", "month", "year")

    def __init__(self, attrs=None):
        super().__init__({part: forms.TextInput() for part in self.PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        whole = data.get(name)
        if not any(parts) and whole:
            match = _ISO_DATE.fullmatch(whole.strip())
            if match:
                return [match["day"], match["month"], match["year"]]
            return [whole, "", ""]  # the field says what is missing
        return parts

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip


def month_number_of(month: str) -> int | None:
    """A month as people write it: "3", "03", "March", "mar" -> 3; None for anything else."""
    month = month.strip().lower().rstrip(".")
    if month.isdigit():
        return int(month)
    return _MONTHS.get(month)


class GovukDateField(forms.MultiValueField):
    """An optional date in a GOV.UK date input, with the Design System's error wording: "Date
    received must include a month", "Date received must be a real date". A month may be
    written as a number or a name ("3", "March", "mar")."""

    widget = GovukDateInput

    def __init__(self, *, label: str, help_text: str = "", required: bool = False, **kwargs):
        part = forms.CharField(required=False, strip=True)
        super().__init__(
            fields=(part, part, part),
            require_all_fields=False,
            required=required,
            label=label,
            help_text=help_text,
            **kwargs,
        )

    def clean(self, value):
        if isinstance(value, dt.date):
            return value
        return self.compress([str(v or "").strip() for v in value or ()])

    def compress(self, data_list):
        day, month, year = [*list(data_list), "", "", ""][:3]
        label = self.label or "The date"
        if not any((day, month, year)):
            if self.required:
                raise forms.ValidationError(f"Enter {label.lower()}", code="required")
            return None
        missing = [
            name
            for name, v in zip(("a day", "a month", "a year"), (day, month, year), strict=True)
            if not v
        ]
        if missing:
            raise forms.ValidationError(
                f"{label} must include {' and '.join(missing)}", code="incomplete"
            )
        month_number = _MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
        if not day.isdigit() or month_number is None or not year.isdigit():
            raise forms.ValidationError(f"{label} must be a real date", code="invalid")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers", code="invalid")
        try:
            return dt.date(int(year), month_number, int(day))
        except ValueError:
            raise forms.ValidationError(f"{label} must be a real date", code="invalid") from None


def date_field(label: str, hint: str = "For example, 27 3 2026") -> GovukDateField:
    """An optional date in a GOV.UK date input."""
    return GovukDateField(label=label, help_text=hint)


# 09:30, 9.30, 9:30am, 9:30 pm, 9am (GOV.UK: accept the ways people write a time).
TIME_OF_DAY = re.compile(
    r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$", re.IGNORECASE
)


def time_of_day(text: str) -> dt.time | None:
    """The time written as 09:30, 9.30, 14:00, 9:30am or 2pm; None when it is not a time."""
    match = TIME_OF_DAY.match(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match.group(2) is None:
        return None  # "9" alone: morning or evening?
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class GovukTimeField(forms.CharField):
    """An optional time typed as people write it (no browser time picker, whose format
    depends on the browser's locale): "Enter a real time, for example 09:30, 14:00 or 2pm"."""

    def __init__(self, *, label: str, help_text: str = "", required: bool = False, **kwargs):
        super().__init__(label=label, help_text=help_text, required=required, strip=True, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        found = time_of_day(text)
        if found is None:
            raise forms.ValidationError(
                f"{self.label} must be a real time, for example 09:30, 14:00 or 2pm",
                code="invalid",
            )
        return found


def time_field(label: str, hint: str = "For example, 09:30, 14:00 or 2pm") -> GovukTimeField:
    """An optional time of day in a text box."""
    return GovukTimeField(label=label, help_text=hint)

"""Forms for the crisis pages. They only parse what was typed: the services validate it and
their messages are put back on the form (``apply_service_errors``)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django import forms

from bluelamp.core.errors import InvalidInputError
from bluelamp.engine.deadlines import LONDON


def apply_service_errors(form: forms.Form, error: InvalidInputError) -> None:
    """Put a service's field errors on the form (on the field of that name when the form has
    one, or the form field that feeds it, else at the top)."""
    errors = error.fields.get("errors") or {}
    if not errors:
        form.add_error(None, error.message)
        return
    aliases = getattr(form, "service_fields", {})
    for name, messages in errors.items():
        field = aliases.get(name, name)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def london_start(day: dt.date | None) -> dt.datetime | None:
    """The start of ``day`` in Europe/London, as an aware time (None stays None)."""
    return None if day is None else dt.datetime.combine(day, dt.time(0), tzinfo=LONDON)


def _text(label: str, *, hint: str = "", area: bool = False) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 4}) if area else forms.TextInput
    return forms.CharField(label=label, help_text=hint, required=False, widget=widget)


def _date(label: str, hint: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=hint,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date, for example 2026-04-27"},
    )


class DeclareForm(forms.Form):
    title = _text(
        "Title of the major incident",
        hint="Shown on every page while it is declared, e.g. 'Flooding in Dudley town centre'.",
    )
    reason = _text("Why it is declared", area=True)


class EndForm(forms.Form):
    reason = _text("Why it is ended", area=True)


class ElectionForm(forms.Form):
    title = _text("Title", hint="For example, 'Police and Crime Commissioner election 2028'.")
    reason = _text("Why it is set", hint="For example, the notice of election.", area=True)
    starts_on = _date("First day", "The period starts at midnight at the start of this day.")
    ends_on = _date(
        "Last day", "Usually polling day or the day of the count. It ends at midnight after it."
    )
    service_fields: ClassVar[dict[str, str]] = {"starts_at": "starts_on", "ends_at": "ends_on"}

    def period(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The aware start and (exclusive) end of the days entered."""
        data = self.cleaned_data
        ends_on = data.get("ends_on")
        return (
            london_start(data.get("starts_on")),
            london_start(ends_on + dt.timedelta(days=1)) if ends_on else None,
        )

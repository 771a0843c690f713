"""Forms for the crisis pages. They only parse what was typed: the services validate it and
their messages are put back on the form (``apply_service_errors``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms

from bluelamp.core.forms import date_field, london_start, text_field


class DeclareForm(forms.Form):
    title = text_field(
        "Title of the major incident",
        hint="Shown on every page while it is declared, e.g. 'Flooding in Dudley town centre'.",
    )
    reason = text_field("Why it is declared", area=True)


class EndForm(forms.Form):
    reason = text_field("Why it is ended", area=True)


class ElectionForm(forms.Form):
    title = text_field("Title", hint="For example, 'Police and Crime Commissioner election 2028'.")
    reason = text_field("Why it is set", hint="For example, the notice of election.", area=True)
    starts_on = date_field("First day", "The period starts at midnight at the start of this day.")
    ends_on = date_field(
        "Last day", "Usually polling day or the day of the count. It ends at midnight after it."
    )
    service_fields: ClassVar[dict[str, str]] = {"starts_at": "starts_on", "ends_at": "ends_on"}

    @staticmethod
    def period_from(data: Any) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The aware start and (exclusive) end of the days in the cleaned data."""
        ends_on = data.get("ends_on")
        return (
            london_start(data.get("starts_on")),
            london_start(ends_on + dt.timedelta(days=1)) if ends_on else None,
        )

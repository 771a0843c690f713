"""Helpers for GOV.UK components that Django's bound fields do not give directly."""

from __future__ import annotations

from django import template

register = template.Library()

_PARTS = (("day", "Day", "govuk-input--width-2"), ("month", "Month", "govuk-input--width-2"),
          ("year", "Year", "govuk-input--width-4"))  # fmt: skip


@register.filter
def date_parts(field) -> list[dict[str, str]]:
    """The day, month and year boxes of a core.forms.GovukDateField: label, id, name, value
    (what was typed, kept as typed after an error) and width class."""
    widget = field.field.widget
    values = field.value()
    if not isinstance(values, list | tuple):
        values = widget.decompress(values)
    values = [*list(values), None, None, None][:3]
    return [
        {
            "label": label,
            "id": f"{field.auto_id}_{part}",
            "name": f"{field.html_name}_{part}",
            "value": "" if value is None else str(value),
            "width": width,
        }
        for (part, label, width), value in zip(_PARTS, values, strict=True)
    ]

"""The GOV.UK date input every form uses (core.forms.date_field): day, month and year boxes,
the Design System's error wording, one message per field, and the error summary's link going to
a box that exists."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.template.loader import render_to_string

from bluelamp.core.forms import date_field


class Form(forms.Form):
    received_on = date_field("Date received")


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("27", "3", "2026", dt.date(2026, 3, 27)),
        ("27", "March", "2026", dt.date(2026, 3, 27)),
        ("7", "mar", "2026", dt.date(2026, 3, 7)),
        ("", "", "", None),
    ],
)
def test_a_date_is_read_from_its_three_boxes(day, month, year, expected):
    form = Form({"received_on_day": day, "received_on_month": month, "received_on_year": year})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["received_on"] == expected


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("27", "", "2026", "Date received must include a month"),
        ("", "", "2026", "Date received must include a day and a month"),
        ("31", "2", "2026", "Date received must be a real date"),
        ("27", "Marchember", "2026", "Date received must be a real date"),
        ("27", "3", "26", "Year must include 4 numbers"),
    ],
)
def test_wrong_dates_get_the_govuk_wording(day, month, year, message):
    form = Form({"received_on_day": day, "received_on_month": month, "received_on_year": year})
    assert not form.is_valid()
    assert form.errors["received_on"] == [message]


def test_an_iso_date_in_the_data_is_still_read():
    form = Form({"received_on": "2026-03-27"})
    assert form.is_valid() and form.cleaned_data["received_on"] == dt.date(2026, 3, 27)
    assert not Form({"received_on": "27/03/2026"}).is_valid()


def test_the_input_is_govuk_and_the_summary_links_to_the_day_box():
    form = Form(
        {"received_on_day": "27", "received_on_month": "March!", "received_on_year": "2026"}
    )
    form.is_valid()
    field = render_to_string("includes/field_date.html", {"field": form["received_on"]})
    summary = render_to_string("includes/error_summary.html", {"form": form})

    assert 'type="date"' not in field
    assert field.count('class="govuk-error-message"') == 1
    assert field.count('id="id_received_on-error"') == 1
    assert 'id="id_received_on_day"' in field and 'name="received_on_month"' in field
    assert 'value="March!"' in field
    assert 'href="#id_received_on_day"' in summary

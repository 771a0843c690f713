"""The date and time to publish: GOV.UK wording, month names, times as people write them, one
message per field and every date message on the day box the error summary links to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string

from bluelamp.publishing.forms import LONDON, ScheduleForm


def when(day="27", month="3", year="2027", time="09:30"):
    return ScheduleForm({"day": day, "month": month, "year": year, "time": time})


@pytest.mark.parametrize(
    ("month", "time", "expected"),
    [
        ("3", "09:30", dt.datetime(2027, 3, 27, 9, 30, tzinfo=LONDON)),
        ("March", "9:30am", dt.datetime(2027, 3, 27, 9, 30, tzinfo=LONDON)),
        ("mar", "2pm", dt.datetime(2027, 3, 27, 14, 0, tzinfo=LONDON)),
        ("03", "12:15 a.m.", dt.datetime(2027, 3, 27, 0, 15, tzinfo=LONDON)),
        ("3", "14.05", dt.datetime(2027, 3, 27, 14, 5, tzinfo=LONDON)),
    ],
)
def test_dates_and_times_as_people_write_them(month, time, expected):
    form = when(month=month, time=time)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == expected


@pytest.mark.parametrize(
    ("fields", "where", "message"),
    [
        ({"month": "Marchember"}, "day", "The date to publish must be a real date"),
        ({"month": ""}, "day", "The date to publish must include a month"),
        ({"day": "31", "month": "2"}, "day", "The date to publish must be a real date"),
        ({"time": "9"}, "time", "Enter a real time, for example 09:30, 14:00 or 2pm"),
        ({"time": "13pm"}, "time", "Enter a real time, for example 09:30, 14:00 or 2pm"),
        ({"time": ""}, "time", "Enter the time to publish"),
    ],
)
def test_one_message_in_govuk_words_on_the_right_field(fields, where, message):
    form = when(**fields)
    assert not form.is_valid()
    assert dict(form.errors) == {where: [message]}


def test_the_rendered_field_has_one_message_per_id():
    form = when(time="9:30xm")
    form.is_valid()
    html = render_to_string("publishing/includes/date_time.html", {"form": form, "legend": "When"})
    assert html.count('id="id_time-error"') == 1

"""The lost-device form takes the time as people write it, in a text box with GOV.UK wording."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.account_security.forms import LostDeviceForm

DAY = {"lost_on_0": "1", "lost_on_1": "March", "lost_on_2": "2026"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [("9:30pm", dt.time(21, 30)), ("21.30", dt.time(21, 30)), ("2pm", dt.time(14, 0))],
)
def test_the_time_is_read_as_people_write_it(written, expected):
    form = LostDeviceForm({**DAY, "lost_time": written, "details": ""})
    form.is_valid()
    assert "lost_time" not in form.errors
    assert form.cleaned_data["lost_time"] == expected


@pytest.mark.parametrize("written", ["25:00", "9", "teatime"])
def test_a_time_that_is_not_one_is_named(written):
    form = LostDeviceForm({**DAY, "lost_time": written})
    form.is_valid()
    assert form.errors["lost_time"] == [
        "Time it was lost (about) must be a real time, for example 09:30, 14:00 or 2pm"
    ]


def test_the_time_box_is_text_not_a_browser_time_picker():
    html = str(LostDeviceForm()["lost_time"])
    assert 'type="text"' in html
    assert 'type="time"' not in html

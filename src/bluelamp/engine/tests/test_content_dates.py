"""Dates found in posts' words, on wording like the force's own posts."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.engine.content_dates import dates_in_text, last_date_in_text

D = dt.date

CASES = [
    (
        "ROAD CLOSURE: the A38 Bristol Road will be closed between 8pm Saturday 14 March and "
        "6am Monday 16 March for resurfacing. Diversions signed.",
        D(2026, 3, 2),
        [D(2026, 3, 14), D(2026, 3, 16)],
    ),
    (
        "Join us at our Community Engagement Day at Perry Barr Police Station on the 4th of "
        "April, 10am-2pm.",
        D(2026, 3, 20),
        [D(2026, 4, 4)],
    ),
    (
        "Road closed 21/03/2026 – 23/3/26 for the marathon.",
        D(2026, 3, 1),
        [D(2026, 3, 21), D(2026, 3, 23)],
    ),
    ("Our Christmas toy appeal ends Sunday 4 January.", D(2025, 12, 20), [D(2026, 1, 4)]),
    ("Drop-in surgery: March 28th, 2026 at Sutton library.", D(2026, 3, 1), [D(2026, 3, 28)]),
    ("Can you help us find Jamie, 14, missing from Dudley?", D(2026, 3, 1), []),
    ("We seized 3 cars and 2 phones on Tuesday.", D(2026, 3, 1), []),
    ("Event on 31 February", D(2026, 1, 1), []),
    ("Update on the 12 Sept 2025 collision on the M6.", D(2026, 3, 1), [D(2025, 9, 12)]),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_dates_are_found_in_real_looking_wording(text, published, expected):
    assert dates_in_text(text, published_on=published) == expected


def test_the_last_date_is_the_day_the_event_ends():
    text = CASES[0][0]
    assert last_date_in_text(text, published_on=D(2026, 3, 2)) == D(2026, 3, 16)
    assert last_date_in_text("No date here", published_on=D(2026, 3, 2)) is None

"""core.validation: the input checks every service shares, one wording per message."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.core import validation
from bluelamp.core.errors import FieldErrors
from bluelamp.social_accounts.choices import Platform

NOW = dt.datetime(2026, 3, 27, 12, 0, tzinfo=dt.UTC)


def test_text_is_stripped_and_a_blank_required_text_gets_the_services_words():
    errors = FieldErrors()
    assert validation.text(errors, "reason", "  why \n", required="Say why") == "why"
    assert validation.text(errors, "note", "   ", required="Say why") == ""
    assert errors.errors == {"note": ["Say why"]}


def test_a_single_line_text_has_its_spaces_collapsed():
    errors = FieldErrors()
    assert validation.text(errors, "name", " a \n  b ", required=None, multiline=False) == "a b"
    assert not errors.errors


def test_a_text_too_long_always_says_enter_no_more_than_n_characters():
    errors = FieldErrors()
    validation.text(errors, "title", "x" * 11, required="Enter it", max_length=10)
    assert errors.errors == {"title": ["Enter no more than 10 characters"]}
    assert validation.too_long(10) == "Enter no more than 10 characters"


@pytest.mark.parametrize("value", ["", None, "myspace"])
def test_a_choice_not_among_the_choices_gets_the_message_and_is_blank(value):
    errors = FieldErrors()
    assert validation.choice(errors, "platform", value, Platform, "Choose the platform") == ""
    assert errors.errors == {"platform": ["Choose the platform"]}


def test_a_choice_among_the_choices_is_kept():
    errors = FieldErrors()
    assert validation.choice(errors, "platform", "x", Platform, "Choose") == "x"
    assert not errors.errors


@pytest.mark.parametrize(
    "value,kwargs,message",
    [
        (None, {}, "Enter when"),
        ("", {}, "Enter when"),
        (dt.datetime(2026, 3, 1, 9, 0), {}, "Enter a date and time with its time zone"),
        (
            "2026-03-01",
            {"what": "the date it arrived"},
            "Enter the date it arrived as a date and time with its time zone",
        ),
        (
            NOW + dt.timedelta(days=1),
            {"now": NOW, "what": "the date it arrived"},
            "The date it arrived cannot be in the future",
        ),
        (
            NOW - dt.timedelta(days=2),
            {"not_before": NOW - dt.timedelta(days=1), "not_before_message": "Too early"},
            "Too early",
        ),
    ],
)
def test_a_moment_that_is_not_acceptable_gets_one_message(value, kwargs, message):
    errors = FieldErrors()
    assert validation.moment(errors, "at", value, required="Enter when", **kwargs) is None
    assert errors.errors == {"at": [message]}


def test_a_moment_later_today_is_not_in_the_future():
    errors = FieldErrors()
    later = NOW + dt.timedelta(hours=3)
    assert validation.moment(errors, "at", later, NOW, required="Enter when") == later
    assert not errors.errors

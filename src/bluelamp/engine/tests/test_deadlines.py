"""Statutory clocks (spec/deadlines.md): tables of dates worked out by hand from a calendar.

Every expected value below was worked out from ``calendar.month(...)`` and the England & Wales
bank holidays listed by the ``holidays`` package — never by calling the code under test. The
working is in the comment beside each row: received → raw deadline (rule 2) → rolled (rule 3).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluelamp.engine.deadlines import (
    PART3_EXTENSION_FROM,
    Clock,
    DeadlineError,
    DeadlineInputError,
    ExtensionNotAllowed,
    PauseNotAllowed,
    bank_holidays,
    compute_clock,
    describe_due,
    is_working_day,
    london_date,
    next_working_day,
    working_days_between,
)

D = dt.date
UTC = dt.UTC


def stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# --------------------------------------------------------------------------- rule 2 + rule 3

DEADLINES = [
    # The spec's three examples.
    pytest.param(D(2024, 11, 25), D(2024, 12, 27), id="spec: Mon 25 Nov 2024, 25+26 Dec holidays"),
    pytest.param(D(2026, 1, 1), D(2026, 2, 2), id="spec: 1 Jan 2026, raw Sun 1 Feb -> Mon 2 Feb"),
    pytest.param(D(2026, 3, 31), D(2026, 4, 30), id="spec: 31 Mar 2026 -> 30 Apr (no 31 Apr)"),
    # Month ends: the raw deadline is clamped to the last day of the next month.
    pytest.param(D(2025, 1, 31), D(2025, 2, 28), id="31 Jan 2025 -> Fri 28 Feb"),
    pytest.param(D(2025, 1, 30), D(2025, 2, 28), id="30 Jan 2025 -> Fri 28 Feb"),
    pytest.param(D(2025, 1, 29), D(2025, 2, 28), id="29 Jan 2025 -> Fri 28 Feb"),
    pytest.param(D(2026, 1, 31), D(2026, 3, 2), id="31 Jan 2026 -> Sat 28 Feb -> Mon 2 Mar"),
    pytest.param(D(2026, 8, 31), D(2026, 9, 30), id="31 Aug 2026 (a bank holiday) -> Wed 30 Sep"),
    pytest.param(D(2025, 8, 31), D(2025, 9, 30), id="Sun 31 Aug 2025 -> Tue 30 Sep"),
    pytest.param(D(2025, 3, 31), D(2025, 4, 30), id="31 Mar 2025 -> Wed 30 Apr"),
    pytest.param(D(2025, 5, 31), D(2025, 6, 30), id="Sat 31 May 2025 -> Mon 30 Jun"),
    pytest.param(D(2026, 12, 31), D(2027, 2, 1), id="31 Dec 2026 -> Sun 31 Jan -> Mon 1 Feb"),
    pytest.param(D(2027, 1, 31), D(2027, 3, 1), id="31 Jan 2027 -> Sun 28 Feb -> Mon 1 Mar"),
    # Leap years.
    pytest.param(D(2028, 1, 31), D(2028, 2, 29), id="31 Jan 2028 -> Tue 29 Feb (leap)"),
    pytest.param(D(2028, 1, 30), D(2028, 2, 29), id="30 Jan 2028 -> Tue 29 Feb (leap)"),
    pytest.param(
        D(2024, 2, 29), D(2024, 4, 2), id="29 Feb 2024 -> Good Fri 29 Mar -> Easter Mon -> 2 Apr"
    ),
    # Easter: Good Friday and Easter Monday.
    pytest.param(D(2025, 3, 18), D(2025, 4, 22), id="2025 raw Good Fri 18 Apr -> Tue 22 Apr"),
    pytest.param(D(2025, 3, 21), D(2025, 4, 22), id="2025 raw Easter Mon 21 Apr -> Tue 22 Apr"),
    pytest.param(D(2026, 3, 3), D(2026, 4, 7), id="2026 raw Good Fri 3 Apr -> Tue 7 Apr"),
    pytest.param(D(2026, 3, 6), D(2026, 4, 7), id="2026 raw Easter Mon 6 Apr -> Tue 7 Apr"),
    pytest.param(D(2027, 2, 26), D(2027, 3, 30), id="2027 raw Good Fri 26 Mar -> Tue 30 Mar"),
    pytest.param(D(2027, 2, 28), D(2027, 3, 30), id="2027 raw Sun 28 Mar, Easter Mon -> 30 Mar"),
    # Christmas, Boxing Day and substitute days.
    pytest.param(D(2026, 11, 25), D(2026, 12, 29), id="2026 Fri 25, Sat 26, Mon 28 sub -> Tue 29"),
    pytest.param(D(2026, 11, 26), D(2026, 12, 29), id="2026 raw Sat 26 Dec -> Tue 29"),
    pytest.param(D(2027, 11, 24), D(2027, 12, 24), id="2027 raw Fri 24 Dec is a working day"),
    pytest.param(D(2027, 11, 25), D(2027, 12, 29), id="2027 Sat 25, Sun 26, subs 27+28 -> Wed 29"),
    pytest.param(D(2027, 11, 27), D(2027, 12, 29), id="2027 raw Mon 27 Dec (substitute) -> 29"),
    pytest.param(D(2027, 11, 28), D(2027, 12, 29), id="2027 raw Tue 28 Dec (substitute) -> 29"),
    pytest.param(D(2027, 12, 1), D(2028, 1, 4), id="raw Sat 1 Jan 2028, Mon 3 Jan sub -> Tue 4"),
    pytest.param(D(2032, 11, 25), D(2032, 12, 29), id="2032 Sat 25, Sun 26, subs 27+28 -> Wed 29"),
    pytest.param(D(2032, 11, 26), D(2032, 12, 29), id="2032 raw Sun 26 Dec -> Wed 29"),
    # Early May, spring and summer bank holidays.
    pytest.param(D(2025, 4, 5), D(2025, 5, 6), id="2025 raw May Day Mon 5 May -> Tue 6"),
    pytest.param(D(2025, 4, 26), D(2025, 5, 27), id="2025 raw spring Mon 26 May -> Tue 27"),
    pytest.param(D(2025, 7, 25), D(2025, 8, 26), id="2025 raw summer Mon 25 Aug -> Tue 26"),
    pytest.param(D(2026, 4, 4), D(2026, 5, 5), id="2026 received Sat; raw May Day 4 May -> 5"),
    pytest.param(D(2026, 4, 2), D(2026, 5, 5), id="2026 raw Sat 2 May, Sun, May Day -> Tue 5"),
    pytest.param(D(2026, 4, 25), D(2026, 5, 26), id="2026 raw spring Mon 25 May -> Tue 26"),
    pytest.param(D(2026, 7, 31), D(2026, 9, 1), id="2026 raw summer Mon 31 Aug -> Tue 1 Sep"),
    pytest.param(D(2026, 7, 29), D(2026, 9, 1), id="2026 raw Sat 29 Aug, Sun, summer -> Tue 1"),
    pytest.param(D(2027, 4, 30), D(2027, 6, 1), id="2027 raw Sun 30 May, spring Mon 31 -> Tue 1"),
    # One-off bank holidays the package knows.
    pytest.param(D(2022, 8, 19), D(2022, 9, 20), id="2022 State Funeral Mon 19 Sep -> Tue 20"),
    pytest.param(D(2022, 5, 2), D(2022, 6, 6), id="2022 spring Thu 2 Jun, Jubilee Fri 3 -> Mon 6"),
    pytest.param(D(2023, 4, 8), D(2023, 5, 9), id="2023 Coronation Mon 8 May -> Tue 9"),
    # Weekends: a request received on a weekend still starts that day (rule 1).
    pytest.param(D(2026, 1, 10), D(2026, 2, 10), id="received Sat 10 Jan -> Tue 10 Feb"),
    pytest.param(D(2026, 1, 7), D(2026, 2, 9), id="raw Sat 7 Feb -> Mon 9 Feb"),
    pytest.param(D(2026, 1, 8), D(2026, 2, 9), id="raw Sun 8 Feb -> Mon 9 Feb"),
]


@pytest.mark.parametrize("regime", ["ukgdpr", "part3", None])
@pytest.mark.parametrize(("received", "deadline"), DEADLINES)
def test_deadline_is_one_month_later_rolled_to_a_working_day(received, deadline, regime):
    clock = compute_clock(received, regime=regime)
    assert clock.relevant_date == received
    assert clock.deadline == deadline
    assert clock.extension_notice_by is None
    assert clock.extended_deadline is None


@pytest.mark.parametrize(
    ("received", "target", "warning"),
    [
        # Rule 6: relevant + 14 and + 27 calendar days, never rolled.
        (D(2024, 11, 25), D(2024, 12, 9), D(2024, 12, 22)),  # 22 Dec 2024 is a Sunday
        (D(2026, 1, 1), D(2026, 1, 15), D(2026, 1, 28)),
        (D(2026, 3, 31), D(2026, 4, 14), D(2026, 4, 27)),
        (D(2028, 2, 20), D(2028, 3, 5), D(2028, 3, 18)),  # across 29 Feb 2028
    ],
)
def test_force_target_and_warning_are_14_and_27_calendar_days(received, target, warning):
    clock = compute_clock(received, regime="ukgdpr")
    assert (clock.target, clock.warning) == (target, warning)


def test_unknown_regime_uses_the_earlier_deadline_and_says_so():
    clock = compute_clock(D(2026, 1, 1))
    # Without an extension the arithmetic is the same under both regimes: a tie, UK GDPR.
    assert clock.regime_given is False
    assert clock.regime == "ukgdpr"
    assert clock.other_regime_deadline == D(2026, 2, 2) == clock.deadline


def test_unknown_regime_may_be_given_as_the_word_unknown():
    assert compute_clock(D(2026, 1, 1), regime="unknown").deadline == D(2026, 2, 2)


def test_given_regime_is_reported():
    clock = compute_clock(D(2026, 1, 1), regime="part3")
    assert (clock.regime, clock.regime_given, clock.other_regime_deadline) == ("part3", True, None)


# --------------------------------------------------------------------------- rule 1


@pytest.mark.parametrize(
    ("kwargs", "relevant", "deadline"),
    [
        # Identity information later: 20 Jan → raw Fri 20 Feb.
        ({"id_received": D(2026, 1, 20)}, D(2026, 1, 20), D(2026, 2, 20)),
        # Identity on the same day as the request: nothing moves (raw Thu 5 Feb).
        ({"id_received": D(2026, 1, 5)}, D(2026, 1, 5), D(2026, 2, 5)),
        # Fee paid later: 17 Jan (Sat) → raw Tue 17 Feb.
        ({"fee_paid": D(2026, 1, 17)}, D(2026, 1, 17), D(2026, 2, 17)),
        # Both: the latest wins. Fee 31 Jan → raw Sat 28 Feb → Mon 2 Mar.
        (
            {"id_received": D(2026, 1, 20), "fee_paid": D(2026, 1, 31)},
            D(2026, 1, 31),
            D(2026, 3, 2),
        ),
        (
            {"id_received": D(2026, 1, 31), "fee_paid": D(2026, 1, 20)},
            D(2026, 1, 31),
            D(2026, 3, 2),
        ),
    ],
)
def test_relevant_date_is_the_latest_of_received_identity_and_fee(kwargs, relevant, deadline):
    clock = compute_clock(D(2026, 1, 5), regime="ukgdpr", **kwargs)
    assert clock.relevant_date == relevant
    assert clock.deadline == deadline
    # Target and warning run from the relevant date too.
    assert clock.target == relevant + dt.timedelta(days=14)


def test_identity_and_fee_dates_move_target_and_warning():
    # Received Mon 2 Mar, identity Fri 6 Mar, fee Tue 10 Mar → relevant 10 Mar.
    clock = compute_clock(
        D(2026, 3, 2), regime="part3", id_received=D(2026, 3, 6), fee_paid=D(2026, 3, 10)
    )
    assert clock.relevant_date == D(2026, 3, 10)
    assert clock.target == D(2026, 3, 24)
    assert clock.warning == D(
        2026, 4, 6
    )  # 10 + 27 = 37 March = 6 April (Easter Monday; not rolled)
    assert clock.deadline == D(2026, 4, 10)  # raw Fri 10 Apr


@pytest.mark.parametrize("field", ["id_received", "fee_paid"])
def test_identity_or_fee_before_the_request_is_refused(field):
    with pytest.raises(DeadlineInputError, match="before the request was received"):
        compute_clock(D(2026, 3, 2), **{field: D(2026, 3, 1)})


# Timestamps are converted to their Europe/London date first. BST 2026 runs from 01:00 UTC on
# Sunday 29 March to 01:00 UTC on Sunday 25 October.
TIMESTAMPS = [
    pytest.param(
        "2026-03-29T23:30:00+00:00", D(2026, 3, 30), id="BST: 23:30 UTC is 00:30 next day"
    ),
    pytest.param("2026-03-29T00:30:00+00:00", D(2026, 3, 29), id="before the change: still GMT"),
    pytest.param("2026-03-29T01:30:00+01:00", D(2026, 3, 29), id="00:30 UTC, GMT, same day"),
    pytest.param("2026-10-24T23:30:00+00:00", D(2026, 10, 25), id="last BST night: next day"),
    pytest.param("2026-10-25T23:30:00+00:00", D(2026, 10, 25), id="after the change: GMT"),
    pytest.param("2026-10-25T23:30:00-05:00", D(2026, 10, 26), id="04:30 UTC 26 Oct"),
    pytest.param("2026-01-31T23:59:59+00:00", D(2026, 1, 31), id="GMT: 23:59 UTC same day"),
    pytest.param("2026-01-31T23:30:00-01:00", D(2026, 2, 1), id="GMT: 00:30 UTC next day"),
    pytest.param("2026-06-30T23:30:00+00:00", D(2026, 7, 1), id="BST: 30 Jun 23:30 UTC is 1 Jul"),
    pytest.param("2026-07-01T00:30:00+02:00", D(2026, 6, 30), id="Paris 00:30 = 23:30 BST"),
]


@pytest.mark.parametrize(("text", "london"), TIMESTAMPS)
def test_timestamps_are_converted_to_their_london_date(text, london):
    assert london_date(stamp(text)) == london
    assert compute_clock(stamp(text)).relevant_date == london


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2026-03-29T23:30:00+00:00", D(2026, 4, 30)),  # London 30 Mar → raw Thu 30 Apr
        ("2026-03-29T12:00:00+00:00", D(2026, 4, 29)),  # London 29 Mar → raw Wed 29 Apr
        ("2026-06-30T23:30:00+00:00", D(2026, 8, 3)),  # London 1 Jul → raw Sat 1 Aug → Mon 3
        ("2026-10-24T23:30:00+00:00", D(2026, 11, 25)),  # London 25 Oct → raw Wed 25 Nov
    ],
)
def test_deadline_from_a_timestamp_near_midnight(text, deadline):
    assert compute_clock(stamp(text)).deadline == deadline


def test_identity_timestamp_is_converted_too():
    clock = compute_clock(D(2026, 3, 29), id_received=stamp("2026-03-29T23:30:00+00:00"))
    assert clock.relevant_date == D(2026, 3, 30)


def test_identity_timestamp_on_the_same_london_day_is_not_before_the_request():
    # 00:30 BST on 30 Mar is 23:30 UTC on 29 Mar: the same London day as the request.
    clock = compute_clock(D(2026, 3, 30), id_received=stamp("2026-03-29T23:30:00+00:00"))
    assert clock.relevant_date == D(2026, 3, 30)


def test_a_naive_timestamp_is_refused():
    with pytest.raises(DeadlineInputError, match="no UTC offset"):
        compute_clock(dt.datetime(2026, 3, 29, 23, 30))


def test_something_that_is_not_a_date_is_refused():
    with pytest.raises(DeadlineInputError, match="must be a date"):
        compute_clock("2026-03-29")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "word"), [({"regime": "gdpr"}, "regime"), ({"right": "x"}, "right")]
)
def test_unknown_regime_or_right_is_refused(kwargs, word):
    with pytest.raises(DeadlineInputError, match=f"unknown {word}"):
        compute_clock(D(2026, 1, 1), **kwargs)


# --------------------------------------------------------------------------- rule 4


EXTENSIONS = [
    # (received, regime, deadline, notice by, extended deadline)
    # UK GDPR before 5 Feb 2026 may be extended. Sat 3 Jan: raw Tue 3 Feb; +3 months raw
    # Good Friday 3 Apr 2026 → Sat, Sun, Easter Mon 6 → Tue 7 Apr.
    pytest.param(D(2026, 1, 3), "ukgdpr", D(2026, 2, 3), D(2026, 2, 3), D(2026, 4, 7), id="ukgdpr before"),
    # Notice by is the *raw* deadline, not rolled: 31 Jan 2026 → raw Sat 28 Feb; deadline
    # Mon 2 Mar; +3 months: 30 Apr (Thu, clamped from 31).
    pytest.param(D(2026, 1, 31), "ukgdpr", D(2026, 3, 2), D(2026, 2, 28), D(2026, 4, 30), id="ukgdpr notice not rolled"),
    # After 5 Feb 2026: 31 Mar → raw Thu 30 Apr; +3 months 30 Jun (Tue).
    pytest.param(D(2026, 3, 31), "ukgdpr", D(2026, 4, 30), D(2026, 4, 30), D(2026, 6, 30), id="ukgdpr after"),
    pytest.param(D(2026, 3, 31), "part3", D(2026, 4, 30), D(2026, 4, 30), D(2026, 6, 30), id="part3 after"),
    pytest.param(D(2026, 3, 31), None, D(2026, 4, 30), D(2026, 4, 30), D(2026, 6, 30), id="unknown after"),
    # Part 3 on 5 Feb 2026 itself: raw Thu 5 Mar; +3 months Tue 5 May (May Day is Mon 4 May).
    pytest.param(D(2026, 2, 5), "part3", D(2026, 3, 5), D(2026, 3, 5), D(2026, 5, 5), id="part3 on 5 Feb"),
    # Sat 7 Feb 2026: raw Sat 7 Mar → Mon 9 Mar; notice Sat 7 Mar; +3 months Thu 7 May.
    pytest.param(D(2026, 2, 7), "part3", D(2026, 3, 9), D(2026, 3, 7), D(2026, 5, 7), id="part3 weekend notice"),
    # Clamped +3 months: 30 Nov 2025 → raw Tue 30 Dec; 28 Feb 2026 (Sat) → Mon 2 Mar.
    pytest.param(D(2025, 11, 30), "ukgdpr", D(2025, 12, 30), D(2025, 12, 30), D(2026, 3, 2), id="ukgdpr clamp to Feb"),
    # Leap: 30 Nov 2027 → raw Thu 30 Dec; +3 months 29 Feb 2028 (Tue).
    pytest.param(D(2027, 11, 30), "part3", D(2027, 12, 30), D(2027, 12, 30), D(2028, 2, 29), id="part3 clamp to 29 Feb"),
]  # fmt: skip


@pytest.mark.parametrize(("received", "regime", "deadline", "notice", "extended"), EXTENSIONS)
def test_extension_adds_two_months_and_notice_is_due_by_the_raw_deadline(
    received, regime, deadline, notice, extended
):
    clock = compute_clock(received, regime=regime, extended=True)
    assert clock.deadline == deadline
    assert clock.extension_notice_by == notice
    assert clock.extended_deadline == extended
    assert clock.final_deadline == extended


@pytest.mark.parametrize("received", [D(2026, 2, 4), D(2025, 6, 1), D(2018, 5, 25)])
def test_part3_request_received_before_5_february_2026_cannot_be_extended(received):
    with pytest.raises(ExtensionNotAllowed, match=r"Part 3.*cannot be extended") as info:
        compute_clock(received, regime="part3", extended=True)
    assert info.value.code == "extension_not_allowed"
    assert "5 February 2026" in str(info.value)


def test_part3_bar_looks_at_the_date_received_not_the_relevant_date():
    # Received 4 Feb, identity on 10 Feb: still received before 5 Feb 2026.
    with pytest.raises(ExtensionNotAllowed):
        compute_clock(D(2026, 2, 4), regime="part3", id_received=D(2026, 2, 10), extended=True)


def test_unknown_regime_before_5_february_2026_cannot_be_extended():
    # It might be Part 3, and the earlier (unextended) deadline must be used: refuse, say why.
    with pytest.raises(ExtensionNotAllowed, match="regime is unknown"):
        compute_clock(D(2026, 1, 10), extended=True)


def test_part3_extension_cutoff_is_5_february_2026():
    assert D(2026, 2, 5) == PART3_EXTENSION_FROM


# --------------------------------------------------------------------------- rule 5


def test_access_pause_adds_the_inclusive_days_before_rolling():
    # Received Mon 2 Mar 2026; asked Thu 5 Mar, answered Mon 9 Mar: 5, 6, 7, 8, 9 = 5 days.
    # Raw Thu 2 Apr + 5 = Tue 7 Apr (Easter Mon 6 Apr passed) → working.
    clock = compute_clock(
        D(2026, 3, 2),
        regime="ukgdpr",
        right="access",
        clarification_asked=D(2026, 3, 5),
        clarification_received=D(2026, 3, 9),
        extended=True,
    )
    assert clock.paused_days == 5
    assert clock.deadline == D(2026, 4, 7)
    # Notice date gets the pause too (rule 5), still not rolled: 2 Apr + 5 = 7 Apr.
    assert clock.extension_notice_by == D(2026, 4, 7)
    # Extended raw 2 Jun + 5 = Sun 7 Jun → Mon 8 Jun.
    assert clock.extended_deadline == D(2026, 6, 8)
    # Target and warning are not paused (the spec adds the days only to the raw deadline and
    # the notice date): 2 Mar + 14 = 16 Mar; + 27 = 29 Mar.
    assert (clock.target, clock.warning) == (D(2026, 3, 16), D(2026, 3, 29))


@pytest.mark.parametrize(
    ("received", "asked", "answered", "days", "deadline"),
    [
        # Same-day answer is one day. Mon 5 Jan: raw Thu 5 Feb + 1 = Fri 6 Feb.
        (D(2026, 1, 5), D(2026, 1, 5), D(2026, 1, 5), 1, D(2026, 2, 6)),
        # London 30 Mar (from a timestamp); 1–3 Apr = 3 days; raw 30 Apr + 3 = Sun 3 May
        # → May Day Mon 4 May → Tue 5 May.
        (stamp("2026-03-29T23:30:00+00:00"), D(2026, 4, 1), D(2026, 4, 3), 3, D(2026, 5, 5)),
        # Across a month end: Fri 16 Jan 2026; asked 28 Jan, answered 3 Feb = 4+3 = 7 days.
        # Raw Mon 16 Feb + 7 = Mon 23 Feb.
        (D(2026, 1, 16), D(2026, 1, 28), D(2026, 2, 3), 7, D(2026, 2, 23)),
    ],
)
def test_access_pause_table(received, asked, answered, days, deadline):
    clock = compute_clock(
        received,
        right="access",
        clarification_asked=asked,
        clarification_received=answered,
    )
    assert clock.paused_days == days
    assert clock.deadline == deadline


def test_pause_days_before_the_relevant_date_are_not_counted_twice():
    # Received Mon 2 Mar; clarification asked the same day; identity in on Thu 5 Mar (relevant
    # date); clarification in on Mon 9 Mar. The clock started on 5 Mar, so 5–9 Mar = 5 days
    # are paused, not 2–9 Mar. Raw Sun 5 Apr + 5 = Fri 10 Apr.
    clock = compute_clock(
        D(2026, 3, 2),
        right="access",
        id_received=D(2026, 3, 5),
        clarification_asked=D(2026, 3, 2),
        clarification_received=D(2026, 3, 9),
    )
    assert clock.relevant_date == D(2026, 3, 5)
    assert clock.paused_days == 5
    assert clock.deadline == D(2026, 4, 10)


@pytest.mark.parametrize("right", ["rectification", "erasure", None])
def test_pause_is_refused_for_anything_but_access(right):
    with pytest.raises(PauseNotAllowed, match="only for access requests") as info:
        compute_clock(
            D(2026, 3, 2),
            right=right,
            clarification_asked=D(2026, 3, 5),
            clarification_received=D(2026, 3, 9),
        )
    assert info.value.code == "pause_not_allowed"


def test_pause_answer_before_question_is_refused():
    with pytest.raises(DeadlineInputError, match="before it was asked for"):
        compute_clock(
            D(2026, 3, 2),
            right="access",
            clarification_asked=D(2026, 3, 9),
            clarification_received=D(2026, 3, 5),
        )


def test_pause_question_before_the_request_is_refused():
    with pytest.raises(DeadlineInputError, match="before the request was received"):
        compute_clock(
            D(2026, 3, 2),
            right="access",
            clarification_asked=D(2026, 3, 1),
            clarification_received=D(2026, 3, 5),
        )


@pytest.mark.parametrize(
    "kwargs",
    [{"clarification_asked": D(2026, 3, 5)}, {"clarification_received": D(2026, 3, 5)}],
)
def test_pause_needs_both_dates(kwargs):
    with pytest.raises(DeadlineInputError, match="needs both"):
        compute_clock(D(2026, 3, 2), right="access", **kwargs)


def test_every_refusal_is_a_deadline_error_and_a_value_error():
    for exc in (DeadlineInputError, ExtensionNotAllowed, PauseNotAllowed):
        assert issubclass(exc, DeadlineError)
        assert issubclass(exc, ValueError)


# --------------------------------------------------------------------------- extra holidays


@pytest.mark.parametrize(
    ("received", "extra", "deadline"),
    [
        # Raw Sun 1 Feb → Mon 2 Feb is an extra day off → Tue 3 Feb.
        (D(2026, 1, 1), [D(2026, 2, 2)], D(2026, 2, 3)),
        # Raw Wed 15 Jul is an extra day off → Thu 16.
        (D(2026, 6, 15), [D(2026, 7, 15)], D(2026, 7, 16)),
        # Two in a row → Fri 17.
        (D(2026, 6, 15), (D(2026, 7, 15), D(2026, 7, 16)), D(2026, 7, 17)),
        # An extra day that is not on the way changes nothing.
        (D(2026, 6, 15), {D(2026, 7, 14)}, D(2026, 7, 15)),
        # Extra day after Christmas 2026 substitute: raw Sat 26 Dec, Sun, Mon 28 sub, Tue 29
        # extra → Wed 30 Dec.
        (D(2026, 11, 26), [D(2026, 12, 29)], D(2026, 12, 30)),
    ],
)
def test_extra_one_off_holidays_are_not_working_days(received, extra, deadline):
    assert compute_clock(received, extra_holidays=extra).deadline == deadline


def test_extra_holidays_apply_to_the_extended_deadline():
    # 31 Mar 2026 → extended raw Tue 30 Jun, an extra day off → Wed 1 Jul.
    clock = compute_clock(D(2026, 3, 31), extended=True, extra_holidays=[D(2026, 6, 30)])
    assert clock.extended_deadline == D(2026, 7, 1)


# --------------------------------------------------------------------------- calendar helpers


def test_bank_holiday_calendar_is_built_once_per_year():
    first = bank_holidays(2031)
    assert bank_holidays(2031) is first
    assert D(2031, 4, 11) in first  # Good Friday 2031


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 1, 2), True),  # Friday
        (D(2026, 1, 3), False),  # Saturday
        (D(2026, 1, 4), False),  # Sunday
        (D(2026, 1, 1), False),  # New Year's Day
        (D(2026, 12, 28), False),  # Boxing Day substitute
        (D(2027, 12, 28), False),  # Boxing Day substitute
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_next_working_day_skips_christmas_2032():
    assert next_working_day(D(2032, 12, 24)) == D(2032, 12, 24)  # Friday
    assert next_working_day(D(2032, 12, 25)) == D(2032, 12, 29)  # Sat, Sun, subs Mon+Tue


@pytest.mark.parametrize(
    ("a", "b", "extra", "count"),
    [
        (D(2026, 1, 2), D(2026, 1, 5), (), 1),  # Fri → Mon
        (D(2026, 1, 5), D(2026, 1, 5), (), 0),  # same day
        (D(2026, 1, 5), D(2026, 1, 9), (), 4),  # Mon → Fri: Tue, Wed, Thu, Fri
        (D(2026, 1, 5), D(2026, 1, 9), (D(2026, 1, 7),), 3),  # Wed off
        (D(2024, 12, 20), D(2024, 12, 27), (), 3),  # 23, 24, 27 (25, 26 holidays)
        (D(2026, 4, 2), D(2026, 4, 7), (), 1),  # Easter: only Tue 7 Apr
        (D(2027, 12, 24), D(2028, 1, 4), (), 4),  # 29, 30, 31 Dec and 4 Jan
        (D(2026, 1, 5), D(2026, 1, 2), (), -1),  # backwards: minus Mon 5 Jan
        (D(2026, 1, 3), D(2026, 1, 4), (), 0),  # Sat → Sun
    ],
)
def test_working_days_between(a, b, extra, count):
    assert working_days_between(a, b, extra_holidays=extra) == count


@pytest.mark.parametrize(
    ("deadline", "today", "extra", "text"),
    [
        (D(2026, 2, 2), D(2026, 2, 2), (), "due today"),
        (D(2026, 1, 9), D(2026, 1, 6), (), "due in 3 working days"),  # Wed, Thu, Fri
        (D(2026, 1, 9), D(2026, 1, 6), (D(2026, 1, 7),), "due in 2 working days"),
        (D(2026, 1, 12), D(2026, 1, 9), (), "due in 1 working day"),  # Fri → Mon
        (D(2026, 1, 12), D(2026, 1, 10), (), "due in 1 working day"),  # Sat → Mon
        (D(2026, 2, 2), D(2026, 2, 3), (), "overdue by 1 day"),
        (D(2026, 2, 2), D(2026, 2, 4), (), "overdue by 2 days"),
        (D(2026, 2, 6), D(2026, 2, 9), (), "overdue by 3 days"),  # calendar days, over a weekend
        # A deadline that became a day off after it was computed: no working days remain.
        (
            D(2026, 1, 12),
            D(2026, 1, 9),
            (D(2026, 1, 12),),
            "due in 3 days (no working days before it)",
        ),
    ],
)
def test_describe_due(deadline, today, extra, text):
    assert describe_due(deadline, today, extra_holidays=extra) == text


def test_describe_due_takes_an_aware_now():
    # 23:30 UTC on 29 Mar 2026 is already 30 Mar in London.
    assert describe_due(D(2026, 3, 30), stamp("2026-03-29T23:30:00+00:00")) == "due today"


# --------------------------------------------------------------------------- the result


def test_to_dict_has_exactly_the_spec_keys_with_iso_dates_and_nulls():
    assert compute_clock(D(2026, 1, 1), regime="ukgdpr").to_dict() == {
        "relevant_date": "2026-01-01",
        "target": "2026-01-15",
        "warning": "2026-01-28",
        "deadline": "2026-02-02",
        "extension_notice_by": None,
        "extended_deadline": None,
    }


def test_clock_is_frozen():
    clock = compute_clock(D(2026, 1, 1))
    assert isinstance(clock, Clock)
    with pytest.raises(dataclasses.FrozenInstanceError):
        clock.deadline = D(2026, 1, 2)  # type: ignore[misc]


def test_dates_too_far_in_the_future_are_refused_cleanly():
    with pytest.raises(DeadlineInputError, match="too far"):
        compute_clock(D(9999, 12, 15))


# --------------------------------------------------------------------------- properties

_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2042))


def _raw(relevant: dt.date, months: int) -> dt.date:
    """Rule 2/4 written out independently of the engine, for the property test."""
    month0 = relevant.month - 1 + months
    year, month = relevant.year + month0 // 12, month0 % 12 + 1
    return D(year, month, min(relevant.day, calendar.monthrange(year, month)[1]))


def _working(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _HOLIDAYS


@settings(max_examples=400, deadline=None)
@given(
    received=st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)),
    regime=st.sampled_from(["ukgdpr", "part3", None]),
)
def test_clock_properties(received, regime):
    can_extend = regime == "ukgdpr" or received >= PART3_EXTENSION_FROM
    clock = compute_clock(received, regime=regime, extended=can_extend)
    raw = _raw(received, 1)

    assert clock.deadline >= raw
    assert _working(clock.deadline)
    # The *first* working day on or after the raw deadline.
    day = raw
    while day < clock.deadline:
        assert not _working(day)
        day += dt.timedelta(days=1)
    # Always holds: the shortest month step is 28 days (e.g. 31 Jan → 28 Feb), so the
    # warning at +27 is at least a day before the raw deadline.
    assert clock.target < clock.warning < raw <= clock.deadline
    if can_extend:
        assert clock.extension_notice_by == raw
        assert clock.extended_deadline is not None
        assert clock.extended_deadline >= clock.deadline
        assert clock.extended_deadline >= _raw(received, 3)
        assert _working(clock.extended_deadline)


@settings(max_examples=200, deadline=None)
@given(
    received=st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)),
    wait=st.integers(min_value=0, max_value=40),
    length=st.integers(min_value=0, max_value=60),
)
def test_pause_only_ever_moves_the_deadline_later(received, wait, length):
    asked = received + dt.timedelta(days=wait)
    answered = asked + dt.timedelta(days=length)
    plain = compute_clock(received, right="access")
    paused = compute_clock(
        received, right="access", clarification_asked=asked, clarification_received=answered
    )
    assert paused.paused_days == length + 1
    assert paused.deadline >= _raw(received, 1) + dt.timedelta(days=length + 1)
    assert paused.deadline >= plain.deadline
    assert _working(paused.deadline)


def test_london_date_keeps_plain_dates():
    assert london_date(D(2026, 3, 29)) == D(2026, 3, 29)
    assert london_date(dt.datetime(2026, 3, 29, 23, 30, tzinfo=UTC)) == D(2026, 3, 30)

"""Statutory clocks for the public's requests about their personal data (CC/01 4.27–4.31).

Implements ``spec/deadlines.md`` exactly: the relevant date (rule 1), the raw deadline (rule 2),
rolling to the next working day (rule 3), the two-month extension (rule 4), the paused clock for
access requests (rule 5) and the force's own target and warning dates (rule 6).

Pure: no clock, no environment, no Django. Callers pass every date in, and any one-off
non-working days (a state funeral, a coronation) the ``holidays`` package does not know yet.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Final, TypeAlias
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "PART3_EXTENSION_FROM",
    "REGIMES",
    "RIGHTS",
    "Clock",
    "DateLike",
    "DeadlineError",
    "DeadlineInputError",
    "ExtensionNotAllowed",
    "PauseNotAllowed",
    "add_months",
    "bank_holidays",
    "compute_clock",
    "describe_due",
    "is_working_day",
    "london_date",
    "long_date",
    "next_working_day",
    "regime_name",
    "working_days_between",
]

#: A calendar date, or an aware timestamp (converted to its Europe/London date, rule 1).
DateLike: TypeAlias = dt.date | dt.datetime

LONDON: Final = ZoneInfo("Europe/London")
REGIMES: Final = ("ukgdpr", "part3")
RIGHTS: Final = ("rectification", "erasure", "access")
#: Rule 4: Part 3 requests received before this date (Data (Use and Access) Act 2025
#: commencement) cannot be extended.
PART3_EXTENSION_FROM: Final = dt.date(2026, 2, 5)
#: Rule 6: CC/01's own target, and the warning that the statutory deadline is near.
TARGET_DAYS: Final = 14
WARNING_DAYS: Final = 27

_REGIME_NAMES: Final = {"ukgdpr": "UK GDPR", "part3": "DPA 2018 Part 3"}


# --------------------------------------------------------------------------- errors


class DeadlineError(ValueError):
    """A clock that cannot be computed as asked; ``message`` says why, ``code`` is stable."""

    code: str = "deadline_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DeadlineInputError(DeadlineError):
    """A date or option that is malformed or inconsistent (e.g. identity before the request)."""

    code = "deadline_invalid_input"


class ExtensionNotAllowed(DeadlineError):
    """Rule 4: this request cannot be extended (Part 3, received before 5 February 2026)."""

    code = "extension_not_allowed"


class PauseNotAllowed(DeadlineError):
    """Rule 5: the clock can be paused only for access requests."""

    code = "pause_not_allowed"


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True, slots=True)
class Clock:
    """Every date of one request's clock, as Europe/London calendar dates.

    The six date fields are the spec's JSON object (see ``to_dict``). ``deadline`` and
    ``extended_deadline`` are the end of that day. ``extension_notice_by`` and
    ``extended_deadline`` are ``None`` unless the request is extended.
    """

    relevant_date: dt.date
    target: dt.date
    warning: dt.date
    deadline: dt.date
    extension_notice_by: dt.date | None
    extended_deadline: dt.date | None
    #: The regime whose rules gave these dates. When the caller did not know the regime, the
    #: one that gave the earlier deadline ("ukgdpr" where both give the same).
    regime: str = "ukgdpr"
    #: False when the regime was unknown and both were computed.
    regime_given: bool = True
    #: When the regime was unknown: the (effective) deadline under the other regime.
    other_regime_deadline: dt.date | None = None
    right: str | None = None
    #: Rule 5: calendar days added to the raw deadline(s) and the notice date.
    paused_days: int = 0

    @property
    def final_deadline(self) -> dt.date:
        """The deadline that applies: the extended one where extended."""
        return self.extended_deadline or self.deadline

    def to_dict(self) -> dict[str, str | None]:
        """The spec's JSON object: exactly these six keys, ``YYYY-MM-DD`` strings or null."""

        def iso(d: dt.date | None) -> str | None:
            return d.isoformat() if d is not None else None

        return {
            "relevant_date": iso(self.relevant_date),
            "target": iso(self.target),
            "warning": iso(self.warning),
            "deadline": iso(self.deadline),
            "extension_notice_by": iso(self.extension_notice_by),
            "extended_deadline": iso(self.extended_deadline),
        }


# --------------------------------------------------------------------------- calendar helpers


def london_date(value: DateLike, name: str = "date") -> dt.date:
    """The Europe/London calendar date of ``value`` (rule 1: a timestamp is converted first).

    A ``date`` is returned unchanged; an aware ``datetime`` is converted to London time (so
    23:30 UTC in summer is the next day); a naive ``datetime`` is refused, because its date
    would depend on where the caller happened to be.
    """
    # datetime is a subclass of date, so test it first.
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            raise DeadlineInputError(
                f"{name} {value.isoformat()} has no UTC offset; give a date or an aware timestamp"
            )
        return value.astimezone(LONDON).date()
    if isinstance(value, dt.date):
        return value
    raise DeadlineInputError(f"{name} must be a date or an aware datetime, not {value!r}")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months, clamped to the end of a shorter month.

    Rule 2 (one month) and rule 4 (three months): 31 January + 1 → 28 or 29 February.
    """
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    month = month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=512)
def bank_holidays(year: int) -> frozenset[dt.date]:
    """England & Wales bank holidays in ``year`` (rule 3), built once per year and cached.

    Includes substitute days ("observed") and the one-off days the ``holidays`` package
    knows (e.g. 19 September 2022). The web queue computes thousands of clocks, so the
    package's calendar is built only once per year.
    """
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def _extra_set(extra_holidays: Iterable[DateLike]) -> frozenset[dt.date]:
    return frozenset(london_date(d, "extra holiday") for d in extra_holidays)


def _is_working(day: dt.date, extra: frozenset[dt.date]) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year) and day not in extra


def _roll(day: dt.date, extra: frozenset[dt.date]) -> dt.date:
    # Rule 3: "moved to the next working day *while* it falls on" a non-working day.
    while not _is_working(day, extra):
        day += dt.timedelta(days=1)
    return day


def is_working_day(day: dt.date, extra_holidays: Iterable[DateLike] = ()) -> bool:
    """Rule 3: not a Saturday, Sunday, England & Wales bank holiday or extra one-off day."""
    return _is_working(london_date(day, "day"), _extra_set(extra_holidays))


def next_working_day(day: dt.date, extra_holidays: Iterable[DateLike] = ()) -> dt.date:
    """Rule 3: ``day`` itself if it is a working day, otherwise the next one after it."""
    return _roll(london_date(day, "day"), _extra_set(extra_holidays))


def working_days_between(a: DateLike, b: DateLike, extra_holidays: Iterable[DateLike] = ()) -> int:
    """The number of working days after ``a`` up to and including ``b``.

    So Friday → next Monday is 1, and a date to itself is 0. When ``b`` is before ``a``
    the answer is negative: minus the working days after ``b`` up to and including ``a``.
    """
    start, end = london_date(a, "a"), london_date(b, "b")
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    extra = _extra_set(extra_holidays)
    count = 0
    day = start + dt.timedelta(days=1)
    while day <= end:
        if _is_working(day, extra):
            count += 1
        day += dt.timedelta(days=1)
    return sign * count


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def describe_due(
    deadline: DateLike, today: DateLike, extra_holidays: Iterable[DateLike] = ()
) -> str:
    """Plain English for a queue: "due today", "due in 3 working days", "overdue by 2 days".

    Time left is counted in working days (what staff can use); time overdue in calendar
    days (what the requester has waited). The deadline is the end of its day, so a request
    due today is not yet overdue.
    """
    due, now = london_date(deadline, "deadline"), london_date(today, "today")
    if due == now:
        return "due today"
    if due < now:
        return f"overdue by {_plural((now - due).days, 'day')}"
    left = working_days_between(now, due, extra_holidays)
    if left == 0:
        # Only possible when the deadline itself is not a working day (e.g. an extra
        # holiday declared after the clock was computed): say so rather than "in 0".
        return f"due in {_plural((due - now).days, 'day')} (no working days before it)"
    return f"due in {_plural(left, 'working day')}"


# --------------------------------------------------------------------------- the clock


def _single_regime_clock(
    regime: str,
    *,
    received: dt.date,
    relevant: dt.date,
    right: str | None,
    extended: bool,
    paused_days: int,
    extra: frozenset[dt.date],
) -> Clock:
    """The clock under one regime, from already validated London dates."""
    pause = dt.timedelta(days=paused_days)
    # Rule 2, then rule 5 (paused days added before rolling), then rule 3.
    raw = add_months(relevant, 1)
    deadline = _roll(raw + pause, extra)

    notice_by: dt.date | None = None
    extended_deadline: dt.date | None = None
    if extended:
        if regime == "part3" and received < PART3_EXTENSION_FROM:
            raise ExtensionNotAllowed(
                f"a Part 3 (law enforcement) request received before "
                f"{_long(PART3_EXTENSION_FROM)} cannot be extended: it was received on "
                f"{_long(received)}, before DPA 2018 s.54 as amended by the Data (Use and "
                f"Access) Act 2025 came into force (rule 4)"
            )
        # Rule 4: the notice must be sent by the *unextended raw deadline of rule 2* —
        # the raw date, deliberately NOT rolled to a working day (plus any paused days,
        # rule 5, which apply to the notice date too).
        notice_by = raw + pause
        # Rule 4: relevant date + 3 calendar months, clamped; paused days; then rule 3.
        extended_deadline = _roll(add_months(relevant, 3) + pause, extra)

    return Clock(
        relevant_date=relevant,
        # Rule 6: calendar days from the relevant date, not rolled and not paused (the spec
        # adds paused days only to the raw deadline and the notice date).
        target=relevant + dt.timedelta(days=TARGET_DAYS),
        warning=relevant + dt.timedelta(days=WARNING_DAYS),
        deadline=deadline,
        extension_notice_by=notice_by,
        extended_deadline=extended_deadline,
        regime=regime,
        right=right,
        paused_days=paused_days,
    )


def compute_clock(
    received: DateLike,
    *,
    regime: str | None = None,
    right: str | None = None,
    id_received: DateLike | None = None,
    fee_paid: DateLike | None = None,
    extended: bool = False,
    clarification_asked: DateLike | None = None,
    clarification_received: DateLike | None = None,
    extra_holidays: Iterable[DateLike] = (),
) -> Clock:
    """Compute a request's statutory clock (spec/deadlines.md, rules 1–6).

    ``regime`` is ``"ukgdpr"``, ``"part3"`` or ``None``/``"unknown"`` (compute both and use
    the earlier deadline). ``right`` is ``"rectification"``, ``"erasure"``, ``"access"`` or
    ``None`` (not stated). Dates are ``date`` or aware ``datetime`` (converted to their
    Europe/London date). ``extra_holidays`` are one-off non-working days on top of the
    England & Wales bank holidays.

    Raises ``DeadlineInputError`` for malformed or inconsistent input,
    ``ExtensionNotAllowed`` (rule 4) and ``PauseNotAllowed`` (rule 5); every message says why.
    """
    if regime == "unknown":
        regime = None
    if regime is not None and regime not in REGIMES:
        raise DeadlineInputError(f"unknown regime {regime!r}; use one of {', '.join(REGIMES)}")
    if right is not None and right not in RIGHTS:
        raise DeadlineInputError(f"unknown right {right!r}; use one of {', '.join(RIGHTS)}")

    got = london_date(received, "received date")
    # Rule 1: the relevant date is the latest of received / identity information / fee.
    relevant = got
    for name, value in (("identity information", id_received), ("fee", fee_paid)):
        if value is None:
            continue
        day = london_date(value, f"{name} date")
        if day < got:
            raise DeadlineInputError(
                f"the {name} date ({_long(day)}) is before the request was received ({_long(got)})"
            )
        relevant = max(relevant, day)

    paused_days = _paused_days(right, got, relevant, clarification_asked, clarification_received)
    extra = _extra_set(extra_holidays)

    try:
        if regime is not None:
            return _single_regime_clock(
                regime,
                received=got,
                relevant=relevant,
                right=right,
                extended=extended,
                paused_days=paused_days,
                extra=extra,
            )
        return _unknown_regime_clock(
            received=got,
            relevant=relevant,
            right=right,
            extended=extended,
            paused_days=paused_days,
            extra=extra,
        )
    except DeadlineError:
        raise
    except (OverflowError, ValueError):  # past date.max (year 9999)
        raise DeadlineInputError(
            "the dates are too far in the future to compute a deadline"
        ) from None


def _unknown_regime_clock(
    *,
    received: dt.date,
    relevant: dt.date,
    right: str | None,
    extended: bool,
    paused_days: int,
    extra: frozenset[dt.date],
) -> Clock:
    """'When unknown, compute both and use the earlier deadline.'"""
    args: dict[str, Any] = {
        "received": received,
        "relevant": relevant,
        "right": right,
        "extended": extended,
        "paused_days": paused_days,
        "extra": extra,
    }
    try:
        part3 = _single_regime_clock("part3", **args)
    except ExtensionNotAllowed:
        # Under Part 3 the extension is refused, so the earlier deadline is the unextended
        # one. Rather than silently dropping a requested extension, refuse it and say why:
        # the caller must establish the regime before extending.
        raise ExtensionNotAllowed(
            f"the regime is unknown and the request was received on {_long(received)}, "
            f"before {_long(PART3_EXTENSION_FROM)}: if it is a Part 3 (law enforcement) "
            f"request it cannot be extended, and with an unknown regime the earlier "
            f"deadline applies (rule 4); establish the regime before extending"
        ) from None
    ukgdpr = _single_regime_clock("ukgdpr", **args)
    # Prefer UK GDPR on a tie (the usual case: the arithmetic is the same in both regimes).
    if part3.final_deadline < ukgdpr.final_deadline:
        chosen, other = part3, ukgdpr
    else:
        chosen, other = ukgdpr, part3
    return replace(chosen, regime_given=False, other_regime_deadline=other.final_deadline)


def _paused_days(
    right: str | None,
    received: dt.date,
    relevant: dt.date,
    asked: DateLike | None,
    answered: DateLike | None,
) -> int:
    """Rule 5: the calendar days, inclusive, from asking for clarification to the answer.

    Days before the relevant date never counted (the clock had not started, rule 1), so a
    pause that began while the force was also waiting for identity information adds only
    the paused days on or after the relevant date — otherwise they would be counted twice.
    """
    if asked is None and answered is None:
        return 0
    if asked is None or answered is None:
        raise DeadlineInputError(
            "a paused clock needs both the date clarification was asked for and the date it "
            "was received"
        )
    if right != "access":
        stated = f"this is a {right} request" if right else "the right was not given"
        raise PauseNotAllowed(
            f"the clock can be paused only for access requests, not rectification or erasure "
            f"({stated}); asking for identity is not a pause but moves the relevant date (rule 5)"
        )
    asked_day = london_date(asked, "clarification asked date")
    answered_day = london_date(answered, "clarification received date")
    if asked_day < received:
        raise DeadlineInputError(
            f"clarification was asked for ({_long(asked_day)}) before the request was "
            f"received ({_long(received)})"
        )
    if answered_day < asked_day:
        raise DeadlineInputError(
            f"the clarification was received ({_long(answered_day)}) before it was asked for "
            f"({_long(asked_day)})"
        )
    return max(0, (answered_day - max(asked_day, relevant)).days + 1)


def _long(day: dt.date) -> str:
    """'Thursday 5 February 2026': unambiguous in messages."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def regime_name(regime: str) -> str:
    """A regime's plain-English name: 'UK GDPR' or 'DPA 2018 Part 3'."""
    return _REGIME_NAMES.get(regime, regime)


def long_date(day: dt.date) -> str:
    """A date as 'Monday 2 February 2026' (weekday, day without leading zero, month, year)."""
    return _long(day)

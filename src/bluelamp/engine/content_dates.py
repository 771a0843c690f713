"""The calendar dates a post's words name, so that the monthly review (CC/01 4.1) can find
events and road closures whose day has passed.

Pure: the caller gives the day the post was published, which settles a date written without
its year ("Saturday 14 March" in a post of 2 March 2026 is 14 March 2026; in a post of
20 December 2025, "Sunday 4 January" is 4 January 2026).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["dates_in_text", "last_date_in_text"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"

# "14 March", "14th March 2026", "Sat 14th Mar"
_DAY_MONTH = re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}{_YEAR}\b", re.IGNORECASE)
# "March 14", "March 14th, 2026"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}", re.IGNORECASE)
# "14/03/2026", "14/3/26", "14.03.2026": the UK order, day first
_NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:20)?\d\d)\b")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _without_year(month: int, day: int, published_on: dt.date) -> dt.date | None:
    """The first such day on or after a week before publication: a post speaks of what is
    coming, or of what has just happened."""
    for year in (published_on.year, published_on.year + 1):
        found = _date(year, month, day)
        if found is not None and found >= published_on - dt.timedelta(days=7):
            return found
    return None


def dates_in_text(text: str, *, published_on: dt.date) -> list[dt.date]:
    """Every calendar date ``text`` names, in order, without repeats."""
    found: list[dt.date] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], day: dt.date | None) -> None:
        span = match.span()
        if day is None or any(s < span[1] and span[0] < e for s, e in taken):
            return
        taken.append(span)
        if day not in found:
            found.append(day)

    for match in _NUMERIC.finditer(text):
        year = int(match["year"])
        add(
            match,
            _date(year + 2000 if year < 100 else year, int(match["month"]), int(match["day"])),
        )
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            month = _MONTHS[match["month"].casefold()]
            day = int(match["day"])
            if match["year"]:
                add(match, _date(int(match["year"]), month, day))
            else:
                add(match, _without_year(month, day, published_on))
    return sorted(found)


def last_date_in_text(text: str, *, published_on: dt.date) -> dt.date | None:
    """The latest date the text names (the day an event or closure ends), or None."""
    dates = dates_in_text(text, published_on=published_on)
    return dates[-1] if dates else None

"""Repairs shared by the readers: mojibake, HTML entities, dates."""

from __future__ import annotations

import datetime as dt
import html
import re

import ftfy

UTC = dt.UTC

# UTF-8 read as Latin-1 or Windows-1252 always leaves a lead byte's character (Â to ô) before a
# continuation byte's (U+0080 to U+00BF, or the Windows-1252 letters at 0x80 to 0xBF). Text
# without that pair cannot be this mojibake, so ftfy (thorough, and slower) is asked only about
# text that has it.
_MAYBE_MOJIBAKE = re.compile(
    "[\xc2-\xf4][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)


def repair(text: str | None) -> str:
    """Undo the text damage the exports are known for: UTF-8 bytes written as Latin-1
    characters (Facebook's and Instagram's ``JosÃ©``) and HTML entities (X's ``&amp;``).
    Only the encoding is fixed (``ftfy.fix_encoding``): quotes, widths and line breaks stay as
    the author wrote them."""
    if not text:
        return ""
    if not text.isascii() and _MAYBE_MOJIBAKE.search(text):
        text = ftfy.fix_encoding(text)
    if "&" in text:
        text = html.unescape(text)
    return text


def from_epoch(value: object, *, what: str) -> dt.datetime:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"{what} is not a timestamp")
    try:
        return dt.datetime.fromtimestamp(int(value), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"{what} is not a timestamp ({value!r})") from None


_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_X_DATE = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d) (\d{4})"
)
_ZONES: dict[str, dt.timezone] = {}


def parse_x_date(value: object, *, what: str) -> dt.datetime:
    """X's ``Sat Feb 28 10:47:32 +0000 2026`` (tweets) or ISO 8601 (notes, headers).
    Parsed by hand: ``strptime`` was a third of the time of reading an archive."""
    if not isinstance(value, str):
        raise ValueError(f"{what} is missing")
    try:
        match = _X_DATE.fullmatch(value)
        if match:
            month, day, hh, mm, ss, sign, zh, zm, year = match.groups()
            zone_key = sign + zh + zm
            zone = _ZONES.get(zone_key)
            if zone is None:
                offset = dt.timedelta(hours=int(zh), minutes=int(zm))
                zone = _ZONES[zone_key] = dt.timezone(-offset if sign == "-" else offset)
            return dt.datetime(
                int(year), _MONTHS[month], int(day), int(hh), int(mm), int(ss), tzinfo=zone
            )
        if value[:1].isdigit():
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, KeyError):
        pass
    raise ValueError(f"{what} is not a date ({value!r})")

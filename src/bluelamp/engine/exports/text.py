"""Repairs shared by the readers: mojibake, HTML entities, dates."""

from __future__ import annotations

import datetime as dt
import html

import ftfy

UTC = dt.UTC


def repair(text: str | None) -> str:
    """Undo the text damage the exports are known for: UTF-8 bytes written as Latin-1
    characters (Facebook's and Instagram's ``JosÃ©``) and HTML entities (X's ``&amp;``).
    Only the encoding is fixed (``ftfy.fix_encoding``): quotes, widths and line breaks stay as
    the author wrote them."""
    if not text:
        return ""
    if not text.isascii():
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


def parse_x_date(value: object, *, what: str) -> dt.datetime:
    """X's ``Sat Feb 28 10:47:32 +0000 2026`` (tweets) or ISO 8601 (notes, headers)."""
    if not isinstance(value, str):
        raise ValueError(f"{what} is missing")
    try:
        if value[:1].isdigit():
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return dt.datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        raise ValueError(f"{what} is not a date ({value!r})") from None

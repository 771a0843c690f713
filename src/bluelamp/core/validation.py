"""The input checks every service shares, each with one wording.

A service collects its field errors in a :class:`~bluelamp.core.errors.FieldErrors` and raises
them together (``errors.raise_if_any()``), so a page shows every problem at once and the API
answers them by field. The checks here only add the message; the service passes the words that
name its own field (``required="Enter the reasons for the extension"``).

One wording per message (GOV.UK style): a text too long is always "Enter no more than N
characters"; a time without a zone "Enter <what> as a date and time with its time zone"; a time
after today "<What> cannot be in the future".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bluelamp.core.errors import FieldErrors
from bluelamp.engine.deadlines import london_date

#: The longest free text a service takes when it names no other limit.
#: The largest whole number the databases store (a signed 64-bit BIGINT): every id and count.
MAX_ID = 2**63 - 1
MAX_TEXT = 5000
#: Nothing Bluelamp records happened before this (social media, UK GDPR): an earlier time is a
#: mistake, and before 1847 Europe/London was not a whole-minute offset from UTC, which no
#: RFC 3339 time can show.
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def too_long(max_length: int) -> str:
    """The message for a text longer than ``max_length`` characters."""
    return f"Enter no more than {max_length} characters"


def text(
    errors: FieldErrors,
    field: str,
    value: Any,
    *,
    required: str | None,
    max_length: int = MAX_TEXT,
    multiline: bool = True,
) -> str:
    """``value`` as stripped text (``multiline=False``: runs of white space made one space).
    Adds ``required`` when it is blank (unless None: optional), and the too-long message."""
    raw = str(value or "")
    result = raw.strip() if multiline else " ".join(raw.split())
    if not result and required:
        errors.add(field, required)
    elif len(result) > max_length:
        errors.add(field, too_long(max_length))
    return result


def choice(errors: FieldErrors, field: str, value: Any, choices: type, message: str) -> str:
    """``value`` when it is one of the ``TextChoices`` ``choices``; else adds ``message`` and
    returns ""."""
    value = "" if value is None else str(value)
    if value not in choices.values:
        errors.add(field, message)
        return ""
    return value


def moment(
    errors: FieldErrors,
    field: str,
    value: Any,
    now: dt.datetime | None = None,
    *,
    required: str,
    what: str = "",
    not_before: dt.datetime | None = None,
    not_before_message: str = "",
) -> dt.datetime | None:
    """An aware time, not before ``EARLIEST``; with ``now``, not on a later Europe/London day
    than ``now``; with ``not_before``, not before it. ``what`` names it in the messages ("the
    date the request was received"). None (with the message added) when it is not
    acceptable."""
    if value is None or value == "":
        errors.add(field, required)
        return None
    if not isinstance(value, dt.datetime) or timezone.is_naive(value):
        zone = f"Enter {what} as a date and time" if what else "Enter a date and time"
        errors.add(field, f"{zone} with its time zone")
        return None
    if value < EARLIEST:
        subject = what or "the time"
        errors.add(field, f"{subject[0].upper()}{subject[1:]} must be in 2000 or later")
        return None
    if now is not None and london_date(value) > london_date(now):
        subject = what or "the time"
        errors.add(field, f"{subject[0].upper()}{subject[1:]} cannot be in the future")
        return None
    if not_before is not None and value < not_before:
        errors.add(field, not_before_message)
        return None
    return value

"""The one place services turn an optional ``now`` into an aware datetime: tests pass the time
in, pages and commands leave it to the real clock."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def aware_now(now: dt.datetime | None = None) -> dt.datetime:
    """``now`` if given (it must be timezone-aware), else the current time."""
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("times must be timezone-aware")
    return now

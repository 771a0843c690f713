"""What waits for the signed-in person: one registry each app adds its own query to.

Core sits below the apps whose work it lists, so it cannot ask them; instead each app registers
a provider in its ``AppConfig.ready`` (``worklist.register(provider)``). A provider takes the user
and the time and returns the lists of that app's work waiting for them (empty when none, or when
the user's roles give them none). The home page and ``GET /api/v1/me/work`` both read
:func:`work_for`, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

#: How many items a list shows on the home page; its count says how many there are in all.
SHOWN = 10


@dataclass(frozen=True)
class WorkItem:
    """One thing waiting, one click from where it is done."""

    title: str
    url: str
    #: When it must be done by (a deadline, a scheduled time); None when nothing is due.
    due: dt.datetime | dt.date | None = None
    #: Since when it has been waiting (orders items that have no due time: oldest first).
    since: dt.datetime | None = None
    #: A short line under the title ("due in 3 working days", "Held: major incident").
    detail: str = ""


@dataclass(frozen=True)
class WorkList:
    """Work of one kind waiting for the user."""

    #: A stable identifier (``<app>.<kind>``), used by the API and the tests.
    key: str
    title: str
    #: The page listing all of them.
    url: str
    items: list[WorkItem] = field(default_factory=list)
    #: How many there are in all (``items`` may hold only the first few).
    count: int | None = None

    @property
    def total(self) -> int:
        return len(self.items) if self.count is None else self.count


Provider = Callable[[Any, dt.datetime], Iterable[WorkList]]

_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add ``provider`` (once); usable as a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def _moment(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time.max))


def item_order(item: WorkItem) -> tuple:
    """Due soonest first; then what has waited longest; undated last."""
    due = _moment(item.due)
    since = item.since
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return (due is None, due or far, since is None, since or far, item.title)


def work_for(user: Any, *, now: dt.datetime | None = None) -> list[WorkList]:
    """Every non-empty list of work waiting for ``user``, each sorted due soonest first, the
    lists ordered by their most pressing item."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    now = now or timezone.now()
    found: list[WorkList] = []
    for provider in _providers:
        for work in provider(user, now):
            items = sorted(work.items, key=item_order)
            if not items and not work.count:
                continue
            found.append(
                WorkList(
                    key=work.key,
                    title=work.title,
                    url=work.url,
                    items=items[:SHOWN],
                    count=work.total,
                )
            )
    found.sort(key=lambda work: item_order(work.items[0]) if work.items else (True,))
    return found


def as_data(work: list[WorkList]) -> list[dict[str, Any]]:
    """The lists as plain data (the API's answer)."""

    def moment(value: dt.datetime | dt.date | None) -> str | None:
        return None if value is None else value.isoformat()

    return [
        {
            "key": w.key,
            "title": w.title,
            "url": w.url,
            "count": w.total,
            "items": [
                {
                    "title": i.title,
                    "url": i.url,
                    "due": moment(i.due),
                    "since": moment(i.since),
                    "detail": i.detail,
                }
                for i in w.items
            ],
        }
        for w in work
    ]

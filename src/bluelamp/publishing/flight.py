"""Reads for the posts in flight and the publishing calendar: the drafts, waiting, scheduled,
held and failed posts across every account a person may see, and the scheduled and published
posts of a week or a month.

Scoped as every read of posts is (``selectors.visible_posts``: CCD, PSD and the auditor see
every account; staff and line managers the accounts they post on, own, deputise for or
supervise, and their team's posts), so a post the person may not read never appears here."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.choices import PostState
from bluelamp.publishing.models import Post
from bluelamp.publishing.selectors import day_start, visible_posts

#: The states of a post that has not gone out yet and may still need someone: in the order
#: the filter offers them.
IN_FLIGHT = (
    flow.DRAFT,
    flow.AWAITING_APPROVAL,
    flow.AWAITING_AUTHOR,
    flow.RETURNED,
    flow.READY,
    flow.SCHEDULED,
    flow.HELD,
    flow.PUBLISHING,
    flow.FAILED,
)
IN_FLIGHT_CHOICES = [(state, PostState(state).label) for state in IN_FLIGHT]


def posts_in_flight(
    *, user: Any, account: Any = None, department: str = "", state: str = ""
) -> QuerySet[Post]:
    """The posts in flight ``user`` may read, filtered by account (its pk), department (the
    account's team, exactly) and state (one of ``IN_FLIGHT``; any other value matches
    nothing). Those with a time to publish first, soonest first; then the rest, most recently
    changed first."""
    posts = visible_posts(user).filter(state__in=IN_FLIGHT)
    if account not in (None, ""):
        try:
            posts = posts.filter(account_id=int(account))
        except (TypeError, ValueError):
            posts = posts.none()
    if department:
        posts = posts.filter(account__team=department)
    if state:
        posts = posts.filter(state=state) if state in IN_FLIGHT else posts.none()
    return posts.order_by(F("scheduled_for").asc(nulls_last=True), "-updated_at", "-pk")


def flight_filter_choices(*, user: Any) -> dict[str, list[tuple[str, str]]]:
    """The accounts and departments that have posts in flight ``user`` may read, for the
    filter's lists."""
    rows = (
        visible_posts(user)
        .filter(state__in=IN_FLIGHT)
        .order_by()  # no ordering fields in the SELECT, so DISTINCT is over these alone
        .values_list("account_id", "account__handle", "account__platform", "account__team")
        .distinct()
    )
    accounts: dict[str, str] = {}
    departments: set[str] = set()
    for pk, handle, platform, team in rows:
        accounts[str(pk)] = f"@{handle} ({platform})"
        if team:
            departments.add(team)
    return {
        "accounts": sorted(accounts.items(), key=lambda item: item[1].lower()),
        "departments": [(d, d) for d in sorted(departments, key=str.lower)],
    }


# --- The calendar -------------------------------------------------------------------------------


@dataclass
class CalendarEntry:
    """One post on one day: when (local time), what, and whether it went out already."""

    when: dt.datetime
    post: Post
    published: bool


@dataclass
class CalendarDay:
    day: dt.date
    in_period: bool
    entries: list[CalendarEntry] = field(default_factory=list)


@dataclass
class CalendarPeriod:
    """A week or a month of the calendar: its days (a month's padded to whole weeks) and the
    first days of the periods before and after it."""

    view: str
    start: dt.date
    end: dt.date  # the day after the last
    days: list[CalendarDay]
    previous: dt.date
    following: dt.date

    @property
    def weeks(self) -> list[list[CalendarDay]]:
        return [self.days[i : i + 7] for i in range(0, len(self.days), 7)]

    @property
    def count(self) -> int:
        return sum(len(d.entries) for d in self.days if d.in_period)


def period_bounds(view: str, anchor: dt.date) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """``(start, end, previous, following)`` of the week (Monday to Sunday) or month holding
    ``anchor``; ``end`` is the day after its last."""
    if view == "week":
        start = anchor - dt.timedelta(days=anchor.weekday())
        end = start + dt.timedelta(days=7)
        return start, end, start - dt.timedelta(days=7), end
    start = anchor.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    previous = (start - dt.timedelta(days=1)).replace(day=1)
    return start, end, previous, end


def calendar_period(*, user: Any, view: str, anchor: dt.date) -> CalendarPeriod:
    """The scheduled (and held) posts by their time to publish and the published posts by
    when they went out, in the week or month holding ``anchor``, as ``user`` may read them.
    Days are Europe/London days."""
    start, end, previous, following = period_bounds(view, anchor)
    shown_from, shown_to = start, end
    if view == "month":
        shown_from = start - dt.timedelta(days=start.weekday())
        last = end - dt.timedelta(days=1)
        shown_to = end + dt.timedelta(days=(6 - last.weekday()))
    low, high = day_start(shown_from), day_start(shown_to)
    posts = visible_posts(user).filter(
        Q(state__in=(flow.SCHEDULED, flow.HELD), scheduled_for__gte=low, scheduled_for__lt=high)
        | Q(state=flow.PUBLISHED, published_at__gte=low, published_at__lt=high)
    )
    zone = timezone.get_current_timezone()
    days = {}
    day = shown_from
    while day < shown_to:
        days[day] = CalendarDay(day=day, in_period=start <= day < end)
        day += dt.timedelta(days=1)
    for post in posts[:2000]:
        published = post.state == flow.PUBLISHED
        when = (post.published_at if published else post.scheduled_for).astimezone(zone)
        if when.date() in days:
            days[when.date()].entries.append(CalendarEntry(when, post, published))
    for calendar_day in days.values():
        calendar_day.entries.sort(key=lambda e: (e.when, e.post.pk))
    return CalendarPeriod(
        view=view,
        start=start,
        end=end,
        days=list(days.values()),
        previous=previous,
        following=following,
    )


WEEKDAYS = list(calendar.day_name)

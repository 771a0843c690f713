"""Reads for removal and correction requests. Only information security and auditors see
requests; for everyone else a request that exists and one that does not are answered alike,
with ``NotFoundError``, and lists are empty.

- ``removal_request_list(user=...)``, ``removal_request_get(user=..., pk=...)``;
- ``removal_request_due(request, today=...)``: the request's clock and its plain-English due
  text and tag colour;
- ``removal_request_queue(user=..., today=...)``: the open requests, most urgent first;
- ``archive_post_search(user=..., q=..., handle=..., address=...)``: the archive's posts a request
  may concern, on any account (CC/01 4.26–4.31: information security handles requests about
  every account, so this search is not limited by ``publishing.permissions.post_visibility``);
- ``archive_post_for_linking(public_id)``, ``confirmed_removal(post)``: the archived post a
  decision links to, and the archive's confirmed removal of it.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from bluelamp.core.errors import NotFoundError
from bluelamp.data_requests import permissions, policy
from bluelamp.data_requests.choices import Regime
from bluelamp.data_requests.models import RemovalRequest
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow
from bluelamp.publishing.archive import archive_q
from bluelamp.publishing.choices import RemovalOutcome
from bluelamp.publishing.models import Post, Removal
from bluelamp.publishing.search import fulltext, post_fulltext
from bluelamp.publishing.search import problem as search_problem
from bluelamp.publishing.search_schema import REMOVAL_REQUESTS

#: Within this many working days of the deadline a request is flagged as due soon.
DUE_SOON_WORKING_DAYS = 3


def removal_request_list(*, user: Any) -> QuerySet[RemovalRequest]:
    """Every request the user may see (none unless information security or auditor)."""
    if not permissions.can_view(user):
        return RemovalRequest.objects.none()
    return RemovalRequest.objects.select_related("owner")


def removal_request_get(*, user: Any, pk: Any) -> RemovalRequest:
    """One request, or NotFoundError alike when missing or not the user's to see."""
    try:
        return removal_request_list(user=user).get(pk=int(pk))
    except (RemovalRequest.DoesNotExist, TypeError, ValueError):
        raise NotFoundError() from None


@dataclass(frozen=True)
class Due:
    """One open request's clock, and what to say about it in a queue."""

    request: RemovalRequest
    clock: deadlines.Clock | None
    #: The deadline that applies (the extended one where extended).
    deadline: dt.date | None
    #: "due in 3 working days", "overdue by 2 days", "due today".
    text: str
    #: Plain words for the force's own 14-day target.
    target_text: str
    #: The GOV.UK tag colour: "red" overdue, "orange" due soon (within 3 working days, or
    #: past rule 6's warning date), "green" otherwise; "grey" when the clock cannot be computed.
    colour: str
    overdue: bool
    due_soon: bool


def extra_holidays_or_default(extra_holidays: Iterable[Any] | None) -> tuple:
    """The one-off bank holidays to skip: those given, or (None) the policy pack's and the
    settings' (``policy.extra_holidays``)."""
    return policy.extra_holidays() if extra_holidays is None else tuple(extra_holidays)


def removal_request_clock(
    request: RemovalRequest,
    *,
    extended: bool | None = None,
    extra_holidays: Iterable[Any] | None = None,
) -> deadlines.Clock:
    """The request's statutory clock from its dates (raises the engine's DeadlineError).
    ``extended`` overrides the recorded extension (to check whether one would be allowed).
    ``extra_holidays`` defaults to the force's one-off bank holidays (``policy``)."""
    return deadlines.compute_clock(
        request.received_at,
        regime=None if request.regime == Regime.UNKNOWN else request.regime,
        right=request.right,
        id_received=request.identity_received_at,
        extended=request.extended if extended is None else extended,
        extra_holidays=extra_holidays_or_default(extra_holidays),
    )


def removal_request_due(
    request: RemovalRequest, *, today: dt.date, extra_holidays: Iterable[Any] | None = None
) -> Due:
    """The request's clock on ``today`` (a Europe/London date, passed in)."""
    extra_holidays = extra_holidays_or_default(extra_holidays)
    try:
        clock = removal_request_clock(request, extra_holidays=extra_holidays)
    except deadlines.DeadlineError as exc:
        return Due(
            request, None, None, f"clock unavailable: {exc.message}", "", "grey", False, False
        )
    deadline = clock.final_deadline
    if request.status not in flow.OPEN_STATES:
        # Answered or closed: the clock has stopped, so nothing is "due" any more.
        answered = deadlines.london_date(request.responded_at) if request.responded_at else None
        text = f"answered {deadlines.long_date(answered)}" if answered else "closed"
        target_text = (
            ("met" if answered <= clock.target else "missed") if answered else "not answered"
        )
        late = answered is not None and answered > deadline
        return Due(request, clock, deadline, text, target_text, "grey", late, False)
    text = deadlines.describe_due(deadline, today, extra_holidays)
    target_text = deadlines.describe_due(clock.target, today, extra_holidays)
    overdue = deadline < today
    left = deadlines.working_days_between(today, deadline, extra_holidays)
    # Rule 6's warning date flags the unextended deadline as near, whatever the working days.
    past_warning = not request.extended and today >= clock.warning
    due_soon = not overdue and (left <= DUE_SOON_WORKING_DAYS or past_warning)
    colour = "red" if overdue else "orange" if due_soon else "green"
    return Due(request, clock, deadline, text, target_text, colour, overdue, due_soon)


#: Which requests the queue shows: its filter's values and words.
QUEUE_SHOWS = {"open": "Open", "closed": "Answered or closed", "all": "All"}
_REFERENCE = re.compile(r"^\s*(?:RR-?)?0*(\d{1,9})\s*$", re.IGNORECASE)


def removal_request_queue(
    *,
    user: Any,
    today: dt.date,
    extra_holidays: Iterable[Any] | None = None,
    show: str = "open",
    search: str = "",
) -> list[Due]:
    """The requests the user may see, with their clocks: the open ones (``show``), those
    answered or closed, or all; ``search`` finds a reference ("RR-00012", "12"), a part of
    the requester's name, or words in the request's notes (what was asked, the response, the
    reasons for an extension) by full-text search (``publishing.search``). The soonest due first (those whose clock cannot be computed last);
    answered and closed ones latest first."""
    holidays = extra_holidays_or_default(extra_holidays)
    requests = removal_request_list(user=user)
    if show == "closed":
        requests = requests.exclude(status__in=flow.OPEN_STATES)
    elif show != "all":
        requests = requests.filter(status__in=flow.OPEN_STATES)
    # NUL cannot be compared on PostgreSQL; nobody means it.
    search = (search or "").replace("\x00", "").strip()[:200]
    if search:
        number = _REFERENCE.match(search)
        found = Q(requester_name__icontains=search)
        if not search_problem(search):
            in_notes = fulltext(
                RemovalRequest.objects.all(),
                search,
                document="search_entry__document",
                beside="request_text",
                vector=REMOVAL_REQUESTS.vector_column,
            )
            found |= Q(pk__in=in_notes.values("pk"))
        if number:
            found |= Q(pk=int(number.group(1)))
        requests = requests.filter(found)
    rows = [removal_request_due(r, today=today, extra_holidays=holidays) for r in requests]
    rows.sort(key=lambda d: (d.deadline is None, d.deadline or dt.date.max, d.request.pk))
    if show != "open":
        rows.sort(key=lambda d: d.request.status not in flow.OPEN_STATES)
    return rows


@dataclass(frozen=True)
class MonthlyReport:
    """The requests received in one month, and what became of them by ``today``."""

    year: int
    month: int
    opened: int
    closed: int
    #: Answered by the force's 14-day target (relevant date + 14 days).
    within_target: int
    #: Answered by the statutory deadline (the extended one where extended).
    within_statutory: int
    extended: int
    #: Every post concerned refused.
    refused: int
    #: Still unanswered and past the statutory deadline on ``today``.
    open_overdue: int

    def rows(self) -> list[tuple[str, int]]:
        """Label and count, in the order the report shows them."""
        return [
            ("Opened", self.opened),
            ("Answered within 14 days", self.within_target),
            ("Answered within the statutory limit", self.within_statutory),
            ("Extended", self.extended),
            ("Refused", self.refused),
            ("Closed", self.closed),
            ("Open and overdue", self.open_overdue),
        ]


def removal_request_monthly_report(
    *, user: Any, year: int, month: int, today: dt.date, extra_holidays: Iterable[Any] | None = None
) -> MonthlyReport:
    """Counts for the requests received (Europe/London) in ``year``/``month``."""
    holidays = extra_holidays_or_default(extra_holidays)
    start = dt.datetime(year, month, 1, tzinfo=deadlines.LONDON)
    end = dt.datetime.combine(
        deadlines.add_months(start.date(), 1), dt.time(0), tzinfo=deadlines.LONDON
    )
    cohort = list(
        removal_request_list(user=user)
        .filter(received_at__gte=start, received_at__lt=end)
        .prefetch_related("posts")
    )
    within_target = within_statutory = refused = open_overdue = 0
    for request in cohort:
        due = removal_request_due(request, today=today, extra_holidays=holidays)
        posts = list(request.posts.all())
        if posts and all(p.outcome == "refuse" for p in posts):
            refused += 1
        if due.clock is None:
            continue
        if request.responded_at is not None:
            answered = deadlines.london_date(request.responded_at)
            within_target += answered <= due.clock.target
            within_statutory += answered <= due.clock.final_deadline
        elif due.overdue:
            open_overdue += 1
    return MonthlyReport(
        year=year,
        month=month,
        opened=len(cohort),
        closed=sum(r.status == flow.CLOSED for r in cohort),
        within_target=within_target,
        within_statutory=within_statutory,
        extended=sum(r.extended for r in cohort),
        refused=refused,
        open_overdue=open_overdue,
    )


# --- The archive ----------------------------------------------------------------------------------

#: The removals that took a post off its platform (the platform confirmed it, it was already
#: gone, or a person deleted it in the platform's app and recorded that).
CONFIRMED_REMOVALS = (
    RemovalOutcome.DELETED,
    RemovalOutcome.ALREADY_GONE,
    RemovalOutcome.DONE_BY_HAND,
)
#: The most results the archive search shows.
ARCHIVE_SEARCH_LIMIT = 50
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_SCHEME = re.compile(r"^(https?://)?(www\.|mobile\.|m\.)?", re.IGNORECASE)


def _archived_posts() -> QuerySet[Post]:
    """Every post in the archive (published or removed through Bluelamp, or imported), on
    every account."""
    return Post.objects.filter(archive_q()).select_related("account", "author")


def _address_q(address: str) -> Q | None:
    """Posts matching a post's address: its platform address (with or without the scheme,
    ``www.``, query or trailing slash), its id on the platform (the address's last part, so
    an x.com address finds a twitter.com one), or its Bluelamp page (the post's id)."""
    found = _UUID.search(address)
    if found:
        return Q(public_id=uuid.UUID(found.group(0)))
    core = _SCHEME.sub("", address.strip()).split("#")[0].split("?")[0].rstrip("/")
    if not core:
        return None
    where = Q(platform_url__icontains=core)
    last = core.rsplit("/", 1)[-1]
    if last and "." not in last:
        where |= Q(platform_post_id=last)
    return where


def archive_post_search(
    *,
    user: Any,
    q: str = "",
    handle: str = "",
    address: str = "",
    limit: int = ARCHIVE_SEARCH_LIMIT,
) -> list[Post]:
    """The archived posts matching every criterion given, newest first, on ANY account: a
    request may concern a post on any of the force's accounts, so for those who may act on or
    read removal requests this search is not limited by ``publishing.permissions.
    post_visibility``. Everyone else gets NotFoundError (as for a request).

    ``q``: a full-text query, as the archive page's (``publishing.search``: every word in any
    form, "phrases", beginnings*, -left out, OR); newest first all the same, as a request
    names a post rather than a subject; ``handle``: the account's
    handle in part (with or without the @); ``address``: see ``_address_q``. With no criterion
    nothing is listed."""
    if not permissions.can_view(user):
        raise NotFoundError()
    q = (q or "").strip()
    handle = (handle or "").strip().lstrip("@")
    address = (address or "").strip()
    if not (q or handle or address):
        return []
    posts = _archived_posts()
    if q:
        posts = post_fulltext(posts, q, rank_limit=None)
    if handle:
        posts = posts.filter(account__handle__icontains=handle)
    if address:
        where = _address_q(address)
        posts = posts.none() if where is None else posts.filter(where)
    posts = posts.order_by(
        F("published_at").desc(nulls_last=True), F("created_at").desc(), F("pk").desc()
    )
    return list(posts[:limit])


def archive_post_for_linking(public_id: Any) -> Post | None:
    """The archived post with this id (a Post or its UUID), on any account; None when there
    is no such post in the archive (a draft, a failed post or no post at all)."""
    if isinstance(public_id, Post):
        public_id = public_id.public_id
    if not isinstance(public_id, uuid.UUID):
        try:
            public_id = uuid.UUID(str(public_id))
        except (TypeError, ValueError, AttributeError):
            return None
    return _archived_posts().filter(public_id=public_id).first()


def confirmed_correction(post: Post | None):
    """The latest correction of ``post``'s words that the platform confirmed (or a person made
    in the app), else None."""
    from bluelamp.publishing.models import Correction

    if post is None:
        return None
    return (
        Correction.objects.select_related("requested_by")
        .filter(post=post, outcome__in=("corrected", "done_by_hand"))
        .order_by("-at", "-pk")
        .first()
    )


def confirmed_change(post: Post | None, outcome: str):
    """What carried out a decision on ``post``: for an amendment its confirmed correction (or,
    failing that, a removal: more than was asked), otherwise its confirmed removal."""
    if outcome == "amend":
        correction = confirmed_correction(post)
        if correction is not None:
            return correction
    return confirmed_removal(post)


def confirmed_removal(post: Post | None) -> Removal | None:
    """The latest removal of ``post`` that took it off its platform, else None (a failed
    attempt does not count)."""
    if post is None:
        return None
    return (
        Removal.objects.select_related("requested_by")
        .filter(post=post, outcome__in=CONFIRMED_REMOVALS)
        .order_by("-at", "-pk")
        .first()
    )


# --- The post page's note -------------------------------------------------------------------------


def open_requests_about(post: Any, user: Any) -> list:
    """For the post's page (``publishing.notes``): the open removal or correction requests
    that concern ``post``, named by reference and state (never by who asked), linked for
    those who may read the request."""
    from django.urls import reverse

    from bluelamp.publishing.notes import PostNote

    requests = (
        RemovalRequest.objects.filter(posts__archived_post=post, status__in=flow.OPEN_STATES)
        .distinct()
        .order_by("pk")
    )
    may_read = permissions.can_view(user)
    return [
        PostNote(
            text=(
                f"An open request from a member of the public asks for this post to be "
                f"removed or corrected: {request.reference} ({request.get_status_display().lower()}"
                "). Do not publish it again or share it while the request is open."
            ),
            link=reverse("data_requests:detail", args=[request.pk]) if may_read else "",
            link_text=f"Open {request.reference}",
        )
        for request in requests
    ]

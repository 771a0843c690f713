"""Posts in flight, force-wide: the list of drafts, waiting, scheduled, held and failed posts
across the accounts a person may see (filterable by account, department and state), the
calendar of scheduled and published posts (a week or a month), and approving several posts at
once. Reading changes nothing; approving several is the single approval
(``publishing.actions`` ``approve``) taken once per post, each with its own result."""

from __future__ import annotations

import datetime as dt
import urllib.parse

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.paging import page_numbers
from bluelamp.core.permissions import require_role, user_has_role
from bluelamp.core.roles import Role
from bluelamp.publishing import bulk, flight, permissions, selectors

readers_required = require_role(*permissions.READERS)
approvers_required = require_role(Role.LINE_MANAGER, Role.CCD)
PAGE_SIZE = 25


@require_safe
@readers_required
def flight_list(request):
    """The posts in flight the user may read, filtered, soonest to publish first."""
    choices = flight.flight_filter_choices(user=request.user)
    account = request.GET.get("account", "")
    department = request.GET.get("department", "")
    state = request.GET.get("state", "")
    if account not in dict(choices["accounts"]):
        account = ""
    if department not in dict(choices["departments"]):
        department = ""
    if state not in dict(flight.IN_FLIGHT_CHOICES):
        state = ""
    posts = flight.posts_in_flight(
        user=request.user, account=account, department=department, state=state
    )
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urllib.parse.urlencode(
        {k: v for k, v in (("account", account), ("department", department), ("state", state)) if v}
    )
    return render(
        request,
        "publishing/flight_list.html",
        {
            "title": "Posts in flight",
            "page": page,
            "page_numbers": page_numbers(page),
            "query": query,
            "filtered": bool(query),
            "accounts": choices["accounts"],
            "departments": choices["departments"],
            "states": flight.IN_FLIGHT_CHOICES,
            "account": account,
            "department": department,
            "state": state,
            "can_approve": user_has_role(request.user, Role.LINE_MANAGER, Role.CCD)
            and selectors.approval_queue(user=request.user).exists(),
        },
    )


def _anchor(value: str, view: str) -> dt.date:
    """The day a calendar page shows the period of: ``YYYY-MM-DD`` (or ``YYYY-MM`` for a
    month), else today."""
    today = timezone.localdate()
    for fmt in ("%Y-%m-%d", "%Y-%m"):
        try:
            day = dt.datetime.strptime(value, fmt).date()
        except (TypeError, ValueError):
            continue
        if dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
            return day
    return today


@require_safe
@readers_required
def flight_calendar(request):
    """A week or a month of scheduled and published posts (``?view=week|month&date=``)."""
    view = request.GET.get("view") if request.GET.get("view") in ("week", "month") else "month"
    anchor = _anchor(request.GET.get("date", ""), view)
    period = flight.calendar_period(user=request.user, view=view, anchor=anchor)
    if view == "week":
        last = period.end - dt.timedelta(days=1)
        heading = f"Week of {period.start.day} {period.start:%B %Y} to {last.day} {last:%B %Y}"
    else:
        heading = f"{period.start:%B %Y}"
    return render(
        request,
        "publishing/flight_calendar.html",
        {
            "title": f"Publishing calendar: {heading}",
            "heading": heading,
            "period": period,
            "view": view,
            "weekdays": flight.WEEKDAYS,
            "today": timezone.localdate(),
            "other_view": "week" if view == "month" else "month",
        },
    )


@require_http_methods(["GET", "POST"])
@approvers_required
def flight_approve(request):
    """Approve several posts waiting for the user's approval: each goes through the one
    approval action (who may, its state, the service's checks), and the page says what
    happened to each."""
    results = []
    status = 200
    error = ""
    if request.method == "POST":
        chosen = request.POST.getlist("posts")
        note = request.POST.get("note", "")[:2000]
        if not chosen:
            error = "Choose at least one post to approve"
            status = 400
        elif len(chosen) > bulk.MAX_BULK:
            error = f"Choose at most {bulk.MAX_BULK} posts at once"
            status = 400
        else:
            results = bulk.approve_each(user=request.user, public_ids=chosen, note=note)
    # A page at a time, no more than can be approved at once.
    page = Paginator(selectors.approval_queue(user=request.user), bulk.MAX_BULK).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "publishing/flight_approve.html",
        {
            "title": "Approve several posts",
            "posts": page.object_list,
            "page": page,
            "page_numbers": page_numbers(page),
            "query": "",
            "results": results,
            "approved": sum(1 for r in results if r["ok"]),
            "error": error,
        },
        status=status,
    )

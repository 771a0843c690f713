"""The pages of removal and correction requests, for information security (and auditors,
read-only). Each view checks the role on the server (``require_role``) and fetches through a
scoped selector (404 alike for missing and not-yours)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.forms import FIXABLE, london_start, refused
from bluelamp.core.paging import page_context
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.data_requests import forms, permissions, selectors
from bluelamp.data_requests.actions import (
    ITEM_ACTIONS,
    REMOVAL_REQUEST_ACTIONS,
    removal_request_available_actions,
    task_of,
)
from bluelamp.data_requests.choices import LetterKind, Regime
from bluelamp.data_requests.services.actioning import platform_response_text
from bluelamp.data_requests.services.intake import removal_request_create
from bluelamp.data_requests.services.letters import letter_draft, letter_send
from bluelamp.data_requests.services.reads import removal_request_read_record
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow

requests_required = require_role(Role.INFOSEC, Role.AUDITOR)


def now() -> dt.datetime:
    """The time (the one place the pages read the clock; tests replace it)."""
    return timezone.now()


def today() -> dt.date:
    """Today's Europe/London date."""
    return deadlines.london_date(now())


@require_safe
@requests_required
def request_queue(request):
    """The requests, the soonest due first, each with its clock in words and colour: the open
    ones unless asked for those answered or closed, or all; found by reference or name."""
    day = today()
    show = request.GET.get("show", "open")
    if show not in selectors.QUEUE_SHOWS:
        show = "open"
    search = request.GET.get("q", "")[:200]
    paging = page_context(
        request,
        selectors.removal_request_queue(user=request.user, today=day, show=show, search=search),
    )
    return render(
        request,
        "data_requests/queue.html",
        {
            "title": "Removal and correction requests",
            "queue": paging["page"].object_list,
            **paging,
            "show": show,
            "shows": selectors.QUEUE_SHOWS.items(),
            "search": search,
            "today": day,
            "can_act": permissions.can_act(request.user),
        },
    )


@require_safe
@requests_required
def request_detail(request, pk: int):
    """One request: the requester, the clock, the posts and their decisions, the tasks."""
    removal_request = selectors.removal_request_get(user=request.user, pk=pk)
    removal_request_read_record(
        removal_request=removal_request, actor=request.user, what="page", now=now()
    )
    day = today()
    actions = removal_request_available_actions(user=request.user, removal_request=removal_request)
    posts = list(removal_request.posts.select_related("task", "archived_post__account"))
    for post in posts:
        post.confirmed_removal = selectors.confirmed_removal(post.archived_post)
    return render(
        request,
        "data_requests/detail.html",
        {
            "title": f"Removal request {removal_request.reference}",
            "rr": removal_request,
            "due": selectors.removal_request_due(removal_request, today=day),
            "posts": posts,
            "can_link": flow.ADD_POST in actions,
            "page_actions": [
                (a, REMOVAL_REQUEST_ACTIONS[a].label) for a in actions if a not in ITEM_ACTIONS
            ],
            "letters": removal_request.letters.select_related("sent_by"),
            "can_write_letters": permissions.can_act(request.user)
            and removal_request.status != flow.CLOSED
            and removal_request.requester_deleted_at is None,
            "can_decide": flow.DECIDE_POST in actions,
            "can_complete": flow.COMPLETE_TASK in actions,
            "today": day,
        },
    )


def _form_page(request, form, *, title: str, submit: str, rr=None, status: int = 200, **extra):
    return render(
        request,
        "data_requests/form.html",
        {"title": title, "form": form, "submit": submit, "rr": rr, **extra},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@requests_required
def request_create(request):
    """Record a request received in writing or verbally."""
    permissions.check_can_act(request.user)
    form = forms.IntakeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = removal_request_create(
                actor=request.user,
                requester_name=data["requester_name"],
                requester_contact=data["requester_contact"],
                request_text=data["request_text"],
                right=data["right"],
                regime=data["regime"] or "unknown",
                received_at=london_start(data["received_on"]),
                received_how=data["received_how"],
                now=now(),
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(request, f"{created.reference} recorded.")
            return redirect("data_requests:detail", created.pk)
    elif request.method == "POST":
        status = 400
    return _form_page(
        request, form, title="Record a request", submit="Record the request", status=status
    )


@require_safe
@requests_required
def request_report(request):
    """The month's requests: opened, answered within 14 days and within the statutory limit,
    extended, refused, closed, with a bar chart. ``?month=YYYY-MM`` (default: this month)."""
    day = today()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        year, month = day.year, day.month
    report = selectors.removal_request_monthly_report(
        user=request.user, year=year, month=month, today=day
    )
    biggest = max([count for _, count in report.rows()] + [1])
    return render(
        request,
        "data_requests/report.html",
        {
            "title": f"Requests received in {dt.date(year, month, 1):%B %Y}",
            "report": report,
            "bars": [
                (label, count, round(100 * count / biggest), 10 * i + 1)
                for i, (label, count) in enumerate(report.rows())
            ],
            "chart_height": 10 * len(report.rows()),
            "previous": deadlines.add_months(dt.date(year, month, 1), -1),
            "next": deadlines.add_months(dt.date(year, month, 1), 1),
        },
    )


def _perform(request, name: str, rr, data: dict[str, Any]) -> Any:
    """Take the action ``name`` through its declaration (``actions``): 403 unless the user
    may, 409 unless the state allows, then its service at the pages' time."""
    return REMOVAL_REQUEST_ACTIONS.perform(
        name, rr, actor=request.user, data={**data, "now": now()}
    )


@require_http_methods(["GET", "POST"])
@requests_required
def request_action(request, pk: int, action: str, item: int | None = None):
    """One step of the workflow, as ``actions`` declares it: its form, then its service. Who
    may and whether the state allows it are asked of the declaration (the service checks both
    again, whatever the page showed)."""
    if action not in REMOVAL_REQUEST_ACTIONS:
        raise Http404("Page not found.")
    declared = REMOVAL_REQUEST_ACTIONS[action]
    if (declared.item is None) != (item is None):
        raise Http404("Page not found.")
    rr = selectors.removal_request_get(user=request.user, pk=pk)
    REMOVAL_REQUEST_ACTIONS.check(action, rr, request.user)
    target = declared.item(rr, item) if declared.item else None
    form = declared.form_for(
        request.POST if request.method == "POST" else None,
        removal_request=rr,
        user=request.user,
        now=now(),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = declared.from_form(form.cleaned_data)
        if target is not None:
            data[declared.item_keyword] = target
        try:
            _perform(request, action, rr, data)
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(request, f"{declared.label}: done.")
            return redirect("data_requests:detail", rr.pk)
    elif request.method == "POST":
        status = 400
    return _form_page(
        request,
        form,
        title=declared.label,
        submit=declared.submit,
        rr=rr,
        item=target,
        status=status,
        hint=declared.hint,
        archive=_archive_evidence(request, rr, target) if action == flow.COMPLETE_TASK else None,
    )


# --- The archive: linking posts, and the platform's confirmation as evidence ----------------------


@dataclass(frozen=True)
class _ArchiveEvidence:
    """What the archive says of a task's post: its confirmed removal, or that it is still
    published (and where the social media team removes it)."""

    post: Any
    removal: Any  # a publishing Removal, or (for an amendment) a Correction
    corrected: bool
    still_published: bool
    reference: str
    post_page: str
    platform_response: str


def _archive_evidence(request, rr, task) -> _ArchiveEvidence | None:
    post = task.decision.archived_post if task is not None else None
    if post is None:
        return None
    removal = selectors.confirmed_change(post, task.decision.outcome)
    return _ArchiveEvidence(
        post=post,
        removal=removal,
        corrected=removal is not None and hasattr(removal, "new_text"),
        still_published=removal is None and post.state == "published",
        reference=rr.reference,
        post_page=request.build_absolute_uri(
            reverse("publishing:post_detail", args=[post.public_id])
        ),
        platform_response=platform_response_text(removal.platform_response) if removal else "",
    )


def _check_can_link(request, rr) -> None:
    REMOVAL_REQUEST_ACTIONS.check(flow.ADD_POST, rr, request.user)


def _archive_page(request, rr, *, search, link_form=None, status: int = 200):
    results = []
    if search.is_valid():
        results = selectors.archive_post_search(user=request.user, **search.cleaned_data)
    linked = set(rr.posts.exclude(archived_post=None).values_list("archived_post_id", flat=True))
    return render(
        request,
        "data_requests/archive_search.html",
        {
            "title": "Find the post in the archive",
            "rr": rr,
            "form": search,
            "link_form": link_form,
            "searched": search.is_bound and any(search.data.get(k) for k in search.fields),
            "results": [(post, post.pk in linked) for post in results],
            "capped": len(results) >= selectors.ARCHIVE_SEARCH_LIMIT,
            "limit": selectors.ARCHIVE_SEARCH_LIMIT,
        },
        status=status,
    )


@require_safe
@requests_required
def archive_search(request, pk: int):
    """Search the archive (every account: CC/01 4.26–4.31) for the posts a request concerns,
    and link each one."""
    rr = selectors.removal_request_get(user=request.user, pk=pk)
    _check_can_link(request, rr)
    search = forms.ArchiveSearchForm(request.GET or None)
    return _archive_page(request, rr, search=search)


@require_http_methods(["POST"])
@requests_required
def archive_link(request, pk: int):
    """Link one post from the archive (the service refuses one already linked)."""
    rr = selectors.removal_request_get(user=request.user, pk=pk)
    _check_can_link(request, rr)
    form = forms.ArchiveLinkForm(request.POST)
    search = forms.ArchiveSearchForm(
        {k: request.POST.get(k, "") for k in forms.ArchiveSearchForm.base_fields}
    )
    if form.is_valid() and form.cleaned_data["post"]:
        try:
            decision = _perform(
                request, flow.ADD_POST, rr, {"archived_post": form.cleaned_data["post"]}
            )
        except FIXABLE as error:
            form.add_error(None, error.message)
            return _archive_page(
                request, rr, search=search, link_form=form, status=error.http_status
            )
        messages.success(
            request,
            f"The {decision.platform} post by @{decision.archived_post.account.handle} is "
            f"linked to {rr.reference}.",
        )
        return redirect("data_requests:detail", rr.pk)
    form.add_error(None, "Choose a post from the results")
    return _archive_page(request, rr, search=search, link_form=form, status=400)


@require_http_methods(["POST"])
@requests_required
def task_from_platform(request, pk: int, item: int):
    """Record a task as done from the archive's confirmed removal of its post."""
    rr = selectors.removal_request_get(user=request.user, pk=pk)
    REMOVAL_REQUEST_ACTIONS.check(flow.COMPLETE_TASK, rr, request.user)
    task = task_of(rr, item)
    try:
        _perform(request, flow.COMPLETE_TASK, rr, {"task": task, "from_platform": True})
    except FIXABLE as error:
        form = forms.TaskForm({})
        form.is_valid()  # an empty form, bound so the refusal can be put on it
        form.add_error(None, error.message)
        declared = REMOVAL_REQUEST_ACTIONS[flow.COMPLETE_TASK]
        return _form_page(
            request,
            form,
            title=declared.label,
            submit=declared.submit,
            rr=rr,
            item=task,
            status=error.http_status,
            archive=_archive_evidence(request, rr, task),
        )
    messages.success(request, "Task recorded as done from the platform's confirmation.")
    return redirect("data_requests:detail", rr.pk)


# --- Letters --------------------------------------------------------------------------------------


@require_safe
@requests_required
def letter_choose(request, pk: int):
    """Choose which letter to write to the requester."""
    rr = selectors.removal_request_get(user=request.user, pk=pk)
    permissions.check_can_act(request.user)
    choices = [(kind.value, kind.label, False) for kind in LetterKind]
    if rr.regime == Regime.PART3:
        choices.append((LetterKind.REFUSAL.value, "Refusal, reasons withheld (Part 3)", True))
    return render(
        request,
        "data_requests/letter_choose.html",
        {"title": "Write a letter", "rr": rr, "choices": choices},
    )


@require_http_methods(["GET", "POST"])
@requests_required
def letter_write(request, pk: int, kind: str):
    """The drafted letter, to edit and send. The service checks what it must say."""
    rr = selectors.removal_request_get(user=request.user, pk=pk)
    permissions.check_can_act(request.user)
    if kind not in LetterKind.values:
        raise Http404("Page not found.")
    label = LetterKind(kind).label
    status = 200
    if request.method == "POST":
        form = forms.LetterForm(request.POST)
        if form.is_valid():
            try:
                letter = letter_send(
                    actor=request.user,
                    removal_request=rr,
                    kind=kind,
                    body=form.cleaned_data["body"],
                    reasons_withheld=form.cleaned_data["reasons_withheld"],
                    now=now(),
                )
            except FIXABLE as error:
                status = refused(form, error)
            else:
                messages.success(request, f"{label} letter sent and kept with the case.")
                return redirect(
                    f"{reverse('data_requests:detail', args=[rr.pk])}#letter-{letter.pk}"
                )
        else:
            status = 400
    else:
        withheld = request.GET.get("withheld") == "1"
        body = letter_draft(
            actor=request.user,
            removal_request=rr,
            kind=kind,
            reasons_withheld=withheld,
            now=now(),
        )
        removal_request_read_record(
            removal_request=rr, actor=request.user, what="letter_draft", now=now()
        )
        form = forms.LetterForm(initial={"body": body, "reasons_withheld": withheld})
    return render(
        request,
        "data_requests/letter_form.html",
        {"title": f"{label} letter", "rr": rr, "form": form, "kind": kind},
        status=status,
    )


@require_safe
@requests_required
def letter_pdf(request, pk: int, letter: int):
    """A sent letter's PDF, as a download that is not cached."""
    rr = selectors.removal_request_get(user=request.user, pk=pk)
    sent = rr.letters.filter(pk=letter).first()
    if sent is None:
        raise Http404("Page not found.")
    removal_request_read_record(
        removal_request=rr, actor=request.user, what="letter_pdf", letter=sent, now=now()
    )
    response = HttpResponse(bytes(sent.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{sent.filename}"'
    response["Cache-Control"] = "no-store"
    return response

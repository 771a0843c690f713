"""The pages of removal and correction requests, for information security (and auditors,
read-only). Each view checks the role on the server (``require_role``) and fetches through a
scoped selector (404 alike for missing and not-yours)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.errors import InvalidTransitionError
from bluelamp.core.forms import FIXABLE, london_start, refused
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.data_requests import forms, letters, permissions, selectors
from bluelamp.data_requests.choices import LetterKind, Regime
from bluelamp.data_requests.models import PostDecision, RemovalTask
from bluelamp.data_requests.services.actioning import (
    platform_response_text,
    removal_request_actioning_start,
    removal_task_complete,
    removal_task_complete_from_archive,
)
from bluelamp.data_requests.services.decisions import (
    post_decision_decide,
    removal_request_close,
    removal_request_extend,
    removal_request_respond,
)
from bluelamp.data_requests.services.intake import (
    removal_request_create,
    removal_request_identity_ask,
    removal_request_identity_confirm,
    removal_request_identity_receive,
    removal_request_post_add,
    removal_request_regime_set,
)
from bluelamp.data_requests.services.letters import RESPONSE_LETTERS, letter_draft, letter_send
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
    """The open requests, the soonest due first, each with its clock in words and colour."""
    day = today()
    return render(
        request,
        "data_requests/queue.html",
        {
            "title": "Removal and correction requests",
            "queue": selectors.removal_request_queue(user=request.user, today=day),
            "today": day,
            "can_act": permissions.can_act(request.user),
        },
    )


@require_safe
@requests_required
def request_detail(request, pk: int):
    """One request: the requester, the clock, the posts and their decisions, the tasks."""
    removal_request = selectors.removal_request_get(user=request.user, pk=pk)
    day = today()
    actions = selectors.removal_request_available_actions(
        user=request.user, removal_request=removal_request
    )
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
                (a, PAGES[a].title)
                for a in actions
                if a not in (flow.DECIDE_POST, flow.COMPLETE_TASK)
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


@dataclass(frozen=True)
class _Page:
    title: str
    submit: str
    form: type[django_forms.Form]


PAGES: dict[str, _Page] = {
    flow.ADD_POST: _Page("Link a post", "Link the post", forms.PostForm),
    flow.SET_REGIME: _Page("Set the regime", "Set the regime", forms.RegimeForm),
    flow.ASK_IDENTITY: _Page(
        "Ask for proof of identity", "Record that it was asked for", forms.ConfirmForm
    ),
    flow.RECEIVE_IDENTITY: _Page(
        "Proof of identity received", "Record it", forms.IdentityReceivedForm
    ),
    flow.CONFIRM_IDENTITY: _Page(
        "Identity not in doubt", "Confirm the identity", forms.ConfirmForm
    ),
    flow.DECIDE_POST: _Page("Decide this post", "Record the decision", forms.DecisionForm),
    flow.EXTEND: _Page("Extend the deadline", "Extend by two months", forms.ExtendForm),
    flow.START_ACTIONING: _Page(
        "Set the social media team's tasks", "Set the tasks", forms.ConfirmForm
    ),
    flow.COMPLETE_TASK: _Page("Record a task as done", "Record it", forms.TaskForm),
    flow.RESPOND: _Page("Record the response", "Record the response", forms.RespondForm),
    flow.CLOSE: _Page("Close the request", "Close it", forms.ConfirmForm),
}


HINTS = {
    flow.ADD_POST: "For a post the archive does not hold (made outside Bluelamp and not "
    "imported). A post in the archive is linked from Find the post in the archive.",
    flow.EXTEND: "The requester must be told of the extension, with the reasons, by the "
    "unextended deadline. Choose the extension notice already sent from this case, or send "
    "the notice below with the extension.",
    flow.RESPOND: "The response is the outcome or refusal letter sent from this case (Write a "
    "letter): its sent date is the date the requester was answered.",
}


def _call(action: str, *, actor, rr, item, data: dict[str, Any]) -> None:
    """The one service call behind each action page."""
    common = {"actor": actor, "now": now()}
    if action == flow.ADD_POST:
        removal_request_post_add(removal_request=rr, **data, **common)
    elif action == flow.SET_REGIME:
        removal_request_regime_set(removal_request=rr, regime=data["regime"], **common)
    elif action == flow.ASK_IDENTITY:
        removal_request_identity_ask(removal_request=rr, **common)
    elif action == flow.RECEIVE_IDENTITY:
        removal_request_identity_receive(
            removal_request=rr, received_at=london_start(data["received_on"]), **common
        )
    elif action == flow.CONFIRM_IDENTITY:
        removal_request_identity_confirm(removal_request=rr, **common)
    elif action == flow.DECIDE_POST:
        post_decision_decide(decision=item, **data, **common)
    elif action == flow.EXTEND:
        reasons = data["reasons"] or ""
        body = "" if data["letter"] else data["letter_body"]
        if reasons.strip():
            body = body.replace(letters.EXTENSION_REASONS_PLACEHOLDER, reasons.strip())
        removal_request_extend(
            removal_request=rr,
            reasons=reasons,
            letter=data["letter"] or None,
            letter_body=body,
            **common,
        )
    elif action == flow.START_ACTIONING:
        removal_request_actioning_start(removal_request=rr, **common)
    elif action == flow.COMPLETE_TASK:
        removal_task_complete(
            task=item,
            carried_out_by=data["carried_out_by"],
            carried_out_at=london_start(data["carried_out_on"]),
            evidence=data["evidence"],
            **common,
        )
    elif action == flow.RESPOND:
        removal_request_respond(
            removal_request=rr, letter=data["letter"] or None, summary=data["summary"], **common
        )
    elif action == flow.CLOSE:
        removal_request_close(removal_request=rr, **common)


def _item(action: str, rr, item_pk: int | None):
    """The post (to decide) or task (to complete) the action is about, within this request."""
    model = {flow.DECIDE_POST: PostDecision, flow.COMPLETE_TASK: RemovalTask}.get(action)
    if (model is None) != (item_pk is None):
        raise Http404("Page not found.")
    if model is PostDecision:
        return PostDecision.objects.filter(request=rr, pk=item_pk).first() or _missing()
    if model is RemovalTask:
        return (
            RemovalTask.objects.select_related("decision")
            .filter(decision__request=rr, pk=item_pk)
            .first()
            or _missing()
        )
    return None


def _missing():
    raise Http404("Page not found.")


def _form(action: str, page: _Page, request, rr) -> django_forms.Form:
    """The action's form; the extension and response steps offer the letters they rest on."""
    data = request.POST if request.method == "POST" else None
    if action == flow.EXTEND:
        initial = None
        if data is None:
            initial = {
                "letter_body": letter_draft(
                    actor=request.user, removal_request=rr, kind=LetterKind.EXTENSION, now=now()
                )
            }
        sent = rr.letters.filter(kind=LetterKind.EXTENSION)
        return forms.ExtendForm(data, letters=sent, initial=initial)
    if action == flow.RESPOND:
        sent = list(rr.letters.filter(kind__in=RESPONSE_LETTERS))
        initial = {"letter": str(sent[-1].pk)} if sent and data is None else None
        return forms.RespondForm(data, letters=sent, initial=initial)
    return page.form(data)


@require_http_methods(["GET", "POST"])
@requests_required
def request_action(request, pk: int, action: str, item: int | None = None):
    """One step of the workflow: a form, then one service call. The service checks the
    permission and the state again, whatever the page showed."""
    page = PAGES.get(action)
    if page is None:
        raise Http404("Page not found.")
    rr = selectors.removal_request_get(user=request.user, pk=pk)
    permissions.check_can_act(request.user)
    target = _item(action, rr, item)
    if not flow.allowed(rr.status, action):
        raise InvalidTransitionError(
            f"{rr.reference} is {rr.get_status_display().lower()}: that cannot be done now.",
            state=rr.status,
            action=action,
        )
    form = _form(action, page, request, rr)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            _call(action, actor=request.user, rr=rr, item=target, data=form.cleaned_data)
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(request, f"{page.title}: done.")
            return redirect("data_requests:detail", rr.pk)
    elif request.method == "POST":
        status = 400
    return _form_page(
        request,
        form,
        title=page.title,
        submit=page.submit,
        rr=rr,
        item=target,
        status=status,
        hint=HINTS.get(action, ""),
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
    permissions.check_can_act(request.user)
    if not flow.allowed(rr.status, flow.ADD_POST):
        raise InvalidTransitionError(
            f"{rr.reference} is {rr.get_status_display().lower()}: posts cannot be linked now.",
            state=rr.status,
            action=flow.ADD_POST,
        )


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
            decision = removal_request_post_add(
                actor=request.user,
                removal_request=rr,
                archived_post=form.cleaned_data["post"],
                now=now(),
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
    permissions.check_can_act(request.user)
    task = _item(flow.COMPLETE_TASK, rr, item)
    try:
        removal_task_complete_from_archive(actor=request.user, task=task, now=now())
    except FIXABLE as error:
        form = forms.TaskForm({})
        form.is_valid()  # an empty form, bound so the refusal can be put on it
        form.add_error(None, error.message)
        page = PAGES[flow.COMPLETE_TASK]
        return _form_page(
            request,
            form,
            title=page.title,
            submit=page.submit,
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
    response = HttpResponse(bytes(sent.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{sent.filename}"'
    response["Cache-Control"] = "no-store"
    return response

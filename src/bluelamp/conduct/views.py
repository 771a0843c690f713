"""The conduct pages: reporting a possible breach, the cases of the team holding them, the
member of staff's removal requests, staff reports of abuse and of journalists' approaches, and
the warning that a post will attract media attention. Each view fetches through a scoped
selector (404 alike for missing and not-yours); every step goes through ``actions``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bluelamp.conduct import forms, permissions, selectors
from bluelamp.conduct.actions import (
    CONDUCT_CASE_ACTIONS,
    TEAM_ACTIONS,
    conduct_case_available_actions,
)
from bluelamp.conduct.services.alerts import media_alert_raise
from bluelamp.conduct.services.cases import conduct_case_report
from bluelamp.conduct.services.reports import staff_report_close, staff_report_make
from bluelamp.core.actions import page_step
from bluelamp.core.errors import NotFoundError, PermissionDeniedError
from bluelamp.core.forms import FIXABLE, london_start, refused
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import conduct_cases as flow
from bluelamp.publishing.selectors import post_get

queue_required = require_role(Role.CCD, Role.PSD, Role.AUDITOR)
alerts_required = require_role(Role.CCD, Role.AUDITOR)


def now() -> dt.datetime:
    """The time (the one place the pages read the clock; tests replace it)."""
    return timezone.now()


def _image(data: bytes, mime: str) -> HttpResponse:
    if not data:
        raise Http404("No screenshot.")
    response = HttpResponse(bytes(data), content_type=mime or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Disposition"] = "inline"
    return response


# --- The start page and the reporter's own --------------------------------------------------------


@require_safe
def index(request):
    """What the signed-in user may do about conduct, by role."""
    user = request.user
    return render(
        request,
        "conduct/index.html",
        {
            "title": "Conduct and reports",
            "sees_queue": permissions.may_see_conduct_queue(user),
            "receives": permissions.received_kinds(user),
            "sees_alerts": permissions.may_see_alerts(user),
            "removals": selectors.removal_requests_for(user=user),
            "my_cases": selectors.reports_made_by(user=user),
            "my_reports": selectors.staff_reports(user=user).filter(reported_by=user),
        },
    )


@require_http_methods(["GET", "POST"])
def case_report(request):
    """Report a possible breach of the policy: anyone signed in."""
    form = forms.ReportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data, name = form.screenshot()
        clean = form.cleaned_data
        try:
            case = conduct_case_report(
                actor=request.user,
                content_kind=clean["content_kind"],
                link=clean["link"],
                what_is_wrong=clean["what_is_wrong"],
                clause=clean["clause"],
                subject_text=clean["subject_text"],
                screenshot=data,
                screenshot_name=name,
                now=now(),
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(
                request, f"Thank you. {case.reference} has been sent to Corporate Communications."
            )
            return redirect("conduct:index")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "conduct/form.html",
        {
            "title": "Report a possible breach of the social media policy",
            "form": form,
            "submit": "Send the report",
            "multipart": True,
            "hint": "Corporate Communications will assess it. The member of staff concerned is "
            "never told who reported it.",
            "back": "conduct:index",
        },
        status=status,
    )


# --- The team holding the cases, and the auditors' register ---------------------------------------


@require_safe
@queue_required
def case_queue(request):
    user = request.user
    return render(
        request,
        "conduct/queue.html",
        {
            "title": "Conduct cases",
            "cases": selectors.handled_cases(user=user),
            "register": selectors.case_register(user=user),
            "teams": permissions.teams_of(user),
        },
    )


@require_safe
@queue_required
def case_detail(request, pk: int):
    case = selectors.case_get(user=request.user, pk=pk)
    available = conduct_case_available_actions(user=request.user, conduct_case=case)
    return render(
        request,
        "conduct/case.html",
        {
            "title": f"Conduct case {case.reference}",
            "case": case,
            "page_actions": [
                (name, CONDUCT_CASE_ACTIONS[name].label)
                for name in available
                if name in TEAM_ACTIONS
            ],
        },
    )


@require_safe
def case_screenshot(request, pk: int, which: str):
    """The report's screenshot for the team holding the case; the proof's for them and the
    member of staff who gave it."""
    if which == "report":
        case = selectors.case_get(user=request.user, pk=pk)
        return _image(case.screenshot, case.screenshot_type)
    if which == "proof":
        try:
            case = selectors.case_get(user=request.user, pk=pk)
        except NotFoundError:
            case = selectors.removal_get(user=request.user, pk=pk)
        return _image(case.removal_proof_screenshot, case.removal_proof_screenshot_type)
    raise Http404("No such screenshot.")


def _step_page(request, case, action: str, *, template: str, back: str, context: dict):
    declared = CONDUCT_CASE_ACTIONS[action]
    if request.method == "POST":
        form = declared.form(request.POST, request.FILES)
        data = None
        if form.is_valid():
            data = declared.from_form(form.cleaned_data)
            if isinstance(form, forms.ScreenshotMixin):
                data["screenshot"], data["screenshot_name"] = form.screenshot()
            if action == flow.REQUEST_REMOVAL:
                data["deadline"] = form.cleaned_data["deadline"]
            data["now"] = now()
        outcome = page_step(request, CONDUCT_CASE_ACTIONS, action, case, form=form, data=data)
        if outcome.ok:
            messages.success(request, declared.done_message(outcome.result))
            return redirect(back, case.pk)
        form, status = outcome.form, outcome.status
    else:
        CONDUCT_CASE_ACTIONS.check(action, case, request.user)
        form, status = declared.form(), 200
    return render(
        request,
        template,
        {
            "title": declared.label,
            "form": form,
            "submit": declared.submit,
            "hint": declared.hint,
            "multipart": isinstance(form, forms.ScreenshotMixin),
            "case": case,
            **context,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@queue_required
def case_action(request, pk: int, action: str):
    """One step of the case for the team holding it, as ``actions`` declares it."""
    if action not in TEAM_ACTIONS:
        raise Http404("Page not found.")
    case = selectors.case_get(user=request.user, pk=pk)
    return _step_page(
        request,
        case,
        action,
        template="conduct/form.html",
        back="conduct:case",
        context={"back_case": case},
    )


# --- The member of staff asked to remove content -------------------------------------------------


@require_http_methods(["GET", "POST"])
def removal_detail(request, pk: int):
    """What the member of staff is asked to remove, by when, and the form for their proof."""
    case = selectors.removal_get(user=request.user, pk=pk)
    if request.method == "POST" or flow.PROVE_REMOVAL in conduct_case_available_actions(
        user=request.user, conduct_case=case
    ):
        return _step_page(
            request,
            case,
            flow.PROVE_REMOVAL,
            template="conduct/removal.html",
            back="conduct:removal",
            context={},
        )
    return render(
        request,
        "conduct/removal.html",
        {"title": "Content you are asked to remove", "case": case, "form": None},
    )


# --- Staff reports --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def staff_report_new(request):
    """Report abuse aimed at you, or a journalist's approach: the evidence is kept at once."""
    initial = {"kind": request.GET.get("kind", "")}
    form = forms.StaffReportForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data, name = form.screenshot()
        clean = form.cleaned_data
        try:
            report = staff_report_make(
                actor=request.user,
                kind=clean["kind"],
                details=clean["details"],
                link=clean["link"],
                pasted_text=clean["pasted_text"],
                platform=clean["platform"],
                happened_at=london_start(clean["happened_on"]),
                screenshot=data,
                screenshot_name=name,
                now=now(),
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(request, f"{report.reference} sent, with its evidence kept.")
            return redirect("conduct:staff_report", report.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "conduct/form.html",
        {
            "title": "Report abuse or a journalist's approach",
            "form": form,
            "submit": "Send the report",
            "multipart": True,
            "hint": "Abuse, harassment and cyberbullying go to staff welfare; an approach by a "
            "journalist goes to CCD's press office. Only you and that team see it.",
            "back": "conduct:index",
        },
        status=status,
    )


@require_safe
def staff_report_list(request):
    """The reports the user's team receives (welfare: abuse; CCD: journalists)."""
    if not permissions.received_kinds(request.user):
        raise NotFoundError("There is no such page.")
    return render(
        request,
        "conduct/staff_reports.html",
        {
            "title": "Staff reports received",
            "reports": selectors.staff_reports_received(user=request.user),
        },
    )


@require_safe
def staff_report_detail(request, pk: int):
    report = selectors.staff_report_get(user=request.user, pk=pk)
    can_close = permissions.receives(request.user, report) and report.status == "open"
    return render(
        request,
        "conduct/staff_report.html",
        {
            "title": f"Report {report.reference}",
            "report": report,
            "close_form": forms.StaffReportCloseForm() if can_close else None,
        },
    )


@require_POST
def staff_report_close_page(request, pk: int):
    report = selectors.staff_report_get(user=request.user, pk=pk)
    form = forms.StaffReportCloseForm(request.POST)
    form.is_valid()
    try:
        staff_report_close(
            report=report, actor=request.user, note=form.cleaned_data.get("note", ""), now=now()
        )
    except FIXABLE as error:
        status = refused(form, error)
        return render(
            request,
            "conduct/staff_report.html",
            {"title": f"Report {report.reference}", "report": report, "close_form": form},
            status=status,
        )
    messages.success(request, f"{report.reference} closed.")
    return redirect("conduct:staff_report", report.pk)


@require_safe
def staff_report_screenshot(request, pk: int):
    report = selectors.staff_report_get(user=request.user, pk=pk)
    return _image(report.screenshot, report.screenshot_type)


# --- Media attention (3.12) -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def media_alert_new(request, public_id):
    """Tell the press office that this post will attract media attention."""
    post = post_get(user=request.user, public_id=public_id)
    if not permissions.may_raise_alert(request.user):
        raise PermissionDeniedError("Auditors and Professional Standards read posts only.")
    form = forms.MediaAlertForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            media_alert_raise(
                post=post, actor=request.user, note=form.cleaned_data["note"], now=now()
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(request, "The press office has been told.")
            return redirect("publishing:post_detail", post.public_id)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "conduct/form.html",
        {
            "title": "This will attract media attention",
            "form": form,
            "submit": "Tell the press office",
            "hint": f"A post on {post.account.at_handle}: {post.text[:140]}",
            "post": post,
        },
        status=status,
    )


@require_safe
@alerts_required
def media_alert_list(request):
    return render(
        request,
        "conduct/media_alerts.html",
        {
            "title": "Posts that will attract media attention",
            "alerts": selectors.media_alerts(user=request.user),
        },
    )

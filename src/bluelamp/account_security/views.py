"""The account-security pages: report a lost device (two clicks from home for every member of
staff), its checklists, the register with its chart, rotation tasks and the staff-changes feed.
Each view checks the role on the server and fetches through a scoped selector (404 alike for
missing and not-yours); who may act and whether the state allows it are asked of ``actions``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.account_security import forms, permissions, selectors
from bluelamp.account_security.actions import (
    LOST_DEVICE_ACTIONS,
    ROTATION_ACTIONS,
    report_available_actions,
    task_available_actions,
)
from bluelamp.account_security.choices import Step
from bluelamp.account_security.services.lost_devices import lost_device_report_file
from bluelamp.account_security.services.staff_changes import staff_changes_apply
from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.forms import FIXABLE, refused
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import account_security as flow

pages_required = require_role(*permissions.PAGE_ROLES)


def now() -> dt.datetime:
    """The time (the one place the pages read the clock; tests replace it)."""
    return timezone.now()


@require_safe
@pages_required
def home(request):
    """Account security: report a lost device, your reports and your rotation tasks."""
    user = request.user
    return render(
        request,
        "account_security/home.html",
        {
            "title": "Account security",
            "can_report": permissions.can_report(user),
            "can_see_all": permissions.can_see_all(user),
            "is_ccd": permissions.is_ccd(user),
            "reports": selectors.lost_device_report_list(user=user)[:50],
            "tasks": selectors.rotation_task_list(user=user, open_only=True)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
@pages_required
def report_create(request):
    """Report a lost or stolen device (5.5, 5.6)."""
    if not permissions.can_report(request.user):
        raise PermissionDenied
    accounts = list(selectors.reportable_accounts(request.user).order_by("platform", "handle"))
    suggested = [str(a.pk) for a in selectors.suggested_accounts(request.user)]
    data = request.POST if request.method == "POST" else None
    form = forms.LostDeviceForm(data, accounts=accounts, initial={"accounts": suggested})
    status = 200
    if request.method == "POST" and form.is_valid():
        chosen = {str(a.pk): a for a in accounts}
        try:
            report = lost_device_report_file(
                actor=request.user,
                device=form.cleaned_data["device"],
                device_kind=form.cleaned_data["device_kind"],
                issued_by=form.cleaned_data["issued_by"],
                circumstances=form.cleaned_data["circumstances"],
                lost_at=form.lost_at(),
                accounts=[chosen[pk] for pk in form.cleaned_data["accounts"] if pk in chosen],
                details=form.cleaned_data["details"],
                now=now(),
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(
                request,
                f"{report.reference} reported. Corporate Communications and the accounts' "
                "administrators have been told.",
            )
            return redirect("account_security:report_detail", report.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "account_security/report_form.html",
        {"title": "Report a lost or stolen device", "form": form, "has_accounts": bool(accounts)},
        status=status,
    )


@require_safe
@pages_required
def report_detail(request, pk: int):
    report = selectors.lost_device_report_get(user=request.user, pk=pk)
    actions = report_available_actions(user=request.user, report=report)
    checklists = []
    for checklist in report.checklists.all():
        tickable = (
            flow.COMPLETE_STEP in actions
            and checklist.status == flow.OPEN
            and permissions.administrator_refusal(request.user, checklist.account) is None
        )
        checklists.append(
            {
                "checklist": checklist,
                "steps": list(checklist.steps.all()),
                "tickable": tickable,
                "posts": selectors.posts_since_loss(checklist),
            }
        )
    return render(
        request,
        "account_security/report_detail.html",
        {
            "title": f"Lost device report {report.reference}",
            "report": report,
            "checklists": checklists,
            "page_actions": [
                (a, LOST_DEVICE_ACTIONS[a].label) for a in actions if a != flow.COMPLETE_STEP
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@pages_required
def step_complete(request, pk: int, checklist: int, step: str):
    """Tick one step of one account's checklist."""
    if step not in Step.values:
        raise Http404("Page not found.")
    report = selectors.lost_device_report_get(user=request.user, pk=pk)
    item = selectors.checklist_of(report, checklist)
    LOST_DEVICE_ACTIONS.check(flow.COMPLETE_STEP, report, request.user)
    refusal = permissions.administrator_refusal(request.user, item.account)
    if refusal:
        raise PermissionDeniedError(refusal)
    form_class = forms.PasswordStepForm if step == flow.STEP_PASSWORD else forms.StepForm
    form = form_class(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            LOST_DEVICE_ACTIONS.perform(
                flow.COMPLETE_STEP,
                report,
                actor=request.user,
                data={"checklist_id": item.pk, "step": step, "now": now(), **form.cleaned_data},
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(request, f"{item.account.at_handle}: “{Step(step).label}” ticked.")
            return redirect("account_security:report_detail", report.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "account_security/step_form.html",
        {
            "title": f"{item.account.at_handle}: {Step(step).label}",
            "report": report,
            "checklist": item,
            "step": step,
            "form": form,
            "posts": selectors.posts_since_loss(item) if step == flow.STEP_POSTS else None,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@pages_required
def report_action(request, pk: int, action: str):
    """Suspend or resume publishing on the report's accounts (CCD)."""
    if action not in LOST_DEVICE_ACTIONS or action == flow.COMPLETE_STEP:
        raise Http404("Page not found.")
    report = selectors.lost_device_report_get(user=request.user, pk=pk)
    declared = LOST_DEVICE_ACTIONS[action]
    LOST_DEVICE_ACTIONS.check(action, report, request.user)
    form = declared.form(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            LOST_DEVICE_ACTIONS.perform(
                action, report, actor=request.user, data={**form.cleaned_data, "now": now()}
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(request, f"{declared.label}: done.")
            return redirect("account_security:report_detail", report.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "account_security/action_form.html",
        {"title": declared.label, "report": report, "form": form},
        status=status,
    )


@require_safe
@require_role(*permissions.SEE_ALL_ROLES)
def register(request):
    """Every lost-device report with the time to secure each account, and a chart."""
    reg = selectors.lost_device_register(user=request.user, now=now())
    bars = reg.bars()
    return render(
        request,
        "account_security/register.html",
        {
            "title": "Register of lost and stolen devices",
            "register": reg,
            "bars": bars,
            "chart_height": max(10 * len(bars), 10),
        },
    )


@require_safe
@pages_required
def rotation_list(request):
    tasks = list(selectors.rotation_task_list(user=request.user)[:200])
    for task in tasks:
        task.actions = task_available_actions(user=request.user, task=task)
    return render(
        request,
        "account_security/rotation_list.html",
        {"title": "Password rotation tasks", "tasks": tasks},
    )


@require_http_methods(["GET", "POST"])
@pages_required
def rotation_complete(request, pk: int):
    task = selectors.rotation_task_get(user=request.user, pk=pk)
    ROTATION_ACTIONS.check(flow.COMPLETE, task, request.user)
    form = forms.RotationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            ROTATION_ACTIONS.perform(
                flow.COMPLETE, task, actor=request.user, data={**form.cleaned_data, "now": now()}
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(
                request,
                f"{task.account.at_handle}: new password lodged in the vault. Corporate "
                "Communications has been told.",
            )
            return redirect("account_security:rotation_list")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "account_security/rotation_form.html",
        {"title": f"Change the password of {task.account.at_handle}", "task": task, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@require_role(Role.CCD)
def staff_changes(request):
    """Apply a feed of leavers and movers (4.18): all or nothing."""
    form = forms.StaffChangesForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is None:
            form.add_error("file", "Choose the CSV file to upload")
            status = 400
        else:
            try:
                batch = staff_changes_apply(
                    actor=request.user,
                    text=upload.read(),
                    source=upload.name,
                    now=now(),
                )
            except FIXABLE as error:
                status = refused(form, error)
            else:
                messages.success(
                    request,
                    f"{len(batch.rows)} people applied: taken off every roster, rotation tasks "
                    "set, and their accounts handed to their line managers where they owned one.",
                )
                return redirect("account_security:staff_changes")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "account_security/staff_changes.html",
        {"title": "Leavers and movers", "form": form},
        status=status,
    )

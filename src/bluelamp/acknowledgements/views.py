"""The pages of policy acknowledgement and training: a person's own (read the current version
and acknowledge it; see their training), and CCD's list of who has not finished, with training
records and reminders (auditors read the list)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bluelamp.acknowledgements import forms, permissions, selectors, services
from bluelamp.core.forms import FIXABLE, refused
from bluelamp.core.permissions import require_role
from bluelamp.core.policy import policy_pack

subject_required = require_role(*permissions.SUBJECT_ROLES)
view_required = require_role(*permissions.VIEW_ROLES)
manage_required = require_role(*permissions.MANAGE_ROLES)


def now() -> dt.datetime:
    return timezone.now()


@require_safe
@login_required
def policy(request):
    """The force's policy for everyone: each clause with its summary and what Bluelamp does
    for it, under an anchor that every citation of the clause links to."""
    pack = policy_pack()
    return render(
        request,
        "acknowledgements/policy.html",
        {
            "title": f"The policy: {pack.reference}",
            "pack": pack,
            "sections": selectors.policy_sections(pack),
        },
    )


@require_http_methods(["GET", "POST"])
@subject_required
def acknowledge(request):
    """The current version of the policy, and the person's acknowledgement of it."""
    form = forms.AcknowledgeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.policy_acknowledge(actor=request.user, now=now())
            messages.success(request, "Thank you: your acknowledgement is recorded.")
            return redirect("core:home")
        status = 400
    pack = policy_pack()
    return render(
        request,
        "acknowledgements/acknowledge.html",
        {
            "title": "Read and acknowledge the policy",
            "form": form,
            "pack": pack,
            "clauses": pack.clauses,
            "standing": selectors.standing_of(request.user, now=now()),
        },
        status=status,
    )


@require_safe
@view_required
def outstanding(request):
    """Who has not acknowledged the current version or completed training."""
    show_all = request.GET.get("show") == "all"
    rows = selectors.standings(user=request.user, now=now(), outstanding_only=not show_all)
    pack = policy_pack()
    return render(
        request,
        "acknowledgements/outstanding.html",
        {
            "title": "Policy acknowledgement and training",
            "rows": rows,
            "pack": pack,
            "show_all": show_all,
            "can_manage": permissions.can_manage(request.user),
            "remind_form": forms.RemindForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@manage_required
def training_new(request):
    form = forms.TrainingForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                record = services.training_record(
                    actor=request.user,
                    person=form.cleaned_data["person"],
                    course=form.cleaned_data["course"],
                    completed_on=form.cleaned_data["completed_on"],
                    now=now(),
                )
            except FIXABLE as error:
                status = refused(form, error)
            else:
                messages.success(request, f"Training recorded for {record.user.label}.")
                return redirect("acknowledgements:outstanding")
        else:
            status = 400
    return render(
        request,
        "acknowledgements/form.html",
        {"title": "Record social media training", "form": form, "submit": "Record training"},
        status=status,
    )


@require_POST
@manage_required
def remind(request):
    count = services.acknowledgement_reminders_send(actor=request.user, now=now())
    messages.success(
        request,
        f"Reminders sent: {count}."
        if count
        else "Nobody to remind (everyone outstanding was reminded in the last 7 days).",
    )
    return redirect("acknowledgements:outstanding")

"""The crisis pages: the list of periods (CCD and auditors) and CCD's declare, set and end
forms. Each view checks the role on the server (``require_role``: 403 for anyone else) and
calls one service, which checks permission and state again whatever the page showed. A refusal
the user can fix re-shows the form with the message and changes nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.forms import FIXABLE, refused
from bluelamp.core.permissions import require_role
from bluelamp.incidents import forms, permissions, selectors, services
from bluelamp.incidents.choices import CrisisState

view_required = require_role(*permissions.VIEW_ROLES)
manage_required = require_role(*permissions.MANAGE_ROLES)


def now() -> dt.datetime:
    """The time (the one place the pages read the clock; tests may replace it)."""
    return timezone.now()


def _form_page(request, form, *, title: str, submit: str, status: int = 200, **extra):
    return render(
        request,
        "incidents/form.html",
        {"title": title, "form": form, "submit": submit, **extra},
        status=status,
    )


@require_safe
@view_required
def period_list(request):
    """Current and past major incidents and election periods."""
    moment = now()
    rows = selectors.crisis_period_rows(user=request.user, now=moment)
    return render(
        request,
        "incidents/list.html",
        {
            "title": "Crisis controls",
            "current_rows": [row for row in rows if row.state != CrisisState.ENDED],
            "past_rows": [row for row in rows if row.state == CrisisState.ENDED],
            "now": moment,
            "can_manage": permissions.can_manage(request.user),
            "open_major_incident": selectors.active_major_incident(moment),
        },
    )


@require_http_methods(["GET", "POST"])
@manage_required
def major_incident_declare(request):
    """Declare a major incident (4.16)."""
    current = selectors.active_major_incident(now())
    form = forms.DeclareForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            period = services.declare_major_incident(
                actor=request.user,
                title=form.cleaned_data["title"],
                reason=form.cleaned_data["reason"],
                now=now(),
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(
                request, f"{period.title}: declared. Everyone now sees the banner until you end it."
            )
            return redirect("incidents:list")
    elif request.method == "POST":
        status = 400
    return _form_page(
        request,
        form,
        title="Declare a major incident",
        submit="Declare the major incident",
        status=status,
        current=current,
        warning=(
            "While a major incident is declared, every scheduled post is held and every post "
            "needs Corporate Communications' approval (CC/01 4.16). Everyone sees a banner."
        ),
    )


@require_http_methods(["GET", "POST"])
@manage_required
def election_new(request):
    """Set an election period (6.12)."""
    form = forms.ElectionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.period()
        try:
            period = services.set_election_period(
                actor=request.user,
                title=form.cleaned_data["title"],
                reason=form.cleaned_data["reason"],
                starts_at=starts_at,
                ends_at=ends_at,
                now=now(),
            )
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(request, f"Election period set: {period.title}.")
            return redirect("incidents:list")
    elif request.method == "POST":
        status = 400
    return _form_page(
        request,
        form,
        title="Set an election period",
        submit="Set the election period",
        status=status,
        warning=(
            "During an election period, posts naming parties, candidates, office holders or "
            "contested policies go to Corporate Communications for review, so that nothing "
            "shared looks like political allegiance (CC/01 6.12)."
        ),
    )


@require_http_methods(["GET", "POST"])
@manage_required
def period_end(request, pk: int):
    """End a major incident, or end an election period early."""
    period = selectors.crisis_period_get(user=request.user, pk=pk)
    form = forms.EndForm(request.POST if request.method == "POST" else None)
    status = 200
    end = services.end_major_incident if period.is_major_incident else services.end_election_period
    if request.method == "POST" and form.is_valid():
        try:
            end(actor=request.user, period=period, reason=form.cleaned_data["reason"], now=now())
        except FIXABLE as error:
            status = refused(form, error)
        else:
            messages.success(request, f"{period.get_kind_display()} ended: {period.title}.")
            return redirect("incidents:list")
    elif request.method == "POST":
        status = 400
    kind = period.get_kind_display().lower()
    return _form_page(
        request,
        form,
        title=f"End the {kind}",
        submit=f"End the {kind}",
        status=status,
        period=period,
        ended=not period.can_end_at(now()),
    )

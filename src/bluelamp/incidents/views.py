"""The crisis pages: the list of periods (CCD and auditors) and CCD's declare, set and end
forms. Each view checks the role on the server (``require_role``: 403 for anyone else) and does
its action through the declaration in ``actions`` (who may, the state, the one service), and the
service checks permission and state again whatever the page showed. A refusal the user can fix
re-shows the form with the message and changes nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.actions import page_step
from bluelamp.core.forms import FIXABLE, refused
from bluelamp.core.permissions import require_role
from bluelamp.incidents import actions, forms, permissions, selectors
from bluelamp.incidents.choices import CrisisState

view_required = require_role(*permissions.VIEW_ROLES)
manage_required = require_role(*permissions.MANAGE_ROLES)


def now() -> dt.datetime:
    """The time (the one place the pages read the clock; tests may replace it)."""
    return timezone.now()


def _start(request, form, name: str):
    """Start a period through its declaration (``actions.NEW_PERIOD_ACTIONS``): the period and
    200, or None and the status to show the form again with."""
    if not form.is_valid():
        return None, 400
    action = actions.NEW_PERIOD_ACTIONS[name]
    try:
        period = action.perform_new(
            actor=request.user, data={**action.from_form(form.cleaned_data), "now": now()}
        )
    except FIXABLE as error:
        return None, refused(form, error)
    messages.success(request, action.done.format(title=period.title))
    return period, 200


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
    period_actions = actions.period_actions(moment)
    rows = [
        {
            "period": row.period,
            "state": row.state,
            "can_end": bool(period_actions.available(row.period, request.user)),
        }
        for row in selectors.crisis_period_rows(user=request.user, now=moment)
    ]
    return render(
        request,
        "incidents/list.html",
        {
            "title": "Crisis controls",
            "current_rows": [row for row in rows if row["state"] != CrisisState.ENDED],
            "past_rows": [row for row in rows if row["state"] == CrisisState.ENDED],
            "now": moment,
            "can_manage": permissions.can_manage(request.user),
            "open_major_incident": selectors.major_incident_in_force(moment),
        },
    )


@require_http_methods(["GET", "POST"])
@manage_required
def major_incident_declare(request):
    """Declare a major incident (4.16)."""
    current = selectors.major_incident_in_force(now())
    form = forms.DeclareForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        period, status = _start(request, form, "declare_major_incident")
        if period is not None:
            return redirect("incidents:list")
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
    if request.method == "POST":
        period, status = _start(request, form, "set_election_period")
        if period is not None:
            return redirect("incidents:list")
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
    name = actions.period_end_action(period)
    period_actions = actions.period_actions(now())
    form = forms.EndForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        data = {"reason": form.cleaned_data["reason"], "now": now()} if form.is_valid() else {}
        step = page_step(request, period_actions, name, period, form=form, data=data)
        if step.ok:
            messages.success(request, period_actions[name].done.format(title=period.title))
            return redirect("incidents:list")
        status = step.status
    kind = period.get_kind_display().lower()
    return _form_page(
        request,
        form,
        title=f"End the {kind}",
        submit=f"End the {kind}",
        status=status,
        period=period,
        ended=not period_actions.state_allows(name, period),
    )

"""The spoof review's pages: the queue (CCD and auditors), adding a candidate, importing a
list, a candidate with its takedown draft, and each review step (CCD). Roles are checked on the
server (403); each step goes through its declaration in ``actions`` (``page_step``)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.actions import page_step
from bluelamp.core.errors import ApplicationError
from bluelamp.core.forms import FIXABLE, refused
from bluelamp.core.paging import page_context
from bluelamp.core.permissions import require_role
from bluelamp.spoofs import actions, forms, permissions, selectors, services
from bluelamp.spoofs.choices import CandidateStatus
from bluelamp.spoofs.platforms import ROUTES

view_required = require_role(*permissions.VIEW_ROLES)
manage_required = require_role(*permissions.MANAGE_ROLES)

FILTERS = [("open", "Open"), ("", "All"), *CandidateStatus.choices]


def now() -> dt.datetime:
    """The time (the one place the pages read the clock; tests may replace it)."""
    return timezone.now()


@require_safe
@view_required
def queue(request):
    """Candidates, those most like the force's accounts first."""
    status = request.GET.get("status", "open")
    if status not in dict(FILTERS):
        status = "open"
    paging = page_context(request, selectors.candidate_list(user=request.user, status=status))
    return render(
        request,
        "spoofs/queue.html",
        {
            "title": "Spoof and unofficial accounts",
            "rows": paging["page"].object_list,
            **paging,
            "filters": FILTERS,
            "status": status,
            "can_manage": permissions.can_manage(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@manage_required
def add(request):
    form = forms.CandidateForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                candidate = actions.ADD.perform_new(
                    actor=request.user, data={**form.cleaned_data, "now": now()}
                )
            except FIXABLE as error:
                status = refused(form, error)
            else:
                messages.success(request, f"@{candidate.handle}: added, scored {candidate.score}.")
                return redirect("spoofs:detail", candidate.pk)
        else:
            status = 400
    return render(
        request,
        "spoofs/form.html",
        {"title": "Add a possible spoof account", "form": form, "submit": "Add and score"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@manage_required
def import_list(request):
    form = forms.ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.candidate_import(
                    actor=request.user, data=form.cleaned_data["file"].read(), now=now()
                )
            except FIXABLE as error:
                status = refused(form, error)
            else:
                messages.success(request, f"{len(saved)} accounts imported and scored.")
                return redirect("spoofs:queue")
        else:
            status = 400
    return render(
        request,
        "spoofs/form.html",
        {
            "title": "Import a list of possible spoof accounts",
            "form": form,
            "submit": "Import",
            "multipart": True,
            "hint": "The whole list is checked first: if any line has an error, nothing is "
            "imported and every error is listed with its line and column.",
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@manage_required
def search(request):
    """Search X for lookalikes of the force's accounts (``services.candidate_search``)."""
    if request.method == "POST":
        try:
            result = services.candidate_search(actor=request.user, now=now())
        except ApplicationError as error:
            return render(
                request,
                "spoofs/search.html",
                {"title": "Search X for spoof accounts", "error": error.message},
                status=error.http_status,
            )
        if result.stopped:
            messages.warning(request, result.summary())
        else:
            messages.success(request, result.summary())
        return redirect("spoofs:queue")
    return render(request, "spoofs/search.html", {"title": "Search X for spoof accounts"})


@require_safe
@view_required
def detail(request, pk: int):
    candidate = selectors.candidate_get(user=request.user, pk=pk)
    available = actions.candidate_available_actions(user=request.user, candidate=candidate)
    return render(
        request,
        "spoofs/detail.html",
        {
            "title": f"@{candidate.handle} on {candidate.get_platform_display()}",
            "candidate": candidate,
            "route": ROUTES.get(candidate.platform),
            "draft": selectors.candidate_takedown_draft(candidate)
            if candidate.status == CandidateStatus.SPOOF
            else "",
            "steps": [actions.CANDIDATE_ACTIONS[name] for name in available],
        },
    )


def _form_for(name: str, candidate, data=None):
    if name == "record_outcome":
        return forms.OutcomeForm(data, choices=services.outcome_choices(candidate))
    if name == "request_takedown" and data is None:
        return forms.TakedownForm(initial={"text": selectors.candidate_takedown_draft(candidate)})
    return actions.CANDIDATE_ACTIONS[name].form(data)


@require_http_methods(["GET", "POST"])
@manage_required
def step(request, pk: int, name: str):
    if name not in actions.CANDIDATE_ACTIONS:
        raise Http404
    candidate = selectors.candidate_get(user=request.user, pk=pk)
    action = actions.CANDIDATE_ACTIONS[name]
    status = 200
    if request.method == "POST":
        form = _form_for(name, candidate, request.POST)
        data = {**form.cleaned_data, "now": now()} if form.is_valid() else {}
        outcome = page_step(
            request, actions.CANDIDATE_ACTIONS, name, candidate, form=form, data=data
        )
        if outcome.ok:
            messages.success(request, action.done_message(outcome.result))
            return redirect("spoofs:detail", candidate.pk)
        status = outcome.status
        form = outcome.form
    else:
        form = _form_for(name, candidate)
        if not actions.CANDIDATE_ACTIONS.state_allows(name, candidate):
            status = 409
            form = forms.forms.Form(data={})
            form.is_valid()
            form.add_error(None, "This candidate is no longer at that step.")
    return render(
        request,
        "spoofs/form.html",
        {
            "title": action.label,
            "form": form,
            "submit": action.label,
            "candidate": candidate,
            "route": ROUTES.get(candidate.platform) if name == "request_takedown" else None,
        },
        status=status,
    )

"""The auditor's pages: search the trail, read one event, check the chain. Auditors only."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bluelamp.audit import selectors
from bluelamp.audit.forms import AuditSearchForm
from bluelamp.core.paging import page_numbers
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role

PAGE_SIZE = 50


@require_safe
@require_role(Role.AUDITOR)
def event_list(request):
    """Search events by action, actor, target and date range; newest first, 50 a page."""
    form = AuditSearchForm(request.GET or None, target_types=selectors.audit_target_types())
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    events = selectors.audit_event_search(**filters) if not form.errors else None
    page = None
    if events is not None:
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {
            "title": "Audit trail",
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "page_numbers": page_numbers(page) if page else [],
        },
    )


@require_safe
@require_role(Role.AUDITOR)
def event_detail(request, sequence: int):
    """One event in full, its before and after data included."""
    event = selectors.audit_event_get(sequence=sequence)
    if event is None:
        raise Http404("No such audit event")
    return render(
        request,
        "audit/event_detail.html",
        {
            "title": f"Audit event {event.sequence}",
            "event": event,
            "before": json.dumps(event.before, indent=2, ensure_ascii=False)
            if event.before is not None
            else "",
            "after": json.dumps(event.after, indent=2, ensure_ascii=False)
            if event.after is not None
            else "",
        },
    )


@require_safe
@require_role(Role.AUDITOR)
def chain_verify(request):
    """Recompute the hash chain now and say whether it is intact."""
    report = selectors.audit_chain_verify()
    return render(
        request, "audit/verify.html", {"title": "Check the audit trail", "report": report}
    )

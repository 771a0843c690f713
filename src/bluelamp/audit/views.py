"""The auditor's pages: search the trail, read one event, check the chain. Auditors only."""

from __future__ import annotations

import csv
import json

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from bluelamp.audit import selectors
from bluelamp.audit.forms import AuditSearchForm
from bluelamp.core.paging import page_numbers
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role

PAGE_SIZE = 50


def _search(request):
    """The search form bound to the query string, and the events it selects (None when the
    filters are wrong)."""
    form = AuditSearchForm(request.GET or None, target_types=selectors.audit_target_types())
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    events = selectors.audit_event_search(**filters) if not form.errors else None
    return form, events


@require_safe
@require_role(Role.AUDITOR)
def event_list(request):
    """Search events by action, actor, target and date range; newest first, 50 a page."""
    form, events = _search(request)
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


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


@require_safe
@require_role(Role.AUDITOR)
def event_export(request, fmt: str):
    """The events the search selects (the same filters as the list), oldest first, as CSV
    or JSON, streamed so a large trail is not held in memory."""
    form, events = _search(request)
    if events is None:
        return HttpResponseBadRequest(
            "The search is not valid: "
            + "; ".join(str(e) for errors in form.errors.values() for e in errors),
            content_type="text/plain; charset=utf-8",
        )
    events = events.order_by("sequence")
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    if fmt == "csv":
        writer = csv.writer(_Echo())
        rows = (writer.writerow(row) for row in selectors.audit_csv_rows(events.iterator()))
        response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(
            _json_lines(events), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.{fmt}"'
    return response


def _json_lines(events):
    # One JSON array, written an event at a time.
    yield "["
    for number, event in enumerate(events.iterator()):
        yield (
            ("," if number else "")
            + "\n"
            + json.dumps(selectors.audit_event_record(event), ensure_ascii=False, sort_keys=True)
        )
    yield "\n]\n"


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

"""The export page (CC/01 4.4): Corporate Communications and Information Security choose an
account or search words, the dates and the format, and download the file. Everyone else gets
403 and nothing is recorded."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from bluelamp.core.errors import InvalidInputError, PermissionDeniedError
from bluelamp.core.forms import refused
from bluelamp.disclosure import permissions, selectors
from bluelamp.disclosure.forms import ExportForm
from bluelamp.disclosure.services import Export, disclosure_export


def now() -> dt.datetime:
    """The time (the one place this page reads the clock; tests replace it)."""
    return timezone.now()


def export_response(export: Export) -> HttpResponse:
    """The export as a download: CSV and JSON streamed, a PDF whole."""
    if export.format == "pdf":
        body = b"".join(export.chunks())
        response: HttpResponse = HttpResponse(body, content_type=export.content_type)
    else:
        response = StreamingHttpResponse(export.chunks(), content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def export_page(request):
    refusal = permissions.export_refusal(request.user)
    if refusal:
        raise PermissionDeniedError(refusal)
    status = 200
    if request.method == "POST":
        form = ExportForm(request.POST)
        # The service is the one judge of the values (the API and the command line share it):
        # the form's own checks would only say the same thing twice.
        form.is_valid()
        form.errors.clear()
        data = request.POST
        try:
            export = disclosure_export(
                actor=request.user,
                account=data.get("account", ""),
                search=data.get("search", ""),
                date_from=data.get("date_from", ""),
                date_to=data.get("date_to", ""),
                format=data.get("format", ""),
                now=now(),
            )
        except InvalidInputError as error:
            status = refused(form, error)
        else:
            return export_response(export)
    else:
        form = ExportForm(initial={"format": "csv"})
    return render(
        request,
        "disclosure/export.html",
        {
            "title": "Export posts for disclosure",
            "form": form,
            "max_pdf_posts": selectors.MAX_PDF_POSTS,
            "messages_note": selectors.MESSAGES_NOTE,
        },
        status=status,
    )

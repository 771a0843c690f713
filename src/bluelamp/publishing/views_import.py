"""Corporate Communications' page for importing a platform's own export into the archive
(CC/01 4.4, 4.26): the same service as `bluelamp archive import` (``importing``), run as a
background job on a worker (docs/jobs.md)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.errors import ApplicationError
from bluelamp.core.forms import refused
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.engine.exports import ExportError
from bluelamp.jobs.selectors import job_get
from bluelamp.publishing import importing
from bluelamp.social_accounts.models import Account

IMPORT_PLATFORMS = ("x", "facebook", "instagram")


class ImportForm(forms.Form):
    account = forms.ChoiceField(
        label="Account",
        help_text="The account in the registry the export was downloaded from",
        error_messages={"required": "Select the account the export came from"},
    )
    export = forms.FileField(
        label="Export file",
        help_text="The zip the platform gave (X “Your archive”, Facebook or Instagram “Download "
        "your information” in JSON), or one of its files: tweets.js, your_posts_1.json, "
        "posts_1.json",
        error_messages={"required": "Choose the export file", "empty": "The file is empty"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        accounts = Account.objects.filter(platform__in=IMPORT_PLATFORMS).order_by(
            "platform", "handle"
        )
        self.accounts = {str(a.pk): a for a in accounts}
        self.fields["account"].choices = [("", "Select")] + [(str(a.pk), str(a)) for a in accounts]


@require_http_methods(["GET", "POST"])
@require_role(Role.CCD)
def archive_import(request):
    """The form: the export is held in the database and an "archive-import" job queued (the
    import runs on a worker, not in the request); the page then shows the job."""
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        account = form.accounts[form.cleaned_data["account"]]
        upload = form.cleaned_data["export"]
        # The readers know an export's files by their names: keep the name given.
        name = Path(upload.name).name or "export"
        try:
            job = importing.archive_import_queue(
                account=account, actor=request.user, name=name, chunks=upload.chunks()
            )
        except ExportError as exc:
            where = f"{exc.place}: " if exc.place else ""
            form.add_error("export", f"{name}: {where}{exc.message}. Nothing was imported.")
            status = 400
        except ApplicationError as exc:
            status = refused(form, exc)
        else:
            return redirect("publishing:archive_import_job", job_id=job.pk, permanent=False)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "publishing/archive_import.html",
        {"title": "Import an export", "form": form, "counts": None},
        status=status,
    )


@require_safe
@require_role(Role.CCD)
def archive_import_job(request, job_id: int):
    """Where an import stands: waiting, running, done with its counts, or failed with why."""
    job = job_get(job_id=job_id, kind="archive-import")
    titles = {
        "queued": "Import waiting for a worker",
        "running": "Import running",
        "succeeded": "Import done",
        "failed": "Import failed",
    }
    return render(
        request,
        "publishing/archive_import_job.html",
        {"title": titles[job.state], "job": job, "counts": job.outcome, "form": ImportForm()},
    )

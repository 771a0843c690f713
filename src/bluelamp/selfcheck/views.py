"""The self-check's pages, for anyone signed in and about their own posts only: the upload,
the report (shown once, stored nowhere unless they save it), and their saved reports. Every
report page is sent ``Cache-Control: no-store`` so that it stays out of shared caches and the
browser's history cache."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from bluelamp.core.forms import FIXABLE, refused
from bluelamp.engine.rules import registry
from bluelamp.selfcheck import forms, selectors, services


def now() -> dt.datetime:
    return timezone.now()


def _titles() -> dict[str, str]:
    titles = {rule.id: getattr(rule, "title", rule.id) for rule in registry}
    titles["photo-location"] = "Where a photo was taken"
    return titles


def _report_page(request, report: dict, *, saved=None, save_form=None, status=200):
    titles = _titles()
    by_rule = [{**row, "title": titles.get(row["rule"], row["rule"])} for row in report["by_rule"]]
    return render(
        request,
        "selfcheck/report.html",
        {
            "title": "Your self-check" if saved is None else saved.title,
            "report": report,
            "by_rule": by_rule,
            "saved": saved,
            "save_form": save_form,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    """Upload (GET: the form and their saved reports; POST: the report, stored nowhere)."""
    form = forms.UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = services.self_check_run(
                    actor=request.user, upload=form.cleaned_data["file"]
                )
            except FIXABLE as error:
                status = refused(form, error)
            else:
                save_form = forms.SaveForm(initial={"save_token": report.pop("save_token")})
                return _report_page(request, report, save_form=save_form)
        else:
            status = 400
    return render(
        request,
        "selfcheck/start.html",
        {
            "title": "Check your own social media",
            "form": form,
            "saved_list": selectors.saved_check_list(user=request.user),
        },
        status=status,
    )


@never_cache
@require_POST
def save(request):
    form = forms.SaveForm(request.POST)
    form.is_valid()
    try:
        saved = services.saved_check_save(
            actor=request.user,
            save_token=form.cleaned_data.get("save_token", ""),
            title=form.cleaned_data.get("title", ""),
            now=now(),
        )
    except FIXABLE as error:
        form = forms.UploadForm()
        status = refused(form, error)
        return render(
            request,
            "selfcheck/start.html",
            {
                "title": "Check your own social media",
                "form": form,
                "saved_list": selectors.saved_check_list(user=request.user),
            },
            status=status,
        )
    return redirect("selfcheck:saved", saved.pk)


@never_cache
@require_http_methods(["GET"])
def saved(request, pk: int):
    item = selectors.saved_check_get(user=request.user, pk=pk)
    return _report_page(request, item.report, saved=item)


@never_cache
@require_POST
def delete(request, pk: int):
    item = selectors.saved_check_get(user=request.user, pk=pk)
    services.saved_check_delete(saved_check=item, actor=request.user)
    return redirect("selfcheck:start")

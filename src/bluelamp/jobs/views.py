"""Corporate Communications' page of background jobs: queued, running and failed jobs (or
all), newest first, paged, with the error of each failure and a button to retry it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from bluelamp.core.errors import ApplicationError
from bluelamp.core.paging import page_numbers
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.jobs import selectors, services
from bluelamp.jobs.models import JobState

PAGE_SIZE = 25
STATES = [("", "Queued, running and failed"), *JobState.choices, ("all", "All")]


@require_safe
@require_role(Role.CCD)
def job_list(request):
    state = request.GET.get("state", "")
    if state not in dict(STATES):
        state = ""
    page = Paginator(selectors.jobs_list(state=state), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/job_list.html",
        {
            "title": "Background jobs",
            "page": page,
            "page_numbers": page_numbers(page),
            "query": f"state={state}" if state else "",
            "states": STATES,
            "state": state,
            "counts": selectors.jobs_counts(),
        },
    )


@require_POST
@require_role(Role.CCD)
def job_retry(request, job_id: int):
    job = selectors.job_get(job_id=job_id)
    try:
        services.job_retry(job=job, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Job {job.pk} is queued again.")
    return redirect(f"{reverse('jobs:list')}?state=failed")

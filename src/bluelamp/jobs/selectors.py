"""Reads of the job records."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from bluelamp.jobs.models import Job, JobState

# What the page shows unless asked: the work not done yet and what failed.
OPEN = (JobState.QUEUED, JobState.RUNNING, JobState.FAILED)


def job_get(*, job_id: int, kind: str | None = None) -> Job:
    """One job (of ``kind``, if given); 404 when there is none."""
    jobs = Job.objects.all()
    if kind is not None:
        jobs = jobs.filter(kind=kind)
    job = jobs.filter(pk=job_id).first()
    if job is None:
        raise Http404("No such job")
    return job


def jobs_list(*, state: str = "") -> QuerySet[Job]:
    """Newest first; ``state`` one of JobState, "" for the open ones, "all" for every job."""
    jobs = Job.objects.order_by("-created_at", "-id")
    if state == "all":
        return jobs
    if state in JobState.values:
        return jobs.filter(state=state)
    return jobs.filter(state__in=OPEN)


def jobs_counts() -> dict[str, int]:
    """How many jobs are queued, running and failed (the page's headline)."""
    from django.db.models import Count

    rows = Job.objects.filter(state__in=OPEN).values("state").annotate(n=Count("id"))
    counts = {s: 0 for s in OPEN}
    counts.update({r["state"]: r["n"] for r in rows})
    return counts

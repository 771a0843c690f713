"""The one task on django-tasks' queue: run an attempt of a ``Job``. Its queue entry carries
the job's id alone; what the job is and where it stands is in the ``Job``."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskContext, task

from bluelamp.jobs.errors import JobFailed
from bluelamp.jobs.kinds import KINDS
from bluelamp.jobs.models import Job, JobState

log = logging.getLogger("bluelamp.jobs")


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> str:
    """Claim the job for this attempt (only the current queue entry may: a stale or repeated
    entry does nothing), call its handler, record the outcome."""
    from bluelamp.core.errors import ApplicationError
    from bluelamp.jobs import services

    entry = context.task_result
    worker_id = entry.worker_ids[-1] if entry.worker_ids else ""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != JobState.QUEUED or job.task_id != str(entry.id):
            return "stale entry: nothing to do"
        job.state = JobState.RUNNING
        job.attempts += 1
        job.worker = worker_id
        job.started_at = now
        job.save(update_fields=["state", "attempts", "worker", "started_at"])
    kind = KINDS.get(job.kind)
    try:
        if kind is None:
            raise JobFailed(f"Unknown kind of job {job.kind!r}.")
        answer = import_string(kind.handler)(job=job, **job.args)
    except (JobFailed, ApplicationError) as exc:
        services.job_attempt_failed(job=job, error=services.error_text(exc), permanent=True)
        return "failed"
    except Exception as exc:
        log.warning(
            "job %s (%s) attempt %s failed: %s", job.pk, job.kind, job.attempts, type(exc).__name__
        )
        services.job_attempt_failed(job=job, error=services.error_text(exc))
        return "failed"
    summary, outcome = answer if isinstance(answer, tuple) else (answer or "", {})
    with transaction.atomic():
        Job.objects.filter(pk=job.pk, task_id=job.task_id).update(
            state=JobState.SUCCEEDED,
            finished_at=timezone.now(),
            result=str(summary)[:500],
            outcome=outcome,
            error="",
            worker="",
        )
    if summary:
        print(f"bluelamp worker: {job.kind}: {summary}", flush=True)
    return "done"

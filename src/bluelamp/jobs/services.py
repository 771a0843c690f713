"""Writes to the job records: enqueue (once per period for periodic work), the outcome of an
attempt (retry with back-off, or fail), the recovery of jobs whose worker died, the retry of a
failed job by Corporate Communications, and the workers' heartbeats."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from bluelamp.audit.services import audit_record
from bluelamp.core.errors import ConflictError, PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role
from bluelamp.jobs.kinds import FREQUENT, KINDS
from bluelamp.jobs.models import Job, JobState, WorkerProcess

log = logging.getLogger("bluelamp.jobs")

BACKOFF_CAP = dt.timedelta(hours=1)


def _queue(job: Job, *, run_after: dt.datetime | None) -> None:
    """Put an attempt of ``job`` on the queue (in the caller's transaction: both or neither)."""
    from bluelamp.jobs.runner import run_job

    task = run_job.using(run_after=run_after) if run_after is not None else run_job
    result = task.enqueue(job_id=job.pk)
    job.task_id = str(result.id)
    job.run_after = run_after
    job.save(update_fields=["task_id", "run_after"])


def job_enqueue(
    *,
    kind: str,
    args: dict[str, Any] | None = None,
    key: str | None = None,
    actor: Any = None,
    now: dt.datetime | None = None,
) -> Job | None:
    """Queue a job of ``kind``. With a ``key``, at most one job ever has it: returns None when
    another worker (or an earlier pass) has already queued it."""
    spec = KINDS[kind]
    now = now or timezone.now()
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                args=args or {},
                key=key,
                max_attempts=spec.max_attempts,
                requested_by=actor,
                created_at=now,
            )
            _queue(job, run_after=None)
    except IntegrityError:
        if key is not None and Job.objects.filter(key=key).exists():
            return None
        raise
    return job


def backoff(attempt: int) -> dt.timedelta:
    """The wait before attempt ``attempt + 1``: the base, doubled after each failure, capped."""
    base = dt.timedelta(seconds=settings.BLUELAMP_JOB_RETRY_SECONDS)
    return min(base * (2 ** max(attempt - 1, 0)), BACKOFF_CAP)


def error_text(exc: BaseException) -> str:
    """What Corporate Communications reads about a failure: the kind of error and its message,
    cut short. Handlers and services word their messages with ids, not personal data."""
    from bluelamp.jobs.errors import JobFailed, TryAgain

    if isinstance(exc, JobFailed | TryAgain):
        return exc.message[:500]
    message = getattr(exc, "message", None) or str(exc)
    return f"{type(exc).__name__}: {message}"[:500]


def job_attempt_failed(
    *, job: Job, error: str, permanent: bool = False, now: dt.datetime | None = None
) -> Job:
    """Record a failed attempt: queue the next one after the back-off, or fail the job when its
    attempts are spent (or trying again cannot help)."""
    now = now or timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        job.error = error
        job.worker = ""
        if permanent or job.attempts >= job.max_attempts:
            job.state = JobState.FAILED
            job.finished_at = now
            job.save(update_fields=["error", "worker", "state", "finished_at"])
            log.warning("job %s (%s) failed after %s attempt(s)", job.pk, job.kind, job.attempts)
            return job
        job.state = JobState.QUEUED
        job.save(update_fields=["error", "worker", "state"])
        _queue(job, run_after=now + backoff(job.attempts))
    log.info("job %s (%s) will be tried again at %s", job.pk, job.kind, job.run_after)
    return job


def job_retry(*, job: Job, actor: Any, now: dt.datetime | None = None) -> Job:
    """Corporate Communications queues a failed job again, with its attempts afresh."""
    if not user_has_role(actor, Role.CCD):
        raise PermissionDeniedError("Only Corporate Communications can retry a background job.")
    now = now or timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.state != JobState.FAILED:
            raise ConflictError(
                f"Job {job.pk} is {job.get_state_display().lower()}: only a failed job can be retried."
            )
        before = {"state": job.state, "attempts": job.attempts, "error": job.error}
        job.state = JobState.QUEUED
        job.attempts = 0
        job.finished_at = None
        job.save(update_fields=["state", "attempts", "finished_at"])
        _queue(job, run_after=None)
        audit_record(
            actor=actor,
            action="job.retried",
            target_type="jobs.job",
            target_id=job.pk,
            target_label=f"Job {job.pk}: {job.title}",
            before=before,
            after={"state": job.state, "attempts": 0},
            now=now,
        )
    return job


# ------------------------------------------------------------------------------ periodic jobs


def period_keys(*, now: dt.datetime, digest: bool = True) -> list[tuple[str, str]]:
    """The (kind, key) of each periodic job due in the period holding ``now``."""
    from bluelamp.engine import deadlines

    epoch = int(now.timestamp())
    day = deadlines.london_date(now).isoformat()
    slot = epoch // max(settings.BLUELAMP_WORKER_INTERVAL, 1)
    checkpoint = epoch // max(settings.BLUELAMP_AUDIT_CHECKPOINT_MINUTES * 60, 60)
    keys = []
    for kind in KINDS.values():
        if kind.every is None or (kind.digest and not digest):
            continue
        period = {"pass": slot, "day": day, "checkpoint": checkpoint}[kind.every]
        keys.append((kind.name, f"{kind.name}:{period}"))
    return keys


def jobs_schedule(*, now: dt.datetime | None = None, digest: bool = True) -> list[Job]:
    """Queue the periodic jobs of the current period not queued yet: safe from any number of
    workers at once (the key is unique)."""
    now = now or timezone.now()
    queued = []
    for kind, key in period_keys(now=now, digest=digest):
        if Job.objects.filter(key=key).exists():
            continue
        job = job_enqueue(kind=kind, key=key, now=now)
        if job is not None:
            queued.append(job)
    return queued


def jobs_prune(*, now: dt.datetime | None = None) -> int:
    """Delete finished jobs past their keeping: a day for the every-pass kinds, 30 days for the
    rest; and the queue's own finished entries after a week."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    done = [JobState.SUCCEEDED]
    frequent, _ = Job.objects.filter(
        kind__in=FREQUENT, state__in=done, finished_at__lt=now - dt.timedelta(days=1)
    ).delete()
    other, _ = Job.objects.filter(
        state__in=[*done, JobState.FAILED], finished_at__lt=now - dt.timedelta(days=30)
    ).delete()
    DBTaskResult.objects.finished().filter(finished_at__lt=now - dt.timedelta(days=7)).delete()
    return frequent + other


# ---------------------------------------------------------------------------- workers alive


def this_host() -> str:
    return socket.gethostname()[:255]


def worker_register(*, worker_id: str, now: dt.datetime | None = None) -> WorkerProcess:
    now = now or timezone.now()
    worker, _ = WorkerProcess.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": this_host(), "pid": os.getpid(), "started_at": now, "seen_at": now},
    )
    return worker


def worker_beat(*, worker_id: str, now: dt.datetime | None = None) -> None:
    WorkerProcess.objects.filter(worker_id=worker_id).update(seen_at=now or timezone.now())


def worker_unregister(*, worker_id: str) -> None:
    WorkerProcess.objects.filter(worker_id=worker_id).delete()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def _dead(worker: WorkerProcess | None, *, now: dt.datetime) -> bool:
    """Whether a job's worker is gone: no record, its process gone from this host, or (on
    PostgreSQL, where workers may sit on other hosts) no heartbeat within the lease. SQLite is
    one host's file, and a long import holds its write lock, so there the process is looked at
    and the heartbeat is not."""
    if worker is None:
        return True
    if worker.host == this_host():
        return not _pid_alive(worker.pid)
    if connection.vendor == "sqlite":
        return False
    return worker.seen_at < now - dt.timedelta(seconds=settings.BLUELAMP_JOB_LEASE_SECONDS)


def jobs_recover(*, now: dt.datetime | None = None) -> list[Job]:
    """Running jobs whose worker died: the queue's entry is closed as failed and the job is
    queued again at once (its attempt counted), or failed when its attempts are spent."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    recovered = []
    # Running jobs first, then the workers: a worker records itself before it claims a job, so
    # every job read here has its worker in the second read unless that worker is gone.
    running = list(Job.objects.filter(state=JobState.RUNNING).values_list("pk", "worker"))
    workers = {w.worker_id: w for w in WorkerProcess.objects.all()}
    for pk, worker_id in running:
        if not _dead(workers.get(worker_id), now=now):
            continue
        with transaction.atomic():
            job = Job.objects.select_for_update().filter(pk=pk, state=JobState.RUNNING).first()
            if job is None or job.worker != worker_id:
                continue
            DBTaskResult.objects.filter(pk=job.task_id, status="RUNNING").update(
                status="FAILED",
                finished_at=now,
                exception_class_path="bluelamp.jobs.WorkerLost",
                traceback="The worker running this task stopped.",
            )
            job.state = JobState.QUEUED
            job.worker = ""
            job.error = f"The worker running attempt {job.attempts} of {job.max_attempts} stopped."
            if job.attempts >= job.max_attempts:
                job.state = JobState.FAILED
                job.finished_at = now
                job.save(update_fields=["state", "worker", "error", "finished_at"])
            else:
                job.save(update_fields=["state", "worker", "error"])
                _queue(job, run_after=None)
        log.warning("job %s (%s): its worker %s stopped; %s", pk, job.kind, worker_id, job.state)
        recovered.append(job)
    # The records of workers gone (with a job or idle), so the table holds the live ones.
    WorkerProcess.objects.filter(
        worker_id__in=[w for w in workers if _dead(workers[w], now=now)]
    ).delete()
    return recovered

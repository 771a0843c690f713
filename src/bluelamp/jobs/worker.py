"""One `bluelamp worker` process: django-tasks-db's worker loop runs the queue (claiming each
entry with SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, an exclusive transaction on SQLite),
and two threads of ours keep it company — a heartbeat, and the scheduler that queues the
periodic jobs of each period (once, whichever worker gets there first) and recovers the jobs of
workers that died."""

from __future__ import annotations

import logging
import os
import threading
import uuid

from django.db import close_old_connections, connection

from bluelamp.jobs import services

log = logging.getLogger("bluelamp.jobs")


def new_worker_id() -> str:
    return f"{services.this_host()[:30]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def _every(stop: threading.Event, seconds: float, step, name: str) -> threading.Thread:
    def loop() -> None:
        while not stop.wait(seconds):
            try:
                step()
            except Exception:  # one bad pass must not stop the thread; the next one tries again
                log.exception("worker %s pass failed", name)
            finally:
                close_old_connections()
        connection.close()

    thread = threading.Thread(target=loop, name=f"bluelamp-{name}", daemon=True)
    thread.start()
    return thread


def schedule_pass(*, digest: bool, schedule: bool = True) -> None:
    """Recover the jobs of dead workers; queue this period's periodic jobs (unless told not
    to: a worker kept for imports, say, while others schedule)."""
    services.jobs_recover()
    if schedule:
        services.jobs_schedule(digest=digest)


def run(
    *, interval: float, once: bool, digest: bool, poll: float = 1.0, schedule: bool = True
) -> int:
    """Run the queue until SIGTERM/SIGINT (the job in hand is finished first); with ``once``,
    queue this period's jobs, run everything ready, and return."""
    from django.conf import settings
    from django_tasks_db.management.commands.db_worker import Worker

    worker_id = new_worker_id()
    services.worker_register(worker_id=worker_id)
    queue = Worker(
        queue_names=["*"],
        interval=0 if once else poll,
        batch=once,
        backend_name="default",
        startup_delay=not once,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    try:
        schedule_pass(digest=digest, schedule=schedule)
        if once:
            queue.run()
            return 0
        stop = threading.Event()
        beat = max(min(settings.BLUELAMP_JOB_LEASE_SECONDS / 4, 15), 1)
        _every(stop, beat, lambda: services.worker_beat(worker_id=worker_id), "heartbeat")
        _every(stop, interval, lambda: schedule_pass(digest=digest, schedule=schedule), "scheduler")
        queue.configure_signals()
        try:
            queue.run()
        finally:
            stop.set()
        return 0
    finally:
        try:
            services.worker_unregister(worker_id=worker_id)
        except Exception:  # the database may be what stopped us
            log.exception("could not remove the worker's record")

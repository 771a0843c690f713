"""For tests: run the queue in this process, as `bluelamp worker --once` does."""

from __future__ import annotations


def run_queue(monkeypatch, *, schedule: bool = False) -> None:
    """Run every job ready on the real queue (django-tasks-db's worker loop) here and now. A
    test's database lives inside one transaction, which the loop's connection check between
    jobs would close: that check is turned off."""
    from bluelamp.jobs import worker

    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    worker.run(interval=1, once=True, digest=False, schedule=schedule)

"""The kinds of job, as plain data: each names its handler by dotted path (the handlers live
with the work they do, in the apps above this one) and how it is scheduled.

A handler is called as ``handler(job=job, **job.args)`` and returns a short summary (no
personal data) or a ``(summary, outcome dict)`` pair. It must be safe to run again: an
attempt cut short by a dead worker is run again from the start (docs/jobs.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    handler: str
    max_attempts: int = 3
    # "pass": every BLUELAMP_WORKER_INTERVAL; "day": once a UK day; "checkpoint": every
    # BLUELAMP_AUDIT_CHECKPOINT_MINUTES; None: only when something asks for it.
    every: str | None = None
    # The daily removal-request digest and reminders (`bluelamp worker --no-digest` leaves out).
    digest: bool = False


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "publish-due",
            "Publish the posts whose time has come",
            "bluelamp.ops.jobs.publish_due",
            max_attempts=1,
            every="pass",
        ),
        Kind(
            "security-sweep",
            "Escalate lost devices, overdue password rotations and ended appeals",
            "bluelamp.ops.jobs.security_sweep",
            max_attempts=1,
            every="pass",
        ),
        Kind(
            "account-health",
            "Bring the kept account health answers up to date",
            "bluelamp.ops.jobs.account_health",
            max_attempts=1,
            every="pass",
        ),
        Kind(
            "daily-digest",
            "Removal-request digest, reminders and expiring tokens",
            "bluelamp.ops.jobs.daily_digest",
            every="day",
            digest=True,
        ),
        Kind(
            "monthly-review",
            "Open the monthly reviews and escalate overdue ones",
            "bluelamp.ops.jobs.monthly_review",
            every="day",
        ),
        Kind(
            "retention",
            "Retention: conduct cases, staff reports, finished jobs",
            "bluelamp.ops.jobs.retention",
            every="day",
        ),
        Kind(
            "spoof-search",
            "Search X for spoof accounts",
            "bluelamp.ops.jobs.spoof_search",
            every="day",
        ),
        Kind(
            "audit-checkpoint",
            "Signed checkpoint of the audit chain",
            "bluelamp.ops.jobs.audit_checkpoint",
            every="checkpoint",
        ),
        Kind(
            "archive-import",
            "Import a platform's export into the archive",
            "bluelamp.publishing.importing.archive_import_job",
        ),
    )
}

# Kinds run every pass: their finished jobs are kept a day, not a month.
FREQUENT = frozenset(k.name for k in KINDS.values() if k.every in ("pass", "checkpoint"))

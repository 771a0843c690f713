"""Bluelamp's record of each background job. The queue itself is django-tasks-db's table (one
row per attempt, claimed by a worker); a ``Job`` is what the job is for and where it stands
across attempts, and what Corporate Communications sees. Arguments are ids, never personal
data or secrets."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Done"
    FAILED = "failed", "Failed"


class Job(models.Model):
    kind = models.CharField(max_length=40, help_text="What the job does (jobs.kinds).")
    args = models.JSONField(default=dict, blank=True, help_text="Ids only.")
    # One job per period for periodic work ("daily-digest:2026-12-07"): the unique index is what
    # keeps several workers from each enqueueing it.
    key = models.CharField(max_length=120, unique=True, null=True, blank=True)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveIntegerField(default=3)
    run_after = models.DateTimeField(null=True, blank=True)
    # The queue's entry for the current attempt; a run whose entry is not this one is stale.
    task_id = models.CharField(max_length=36, blank=True)
    worker = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=500, blank=True)
    outcome = models.JSONField(default=dict, blank=True, help_text="Counts, for the pages.")
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (
            models.Index(fields=["state", "-created_at", "-id"], name="jobs_state_created"),
            models.Index(fields=["-created_at", "-id"], name="jobs_created"),
        )

    def __str__(self) -> str:
        return f"Job {self.pk} ({self.kind})"

    @property
    def title(self) -> str:
        from bluelamp.jobs.kinds import KINDS

        kind = KINDS.get(self.kind)
        return kind.title if kind else self.kind


class WorkerProcess(models.Model):
    """A running `bluelamp worker`: how the others tell that it died with a job in hand (its
    process is gone from this host, or its heartbeat stopped)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.IntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker_id

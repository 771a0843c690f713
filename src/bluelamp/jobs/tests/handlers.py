"""Handlers of test-only kinds of job."""

from __future__ import annotations

from typing import Any


def flaky(*, job: Any, succeed_on: int) -> str:
    """Fails until its ``succeed_on``th attempt."""
    if job.attempts < succeed_on:
        raise RuntimeError(f"attempt {job.attempts} failed on purpose (job {job.pk})")
    return f"done on attempt {job.attempts}"

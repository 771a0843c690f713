"""Real `bluelamp worker` processes on the test database (SQLite file or PostgreSQL)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from urllib.parse import quote


def database_url() -> str:
    """The test database as a DATABASE_URL another process can open."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = f"{quote(s['USER'])}:{quote(s['PASSWORD'])}@" if s.get("USER") else ""
    return f"postgres://{auth}{s.get('HOST') or 'localhost'}:{s.get('PORT') or 5432}/{s['NAME']}"


def start_worker(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`bluelamp worker ARGS` with the test settings on the test database."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bluelamp.config.test_settings",
        "DATABASE_URL": database_url(),
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bluelamp", "worker", "--interval", "1", *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Its own process group: a worker may start helpers of its own (the bulk check's
        # forkserver) that outlive a SIGKILL and would hold its output open for ever.
        start_new_session=True,
    )


def stop(worker: subprocess.Popen, *, kill: bool = False) -> str:
    """Stop a worker (SIGTERM: it finishes the job in hand; SIGKILL: at once) and reap it, so
    its process id is gone. Returns what it printed."""
    if worker.poll() is None:
        worker.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
    if kill:
        _kill_group(worker)
    try:
        out, _ = worker.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        _kill_group(worker)
        out, _ = worker.communicate(timeout=60)
    _kill_group(worker)  # whatever it started and left behind
    return out or ""


def _kill_group(worker: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(worker.pid, signal.SIGKILL)


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")

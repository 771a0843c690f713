"""The periodic work of account security, in one call for the worker and the command:
escalate lost-device reports past their hours, open rotation tasks for passwords past the
pack's rotation period, escalate overdue tasks. Every part is idempotent."""

from __future__ import annotations

import datetime as dt

from bluelamp.account_security.services.lost_devices import lost_device_reports_sweep
from bluelamp.account_security.services.rotation import rotation_tasks_sweep
from bluelamp.core.clock import aware_now


def account_security_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    now = aware_now(now)
    done = {"reports_escalated": lost_device_reports_sweep(now=now)}
    for key, value in rotation_tasks_sweep(now=now).items():
        done[f"tasks_{key}"] = value
    return done

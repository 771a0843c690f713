"""Who may run a self-check: anyone signed in, for their own posts. Who may see a report: its
owner, and nobody else whatever their role (CCD and auditors included)."""

from __future__ import annotations

from typing import Any


def can_run(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def owns(user: Any, saved: Any) -> bool:
    return can_run(user) and saved.owner_id == user.pk

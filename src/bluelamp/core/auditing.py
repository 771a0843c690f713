"""How core writes the audit trail without importing ``bluelamp.audit``.

``core`` sits below ``audit`` in the layers (``audit`` imports core's roles, errors and request
context), so core cannot import ``audit.services``. Instead the audit app installs its writer
here when it starts (``AuditConfig.ready``), and core's services and the ``transition`` helper
call :func:`record`, which takes exactly ``audit_record``'s arguments. It is a port, not a
second writer: with no writer installed, :func:`record` raises, and the action it records fails
with it, as it would if the event could not be written.

Core's own action names are declared in ``core.audit_actions.ACTIONS`` (plain data); the audit
app registers them at the same time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bluelamp.core.errors import AuditWriteError

_writer: Callable[..., Any] | None = None


def install(writer: Callable[..., Any]) -> None:
    """Make ``writer`` (``audit.services.audit_record``) the one :func:`record` calls."""
    global _writer
    _writer = writer


def record(**kwargs: Any) -> Any:
    """Append one audit event inside the caller's transaction (``audit_record``'s arguments)."""
    if _writer is None:
        raise AuditWriteError("The audit trail is not available, so the action was not done.")
    return _writer(**kwargs)

"""core.auditing: core writes the audit trail through the writer the audit app installs."""

from __future__ import annotations

import pytest

from bluelamp.audit.registry import actions
from bluelamp.audit.services import audit_record
from bluelamp.core import auditing
from bluelamp.core.audit_actions import ACTIONS
from bluelamp.core.errors import AuditWriteError


def test_the_audit_app_installs_its_writer_and_registers_cores_actions():
    assert auditing._writer is audit_record
    assert all(name in actions for name, _ in ACTIONS)


def test_without_a_writer_the_action_fails(monkeypatch):
    monkeypatch.setattr(auditing, "_writer", None)
    with pytest.raises(AuditWriteError):
        auditing.record(actor=None, action="auth.login")

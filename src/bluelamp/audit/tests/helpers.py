"""Helpers for the audit tests: record events, and tamper with the table the way an attacker
with database access would (triggers dropped inside the test's transaction, which rolls the
drop back afterwards)."""

from __future__ import annotations

import importlib
from contextlib import contextmanager

from django.db import connection, transaction

from bluelamp.audit.registry import actions, register_action
from bluelamp.audit.services import audit_record

_triggers = importlib.import_module("bluelamp.audit.triggers")

TEST_ACTION = "testing.thing_done"
# The test settings' audit key (config/test_settings.py).
TEST_KEY = b"test-only-audit-chain-key-never-used-outside-the-suite"
if TEST_ACTION not in actions:
    register_action(TEST_ACTION, "A thing was done (tests only)")


def record(n: int = 1, **fields):
    """Append ``n`` events; returns the last."""
    event = None
    for i in range(n):
        with transaction.atomic():
            event = audit_record(
                actor=fields.get("actor"),
                action=fields.get("action", TEST_ACTION),
                target_type=fields.get("target_type", "testing.thing"),
                target_id=fields.get("target_id", str(i + 1)),
                target_label=fields.get("target_label", f"thing {i + 1}"),
                before=fields.get("before"),
                after=fields.get("after", {"n": i + 1}),
                now=fields.get("now"),
            )
    return event


def sql(statement: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@contextmanager
def triggers_dropped():
    """Drop the append-only triggers; put them back after (the test transaction would too)."""
    create, drop = _triggers.STATEMENTS[connection.vendor]
    for statement in drop:
        sql(statement)
    try:
        yield
    finally:
        for statement in create:
            sql(statement)

"""The database itself refuses UPDATE and DELETE on audit events (SQLite and PostgreSQL
alike: CI runs this file on both)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from bluelamp.audit.models import AuditEvent
from bluelamp.audit.tests.helpers import record, sql

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_update_an_event():
    event = record()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("UPDATE audit_auditevent SET target_label = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).target_label == event.target_label


def test_the_database_refuses_to_delete_an_event():
    event = record()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_to_truncate_the_events():
    record()
    sql("SET CONSTRAINTS ALL IMMEDIATE")  # run the pending foreign-key checks first
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.exists()


def test_the_database_still_accepts_new_events():
    record(2)
    assert AuditEvent.objects.count() == 2

"""`bluelamp backup` on PostgreSQL: pg_dump of the test database, restored by pg_restore into a
fresh database that is dropped afterwards, its audit trail verified there."""

from __future__ import annotations

import shutil

import pytest
from django.db import connection

from bluelamp.audit.tests.helpers import record
from bluelamp.cli import main

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.skipif(
        shutil.which("pg_dump") is None, reason="needs PostgreSQL's client programs"
    ),
]


def _databases() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        return {row[0] for row in cursor.fetchall()}


def test_a_dump_restores_into_a_fresh_database_and_verifies(tmp_path, capsys):
    record(3)
    before = _databases()
    path = tmp_path / "bluelamp.dump"
    assert main(["backup", "create", str(path)]) == 0
    assert path.stat().st_size > 0
    assert main(["backup", "verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert "audit trail intact" in out
    assert _databases() == before  # the fresh database was dropped


def test_a_file_that_is_not_a_dump_is_refused(tmp_path, capsys):
    path = tmp_path / "junk.dump"
    path.write_bytes(b"PGDMP but not really" * 10)
    before = _databases()
    assert main(["backup", "verify", str(path)]) == 2
    assert "pg_restore failed" in capsys.readouterr().err
    assert _databases() == before

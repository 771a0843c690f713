"""`bluelamp backup`: a real copy of a real database, restored and verified in a fresh one; a
copy whose audit trail was changed after the backup is refused; bad paths are named."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from bluelamp.audit.tests.helpers import record
from bluelamp.cli import backup, main

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the PostgreSQL path is tested in test_backup_pg"
    ),
]


def _events(n: int) -> None:
    record(n)


def test_a_backup_restores_and_its_trail_verifies(tmp_path, capsys):
    _events(3)
    path = tmp_path / "bluelamp.backup"
    assert main(["backup", "create", str(path)]) == 0
    assert main(["backup", "verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert "audit trail intact" in out
    assert "events checked" in out


def test_a_backup_never_overwrites(tmp_path, capsys):
    path = tmp_path / "exists"
    path.write_text("keep me")
    assert main(["backup", "create", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "keep me"


def test_a_backup_whose_trail_was_edited_is_reported(tmp_path, capsys):
    _events(3)
    path = tmp_path / "bluelamp.backup"
    backup.create(path)
    with sqlite3.connect(path) as tampered:
        # Whoever holds the file can lift the trigger and edit an event: the HMAC chain shows it.
        triggers = [
            row[0]
            for row in tampered.execute(
                "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_auditevent'"
            )
        ]
        for name in triggers:
            tampered.execute(f'DROP TRIGGER "{name}"')
        tampered.execute(
            "UPDATE audit_auditevent SET target_label='rewritten' WHERE sequence = "
            "(SELECT MAX(sequence) FROM audit_auditevent)"
        )
    assert main(["backup", "verify", str(path)]) == 1
    assert "not intact" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_named(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("this is not a database\n" * 200)
    assert main(["backup", "verify", str(path)]) == 2
    assert f"{path}: not an SQLite database" in capsys.readouterr().err


def test_a_missing_file_is_named(tmp_path, capsys):
    assert main(["backup", "verify", str(tmp_path / "absent")]) == 2
    assert "no such file" in capsys.readouterr().err

"""Verifying the chain in the database: intact, or the first edited, deleted or inserted
event named, by the selector, `manage.py audit_verify` and `bluelamp audit verify`."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from bluelamp.audit.chain import compute_hash
from bluelamp.audit.models import AuditEvent
from bluelamp.audit.selectors import audit_chain_verify
from bluelamp.audit.services import audit_checkpoint_write
from bluelamp.audit.tests.helpers import TEST_ACTION, TEST_KEY, record, sql, triggers_dropped
from bluelamp.cli import audit as audit_cli

pytestmark = pytest.mark.django_db


def forge(*, key: bytes = TEST_KEY, **fields) -> AuditEvent:
    """Write a row the way someone with the ORM but not audit_record would (with the key, by
    default: the worst case)."""
    event = AuditEvent(action=TEST_ACTION, actor_text="intruder", key_id="test", **fields)
    event.hash = compute_hash(
        {
            **{
                f: getattr(event, f)
                for f in (
                    "sequence",
                    "occurred_at",
                    "actor_text",
                    "action",
                    "target_type",
                    "target_id",
                    "target_label",
                    "before",
                    "after",
                    "request_id",
                    "prev_hash",
                    "key_id",
                )
            },
            "actor_id": None,
        },
        key=key,
    )
    event._allow_insert = True
    event.save()
    return event


def test_an_untouched_chain_verifies():
    record(5)
    report = audit_chain_verify()
    assert report.intact
    assert report.checked == 5


def test_a_fresh_database_verifies():
    assert audit_chain_verify().intact


def test_an_edited_event_is_found_and_named():
    record(5)
    with triggers_dropped():
        sql("UPDATE audit_auditevent SET target_label = 'forged' WHERE sequence = 3")
    fault = audit_chain_verify().fault
    assert (fault.kind, fault.sequence) == ("edited", 3)


def test_an_edited_before_and_after_is_found():
    record(3)
    with triggers_dropped():
        sql("UPDATE audit_auditevent SET actor_text = 'someone else' WHERE sequence = 2")
    assert audit_chain_verify().fault.sequence == 2


def test_a_deleted_event_is_found_and_named():
    record(5)
    with triggers_dropped():
        sql("DELETE FROM audit_auditevent WHERE sequence = 2")
    fault = audit_chain_verify().fault
    assert (fault.kind, fault.sequence) == ("deleted", 2)


def test_deleting_the_latest_events_is_found():
    record(5)
    with triggers_dropped():
        sql("DELETE FROM audit_auditevent WHERE sequence >= 4")
    fault = audit_chain_verify().fault
    assert (fault.kind, fault.sequence) == ("deleted", 4)


def test_an_inserted_event_is_found_and_named():
    # given five events, and a sixth written without going through audit_record
    last = record(5)
    forge(sequence=6, occurred_at=last.occurred_at, prev_hash=last.hash)
    # then it is reported as inserted: the chain head never recorded it
    fault = audit_chain_verify().fault
    assert (fault.kind, fault.sequence) == ("inserted", 6)


def test_an_event_put_in_place_of_a_deleted_one_is_found():
    record(4)
    original = AuditEvent.objects.get(sequence=2)
    with triggers_dropped():
        sql("DELETE FROM audit_auditevent WHERE sequence = 2")
    forge(sequence=2, occurred_at=original.occurred_at, prev_hash=original.prev_hash)
    fault = audit_chain_verify().fault
    assert fault.kind == "inserted"
    assert fault.sequence == 3


def test_a_deleted_chain_head_is_found():
    record(2)
    with triggers_dropped():
        sql("DELETE FROM audit_chainhead")
    assert audit_chain_verify().fault.kind == "deleted"


def test_the_manage_command_exits_0_when_intact(capsys):
    record(2)
    call_command("audit_verify")
    assert "intact" in capsys.readouterr().out


def test_the_manage_command_exits_1_and_names_the_event_when_broken():
    record(3)
    with triggers_dropped():
        sql("UPDATE audit_auditevent SET target_label = 'x' WHERE sequence = 2")
    with pytest.raises(CommandError, match="sequence 2 was edited") as raised:
        call_command("audit_verify")
    assert raised.value.returncode == 1


def _cli(*args: str) -> int:
    import argparse

    parser = argparse.ArgumentParser()
    audit_cli.register(parser.add_subparsers())
    parsed = parser.parse_args(["audit", *args])
    return parsed.func(parsed)


def test_bluelamp_audit_verify_exits_0_when_intact(capsys):
    record(2)
    assert _cli("verify") == 0
    assert "Audit chain intact: 2 events checked" in capsys.readouterr().out


def test_bluelamp_audit_verify_exits_1_and_names_the_deleted_event(capsys):
    record(3)
    with triggers_dropped():
        sql("DELETE FROM audit_auditevent WHERE sequence = 2")
    assert _cli("verify") == 1
    assert "sequence 2 deleted" in capsys.readouterr().err


def test_bluelamp_audit_verify_reports_json(capsys):
    record(1)
    assert _cli("verify", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {
        "intact": True,
        "checked": 1,
        "last_sequence": 1,
        "checkpoints": 0,
        "fault": None,
    }


def test_bluelamp_audit_checkpoint_prints_a_line_and_appends_it_to_the_file(
    capsys, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.BLUELAMP_AUDIT_CHECKPOINT_FILE = tmp_path / "checkpoints"
    last = record(3)
    with django_capture_on_commit_callbacks(execute=True):
        assert _cli("checkpoint") == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"bluelamp-audit-checkpoint v1 sequence=3 hash={last.hash} at=")
    assert (tmp_path / "checkpoints").read_text() == line + "\n"


def test_bluelamp_audit_checkpoint_prints_the_public_key(capsys):
    assert _cli("checkpoint", "--public-key") == 0
    fingerprint, public_key = capsys.readouterr().out.split()
    assert len(fingerprint) == 16 and len(public_key) == 44


def test_bluelamp_audit_verify_checks_the_checkpoints_it_is_given(capsys, tmp_path):
    # given an auditor's checkpoint of three events, kept in a file of their own
    record(3)
    assert _cli("checkpoint") == 0
    kept = tmp_path / "kept"
    kept.write_text(capsys.readouterr().out)
    assert _cli("verify", "--checkpoints", str(kept)) == 0
    assert "1 signed checkpoint matched" in capsys.readouterr().out
    # when the last event is removed and the head wound back
    second = AuditEvent.objects.get(sequence=2)
    with triggers_dropped():
        sql("DELETE FROM audit_auditevent WHERE sequence = 3")
        sql("UPDATE audit_chainhead SET sequence = 2, hash = %s", [second.hash])
    # then verify exits 1 and names the checkpoint's file and line
    assert _cli("verify", "--checkpoints", str(kept)) == 1
    assert f"{kept} line 1" in capsys.readouterr().err


def test_bluelamp_audit_verify_exits_2_for_a_missing_checkpoint_file(capsys, tmp_path):
    assert _cli("verify", "--checkpoints", str(tmp_path / "nope")) == 2
    assert "cannot read the checkpoints" in capsys.readouterr().err


def test_the_manage_command_reads_checkpoint_files(tmp_path):
    record(2)
    kept = tmp_path / "kept"
    with transaction.atomic():
        kept.write_text(audit_checkpoint_write(keep=False) + "\n")
    with triggers_dropped():
        sql("DELETE FROM audit_auditevent")
        sql("DELETE FROM audit_chainhead")
    with pytest.raises(CommandError, match="went backwards"):
        call_command("audit_verify", "--checkpoints", str(kept))

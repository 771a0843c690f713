"""Someone with write access to the database (but not the audit key or the checkpoint key)
rewrites the trail; ``verify`` notices every time. Runs on SQLite and PostgreSQL alike."""

from __future__ import annotations

import importlib
import types

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from bluelamp.audit import chain, checkpoints, keys
from bluelamp.audit.models import AuditEvent, ChainHead
from bluelamp.audit.selectors import audit_chain_verify
from bluelamp.audit.services import audit_checkpoint_write
from bluelamp.audit.tests.helpers import TEST_KEY, record, sql, triggers_dropped
from bluelamp.audit.triggers import STATEMENTS

pytestmark = pytest.mark.django_db


def checkpoint_now() -> list[tuple[str, str]]:
    with transaction.atomic():
        return [("auditor's note", audit_checkpoint_write(keep=False))]


def rewrite(sequence: int, **changes) -> None:
    """Change one event's columns (with the triggers lifted)."""
    sets = ", ".join(f"{name} = %s" for name in changes)
    sql(f"UPDATE audit_auditevent SET {sets} WHERE sequence = %s", [*changes.values(), sequence])


def test_cutting_off_the_tail_and_winding_the_head_back_is_found():
    # given eight events and an auditor's checkpoint of the head
    record(8)
    kept = checkpoint_now()
    # when the last three are deleted and the head wound back to the fifth, triggers restored
    fifth = AuditEvent.objects.get(sequence=5)
    with triggers_dropped():
        sql("DELETE FROM audit_auditevent WHERE sequence > 5")
        sql("UPDATE audit_chainhead SET sequence = 5, hash = %s", [fifth.hash])
    # then the chain alone looks whole, but the checkpoint shows the head went backwards
    assert audit_chain_verify().intact
    fault = audit_chain_verify(checkpoint_lines=kept).fault
    assert (fault.kind, fault.sequence) == ("rewound", 8)
    assert "went backwards" in fault.message


def test_the_database_refuses_to_wind_the_head_back():
    record(3)
    with pytest.raises(Exception, match="never goes backwards"), transaction.atomic():
        sql("UPDATE audit_chainhead SET sequence = 2")
    with pytest.raises(Exception, match="never goes backwards"), transaction.atomic():
        sql("DELETE FROM audit_chainhead")
    assert ChainHead.objects.get().sequence == 3


@pytest.mark.parametrize("forger_key", [None, b"a guessed key that is not the real one"])
def test_an_edit_in_the_middle_with_every_later_hash_recomputed_is_found(forger_key):
    # given six events
    record(6)
    # when the third is edited and it and every later hash recomputed, by plain sha256 (the
    # old chain) or an HMAC under a key that is not the audit key, and the head moved on
    with triggers_dropped():
        prev = AuditEvent.objects.get(sequence=2).hash
        for event in AuditEvent.objects.filter(sequence__gte=3).order_by("sequence"):
            fields = event.hashed_fields() | {"prev_hash": prev, "actor_id": event.actor_id}
            if event.sequence == 3:
                fields["target_label"] = "forged"
            new = (
                chain.compute_unkeyed_hash(fields)
                if forger_key is None
                else chain.compute_hash(fields, key=forger_key)
            )
            rewrite(event.sequence, target_label=fields["target_label"], prev_hash=prev, hash=new)
            prev = new
        sql("UPDATE audit_chainhead SET hash = %s", [prev])
    # then the third event is named as edited
    fault = audit_chain_verify().fault
    assert (fault.kind, fault.sequence) == ("edited", 3)


def test_an_edit_recomputed_with_the_audit_key_is_still_caught_by_a_checkpoint():
    # given four events checkpointed, and an attacker who holds the audit key (not the
    # checkpoint key)
    record(4)
    kept = checkpoint_now()
    with triggers_dropped():
        prev = AuditEvent.objects.get(sequence=1).hash
        for event in AuditEvent.objects.filter(sequence__gte=2).order_by("sequence"):
            fields = event.hashed_fields() | {"prev_hash": prev, "actor_id": event.actor_id}
            if event.sequence == 2:
                fields["target_label"] = "forged"
            new = chain.compute_hash(fields, key=TEST_KEY)
            rewrite(event.sequence, target_label=fields["target_label"], prev_hash=prev, hash=new)
            prev = new
        sql("UPDATE audit_chainhead SET hash = %s", [prev])
    # then the chain verifies, but not against the checkpoint
    assert audit_chain_verify().intact
    fault = audit_chain_verify(checkpoint_lines=kept).fault
    assert (fault.kind, fault.sequence) == ("checkpoint", 4)


def test_deleting_every_event_and_the_head_is_found_from_a_checkpoint():
    # given events and a checkpoint
    record(5)
    kept = checkpoint_now()
    # when every event and the head are deleted
    with triggers_dropped():
        sql("DELETE FROM audit_auditevent")
        sql("DELETE FROM audit_chainhead")
    # then the empty trail is not called intact
    fault = audit_chain_verify(checkpoint_lines=kept).fault
    assert (fault.kind, fault.sequence) == ("rewound", 5)
    assert "now has 0" in fault.message


def _restore_triggers() -> None:
    create, drop = STATEMENTS[connection.vendor]
    for statement in (*drop, *create):
        sql(statement)


def test_dropping_the_triggers_is_found():
    record(2)
    sql(STATEMENTS[connection.vendor][1][0])  # only the first: one trigger gone is enough
    try:
        fault = audit_chain_verify().fault
    finally:
        _restore_triggers()
    assert fault.kind == "triggers"
    assert "missing or disabled" in fault.message
    assert audit_chain_verify().intact


def test_dropping_the_head_triggers_alone_is_found():
    record(1)
    head_drop = {
        "sqlite": "DROP TRIGGER audit_chainhead_no_rewind;",
        "postgresql": "DROP TRIGGER audit_chainhead_no_rewind ON audit_chainhead;",
    }
    sql(head_drop[connection.vendor])
    try:
        assert audit_chain_verify().fault.kind == "triggers"
    finally:
        _restore_triggers()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL can disable triggers")
def test_a_disabled_trigger_is_found():
    record(1)
    sql("SET CONSTRAINTS ALL IMMEDIATE")  # run the pending foreign-key checks first
    sql("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_change")
    try:
        assert audit_chain_verify().fault.kind == "triggers"
    finally:
        sql("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_no_change")


def test_a_forged_or_altered_checkpoint_is_refused():
    record(2)
    ((_source, line),) = checkpoint_now()
    altered = line.replace("sequence=2", "sequence=1")
    fault = audit_chain_verify(checkpoint_lines=[("note", altered)]).fault
    assert fault.kind == "checkpoint" and "signature does not match" in fault.message
    fault = audit_chain_verify(checkpoint_lines=[("note", "not a checkpoint")]).fault
    assert fault.kind == "checkpoint"


def test_checkpoints_of_an_untouched_chain_match_as_it_grows():
    record(2)
    first = checkpoint_now()
    record(3)
    report = audit_chain_verify(checkpoint_lines=[*first, *checkpoint_now()])
    assert report.intact
    assert report.checkpoints == 2


def test_the_held_checkpoint_file_is_checked_without_being_named(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    # given the service's checkpoint file holding a checkpoint of five events
    settings.BLUELAMP_AUDIT_CHECKPOINT_FILE = tmp_path / "checkpoints"
    record(5)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        audit_checkpoint_write()
    assert len(list(checkpoints.lines_of(tmp_path / "checkpoints"))) == 1
    assert audit_chain_verify().checkpoints == 1
    # when the tail is cut and the head wound back
    fourth = AuditEvent.objects.get(sequence=4)
    with triggers_dropped():
        sql("DELETE FROM audit_auditevent WHERE sequence = 5")
        sql("UPDATE audit_chainhead SET sequence = 4, hash = %s", [fourth.hash])
    # then verify finds it from the file alone
    assert audit_chain_verify().fault.kind == "rewound"


def _old_chain(n: int) -> None:
    """Make the first ``n`` events look as the chain wrote them before it was keyed."""
    prev = chain.GENESIS_HASH
    with triggers_dropped():
        for event in AuditEvent.objects.order_by("sequence")[:n]:
            fields = event.hashed_fields() | {"prev_hash": prev, "actor_id": event.actor_id}
            new = chain.compute_unkeyed_hash(fields)
            rewrite(event.sequence, prev_hash=prev, hash=new, key_id="")
            prev = new
        sql("UPDATE audit_chainhead SET hash = %s", [prev])


def _rechain():
    migration = importlib.import_module(
        "bluelamp.audit.migrations.0003_keyed_chain_and_head_triggers"
    )
    state = MigrationExecutor(connection).loader.project_state(
        ("audit", "0003_keyed_chain_and_head_triggers")
    )
    editor = types.SimpleNamespace(
        connection=connection, execute=lambda statement, params=None: sql(statement)
    )
    migration.rechain(state.apps, editor)


def test_events_from_before_the_keyed_chain_are_rechained_by_the_migration():
    # given three events hashed the old way (plain sha256, no key id)
    record(3)
    _old_chain(3)
    old_head = ChainHead.objects.get().hash
    assert audit_chain_verify().fault.kind == "unverifiable"
    # when the migration re-chains them
    _rechain()
    # then the trail verifies under the key, with an event recording the old head
    report = audit_chain_verify()
    assert report.intact and report.checked == 4
    last = AuditEvent.objects.get(sequence=4)
    assert last.action == "audit.chain_rekeyed"
    assert last.before == {"unkeyed_head_sequence": 3, "unkeyed_head_hash": old_head}
    assert set(AuditEvent.objects.values_list("key_id", flat=True)) == {"test"}


def test_a_broken_old_chain_is_not_rechained():
    record(3)
    _old_chain(3)
    with triggers_dropped():
        rewrite(2, target_label="forged")
    with pytest.raises(RuntimeError, match="broken at sequence 2"):
        _rechain()


def test_a_long_checkpoint_file_is_checked_in_slices(monkeypatch):
    monkeypatch.setattr("bluelamp.audit.selectors.CHECKPOINT_SLICE", 2)
    record(3)
    lines = []
    with transaction.atomic():
        for event in AuditEvent.objects.order_by("sequence"):
            line = checkpoints.sign(
                keys.checkpoint_private_keys()[0],
                sequence=event.sequence,
                head_hash=event.hash,
                at=event.occurred_at,
            )
            lines += [("kept", line)] * 2
    assert audit_chain_verify(checkpoint_lines=lines).checkpoints == 3  # each line once
    lines.append(("kept", lines[-1][1].replace(" sequence=3 ", " sequence=9 ")))
    assert audit_chain_verify(checkpoint_lines=lines).fault.kind == "checkpoint"


def test_a_checkpoint_file_that_cannot_be_read_is_not_called_intact(settings, tmp_path):
    path = tmp_path / "checkpoints"
    path.write_bytes(b"\xff\xfe not text")
    settings.BLUELAMP_AUDIT_CHECKPOINT_FILE = path
    record(1)
    fault = audit_chain_verify().fault
    assert fault.kind == "checkpoint" and "cannot be read" in fault.message

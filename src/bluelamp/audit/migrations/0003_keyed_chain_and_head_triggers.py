"""The keyed chain: every event names the key that signed it, and events written before the
chain was keyed (plain sha256) are re-chained under the current audit key (HMAC-SHA256).

The old chain is checked first and the migration stops if it is broken (restore the database
from a backup taken before the damage, or keep the old version running and investigate): a
re-chain must never turn a tampered trail into a signed one. After re-chaining, one more event
records how many events were re-chained and the old head's hash, so a note of the old head kept
by an auditor can still be matched against the new chain.

Also adds the triggers that refuse to delete the chain head or move it back, and puts back the
events' triggers (SQLite drops a table's triggers when a column is added by rebuilding it)."""

import datetime as dt

from django.db import migrations, models

from bluelamp.audit import chain
from bluelamp.audit.triggers import HEAD_STATEMENTS, STATEMENTS

REKEY_ACTION = "audit.chain_rekeyed"
_FIELDS = (*chain.UNKEYED_HASHED_FIELDS, "hash")


def _execute(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def rechain(apps, schema_editor):
    from django.utils import timezone

    from bluelamp.audit import keys

    vendor = schema_editor.connection.vendor
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    db = schema_editor.connection.alias
    events = AuditEvent.objects.using(db).order_by("sequence")
    if not events.exists():
        # Dropped and created again, so the events' triggers are there whether or not adding
        # the column took them away (SQLite's table rebuild does; PostgreSQL keeps them).
        _execute(schema_editor, STATEMENTS[vendor][1])
        _execute(schema_editor, STATEMENTS[vendor][0])
        return
    previous = chain.GENESIS_HASH
    count = 0
    for row in events.values(*_FIELDS).iterator(chunk_size=2000):
        count += 1
        if (
            row["sequence"] != count
            or row["prev_hash"] != previous
            or chain.compute_unkeyed_hash(row) != row["hash"]
        ):
            raise RuntimeError(
                f"The audit trail is broken at sequence {count}, so it is not re-chained under "
                "the audit key: run the previous version's `bluelamp audit verify`, and restore "
                "the database from a backup taken before the damage (docs/audit.md)."
            )
        previous = row["hash"]
    head = ChainHead.objects.using(db).filter(pk=1).first()
    if head is None or head.sequence != count or head.hash != previous:
        raise RuntimeError(
            "The audit chain head does not match the last event, so the trail is not re-chained "
            "under the audit key: investigate with the previous version's `bluelamp audit verify`."
        )
    key_id, key = keys.signing_key()
    _execute(schema_editor, STATEMENTS[vendor][1])
    new_prev = chain.GENESIS_HASH
    for event in events.iterator(chunk_size=2000):
        fields = {name: getattr(event, name) for name in chain.HASHED_FIELDS if name != "key_id"}
        fields |= {"prev_hash": new_prev, "key_id": key_id}
        new_hash = chain.compute_hash(fields, key=key)
        AuditEvent.objects.using(db).filter(pk=event.pk).update(
            prev_hash=new_prev, hash=new_hash, key_id=key_id
        )
        new_prev = new_hash
    record = {
        "sequence": count + 1,
        "occurred_at": timezone.now().astimezone(dt.UTC),
        "actor_id": None,
        "actor_text": "Bluelamp (upgrade)",
        "action": REKEY_ACTION,
        "target_type": "",
        "target_id": "",
        "target_label": "",
        "before": {"unkeyed_head_sequence": count, "unkeyed_head_hash": previous},
        "after": {"events_rechained": count, "key_id": key_id},
        "request_id": "",
        "prev_hash": new_prev,
        "key_id": key_id,
    }
    record["hash"] = chain.compute_hash(record, key=key)
    AuditEvent.objects.using(db).create(**record)
    ChainHead.objects.using(db).filter(pk=1).update(sequence=count + 1, hash=record["hash"])
    _execute(schema_editor, STATEMENTS[vendor][0])


def head_triggers_drop(apps, schema_editor):
    _execute(schema_editor, HEAD_STATEMENTS[schema_editor.connection.vendor][1])


class Migration(migrations.Migration):
    dependencies = (("audit", "0002_append_only_triggers"),)

    operations = (
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(
                default="",
                editable=False,
                help_text="Which of the audit keys (held outside the database) signed this event.",
                max_length=32,
            ),
        ),
        # Going back is allowed, but leaves the events keyed: the old version's verify will
        # call them edited.
        migrations.RunPython(rechain, head_triggers_drop),
    )

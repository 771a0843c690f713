"""The database triggers that keep the audit trail append-only: audit events can be neither
changed nor deleted, and the chain head can be neither deleted nor moved back (SQLite and
PostgreSQL). Created by the migrations; ``bluelamp audit verify`` checks they are in place; the
test suite lifts them only while it empties its test database (core.testing.plugin)."""

from __future__ import annotations

import importlib

_events = importlib.import_module("bluelamp.audit.migrations.0002_append_only_triggers")

HEAD_MESSAGE = "the audit chain head never goes backwards"

SQLITE_HEAD_CREATE = (
    f"""CREATE TRIGGER IF NOT EXISTS audit_chainhead_no_rewind BEFORE UPDATE ON audit_chainhead
    WHEN NEW.sequence < OLD.sequence OR NEW.id <> OLD.id
    BEGIN SELECT RAISE(ABORT, '{HEAD_MESSAGE}: UPDATE refused'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_chainhead_no_delete BEFORE DELETE ON audit_chainhead
    BEGIN SELECT RAISE(ABORT, '{HEAD_MESSAGE}: DELETE refused'); END;""",
)
SQLITE_HEAD_DROP = (
    "DROP TRIGGER IF EXISTS audit_chainhead_no_rewind;",
    "DROP TRIGGER IF EXISTS audit_chainhead_no_delete;",
)
POSTGRESQL_HEAD_CREATE = (
    f"""CREATE OR REPLACE FUNCTION audit_chainhead_refuse_rewind() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.sequence >= OLD.sequence AND NEW.id = OLD.id THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{HEAD_MESSAGE}: % refused', TG_OP USING ERRCODE = 'restrict_violation';
    END;
    $$;""",
    """CREATE TRIGGER audit_chainhead_no_rewind BEFORE UPDATE OR DELETE ON audit_chainhead
    FOR EACH ROW EXECUTE FUNCTION audit_chainhead_refuse_rewind();""",
    """CREATE TRIGGER audit_chainhead_no_truncate BEFORE TRUNCATE ON audit_chainhead
    FOR EACH STATEMENT EXECUTE FUNCTION audit_chainhead_refuse_rewind();""",
)
POSTGRESQL_HEAD_DROP = (
    "DROP TRIGGER IF EXISTS audit_chainhead_no_rewind ON audit_chainhead;",
    "DROP TRIGGER IF EXISTS audit_chainhead_no_truncate ON audit_chainhead;",
    "DROP FUNCTION IF EXISTS audit_chainhead_refuse_rewind();",
)

# vendor -> (create, drop): every trigger, the events' and the head's.
STATEMENTS = {
    "sqlite": (
        (*_events.SQLITE_CREATE, *SQLITE_HEAD_CREATE),
        (*_events.SQLITE_DROP, *SQLITE_HEAD_DROP),
    ),
    "postgresql": (
        (*_events.POSTGRESQL_CREATE, *POSTGRESQL_HEAD_CREATE),
        (*_events.POSTGRESQL_DROP, *POSTGRESQL_HEAD_DROP),
    ),
}
HEAD_STATEMENTS = {
    "sqlite": (SQLITE_HEAD_CREATE, SQLITE_HEAD_DROP),
    "postgresql": (POSTGRESQL_HEAD_CREATE, POSTGRESQL_HEAD_DROP),
}

# The triggers that must exist, per table, and a phrase each one's refusal must contain.
EXPECTED = {
    "sqlite": {
        "audit_auditevent_no_update": "audit_auditevent",
        "audit_auditevent_no_delete": "audit_auditevent",
        "audit_chainhead_no_rewind": "audit_chainhead",
        "audit_chainhead_no_delete": "audit_chainhead",
    },
    "postgresql": {
        "audit_auditevent_no_change": "audit_auditevent",
        "audit_auditevent_no_truncate": "audit_auditevent",
        "audit_chainhead_no_rewind": "audit_chainhead",
        "audit_chainhead_no_truncate": "audit_chainhead",
    },
}


def missing_triggers(connection) -> list[str]:
    """The append-only triggers that are absent, disabled or no longer refuse anything, by
    name (empty when all are in place)."""
    vendor = connection.vendor
    expected = EXPECTED.get(vendor)
    if expected is None:
        return [f"(no append-only triggers are known for the {vendor} database)"]
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name IN ('audit_auditevent', 'audit_chainhead')"
            )
            present = {
                name: table for name, table, sql in cursor.fetchall() if "RAISE(ABORT" in sql
            }
        else:
            # tgenabled 'D' is a trigger switched off with ALTER TABLE ... DISABLE TRIGGER.
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' "
                "AND c.relname IN ('audit_auditevent', 'audit_chainhead') "
                "AND c.relnamespace = to_regnamespace(current_schema())::oid "
                "AND p.prosrc LIKE '%%RAISE EXCEPTION%%'"
            )
            present = dict(cursor.fetchall())
    return sorted(name for name, table in expected.items() if present.get(name) != table)

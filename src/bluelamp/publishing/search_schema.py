"""The full-text indexes' schema, per database (see ``publishing.search``).

SQLite: an FTS5 table whose content is the post table (it stores only the index, not a second
copy of the words), the porter stemmer over Unicode words, and three triggers that keep it in
step with every insert, change of text and delete, whoever writes. SQLite drops a table's
triggers with the table, and Django rebuilds a table on SQLite to alter it, so ``ensure`` is
also run after every ``migrate`` (``apps.py``) to put back any that are missing, rebuilding the
index from the posts when it does.

PostgreSQL: a stored generated ``tsvector`` of the text (English stemming) and a GIN index on
it; ranking reads the stored vector rather than parsing every matching post again. The
trigram index that served the old in-part search is dropped: nothing searches that way now.
"""

from __future__ import annotations

FTS_TABLE = "publishing_post_fts"
TRIGGERS = {
    "publishing_post_fts_insert": (
        "AFTER INSERT ON publishing_post BEGIN "
        f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END"
    ),
    "publishing_post_fts_delete": (
        "AFTER DELETE ON publishing_post BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); "
        "END"
    ),
    "publishing_post_fts_update": (
        "AFTER UPDATE OF text ON publishing_post BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); "
        f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END"
    ),
}
PG_COLUMN = "text_search"
PG_INDEX = "publishing_post_text_search"
TRIGRAM_INDEX = "publishing_post_text_trgm"


def _sqlite_names(cursor, kind: str) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {row[0] for row in cursor.fetchall()}


def ensure(connection) -> bool:
    """Create whatever of the full-text index is missing on ``connection``; True if anything
    was. Safe to run any number of times."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            tables = _sqlite_names(cursor, "table")
            if "publishing_post" not in tables:
                return False
            missing = set(TRIGGERS) - _sqlite_names(cursor, "trigger")
            if FTS_TABLE in tables and not missing:
                return False
            if FTS_TABLE not in tables:
                cursor.execute(
                    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, "
                    "content='publishing_post', content_rowid='id', "
                    "tokenize='porter unicode61 remove_diacritics 2')"
                )
            for name in missing:
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {TRIGGERS[name]}")
            # Whatever changed while a trigger was missing is indexed afresh.
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return True
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = 'publishing_post' AND column_name = %s",
                [PG_COLUMN],
            )
            if cursor.fetchone():
                return False
            cursor.execute(
                f"ALTER TABLE publishing_post ADD COLUMN {PG_COLUMN} tsvector "
                "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON publishing_post USING gin ({PG_COLUMN})"
            )
            cursor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
            return True
    return False


def remove(connection) -> None:
    """Undo ``ensure`` (the migration's way back)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
            cursor.execute(f"ALTER TABLE publishing_post DROP COLUMN IF EXISTS {PG_COLUMN}")

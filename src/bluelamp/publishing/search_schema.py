"""The full-text indexes' schema, per database (see ``publishing.search``): the posts' words,
and the notes of removal requests (``data_requests``).

SQLite: an FTS5 table whose content is the indexed table (it stores only the index, not a
second copy of the words), the porter stemmer over Unicode words, and three triggers that keep
it in step with every insert, change and delete, whoever writes. SQLite drops a table's
triggers with the table, and Django rebuilds a table on SQLite to alter it, so ``repair`` runs
after every ``migrate`` (each app's ``apps.py``) to put back any that are missing, rebuilding
the index from the table when it does.

PostgreSQL: a stored generated ``tsvector`` of the words (English stemming) and a GIN index on
it; ranking reads the stored vector rather than parsing every matching row again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FullTextIndex:
    """One table's full-text index: its text ``columns`` (NOT NULL), and the names of what
    holds it on each database."""

    table: str
    columns: tuple[str, ...]
    #: PostgreSQL's stored ``tsvector`` column, and its GIN index.
    vector_column: str
    vector_index: str
    #: Indexes an earlier migration made for the search this one replaces (dropped).
    replaces: tuple[str, ...] = ()

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"

    def triggers(self) -> dict[str, str]:
        fts, cols = self.fts_table, ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
        delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
        return {
            f"{fts}_insert": f"AFTER INSERT ON {self.table} BEGIN {insert} END",
            f"{fts}_delete": f"AFTER DELETE ON {self.table} BEGIN {delete} END",
            f"{fts}_update": f"AFTER UPDATE OF {cols} ON {self.table} BEGIN {delete} {insert} END",
        }

    def vector_sql(self) -> str:
        words = " || ' ' || ".join(f'"{c}"' for c in self.columns)
        return f"to_tsvector('english'::regconfig, {words})"


POSTS = FullTextIndex(
    table="publishing_post",
    columns=("text",),
    vector_column="text_search",
    vector_index="publishing_post_text_search",
    # The trigram index of the old in-part search (migration 0008): nothing searches so now.
    replaces=("publishing_post_text_trgm",),
)
REMOVAL_REQUESTS = FullTextIndex(
    table="data_requests_removalrequest",
    columns=("request_text", "response_summary", "extension_reasons"),
    vector_column="notes_search",
    vector_index="data_requests_removalrequest_notes_search",
)


def _sqlite_names(cursor, kind: str) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {row[0] for row in cursor.fetchall()}


def ensure(connection, index: FullTextIndex = POSTS) -> bool:
    """Create whatever of ``index`` is missing on ``connection``; True if anything was. Safe to
    run any number of times; does nothing before the table exists."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            tables = _sqlite_names(cursor, "table")
            if index.table not in tables:
                return False
            triggers = index.triggers()
            missing = set(triggers) - _sqlite_names(cursor, "trigger")
            if index.fts_table in tables and not missing:
                return False
            if index.fts_table not in tables:
                cursor.execute(
                    f"CREATE VIRTUAL TABLE {index.fts_table} USING fts5("
                    f"{', '.join(index.columns)}, content='{index.table}', content_rowid='id', "
                    "tokenize='porter unicode61 remove_diacritics 2')"
                )
            for name in sorted(missing):
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {triggers[name]}")
            # Whatever changed while a trigger was missing is indexed afresh.
            cursor.execute(f"INSERT INTO {index.fts_table}({index.fts_table}) VALUES ('rebuild')")
            return True
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s",
                [index.table],
            )
            columns = {row[0] for row in cursor.fetchall()}
            if not columns or index.vector_column in columns:
                return False
            cursor.execute(
                f"ALTER TABLE {index.table} ADD COLUMN {index.vector_column} tsvector "
                f"GENERATED ALWAYS AS ({index.vector_sql()}) STORED"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {index.vector_index} ON {index.table} "
                f"USING gin ({index.vector_column})"
            )
            for name in index.replaces:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
            return True
    return False


def repair(connection, index: FullTextIndex = POSTS) -> bool:
    """After ``migrate``: on SQLite, put back the triggers of an FTS5 index that exists (a
    migration that rebuilt its table dropped them) and rebuild it; True if it did. Does
    nothing where the index was never made or was migrated away."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        if index.fts_table not in _sqlite_names(cursor, "table"):
            return False
    return ensure(connection, index)


def remove(connection, index: FullTextIndex = POSTS) -> None:
    """Undo ``ensure`` (a migration's way back)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in index.triggers():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {index.fts_table}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {index.vector_index}")
            cursor.execute(f"ALTER TABLE {index.table} DROP COLUMN IF EXISTS {index.vector_column}")

"""Indexes for the archive and the API's list at a million posts: each sort has an index in
its own order, and on PostgreSQL the rule filter (JSON containment) and word search (a
trigram index on the upper-cased text, the form Django's case-insensitive search compares)
use GIN indexes. Written per database because SQLite's indexes take no NULLS LAST, GIN or
operator classes; they are not in the model's Meta for the same reason."""

from django.db import migrations, transaction

COMMON = [
    # The API's list: newest created first.
    ("publishing_post_created_desc", '("created_at" DESC, "id" DESC)'),
    # One account's archive by publication date (the account filter and the account pages).
    ("publishing_post_account_published", '("account_id", "published_at")'),
]
SQLITE = [
    # The archive: newest published first (SQLite puts NULLs last in DESC order already).
    ("publishing_post_published_desc", '("published_at" DESC, "created_at" DESC, "id" DESC)'),
]
POSTGRES = [
    (
        "publishing_post_published_desc",
        '("published_at" DESC NULLS LAST, "created_at" DESC, "id" DESC)',
    ),
    ("publishing_post_findings_gin", 'USING gin ("findings" jsonb_path_ops)'),
]
TRIGRAM = ("publishing_post_text_trgm", 'USING gin (UPPER("text") gin_trgm_ops)')


def _create(schema_editor, name: str, columns: str) -> None:
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "publishing_post" {columns}')


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, columns in COMMON + (POSTGRES if vendor == "postgresql" else SQLITE):
        _create(schema_editor, name, columns)
    if vendor == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
        # Where a DBA has not allowed it, word search still works, without the index.
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                _create(schema_editor, *TRIGRAM)
        except Exception:  # the privilege error's class depends on the driver
            pass


def backwards(apps, schema_editor):
    for name, _ in COMMON + SQLITE + POSTGRES + [TRIGRAM]:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    atomic = True
    dependencies = [("publishing", "0007_merge_versions_and_imports")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

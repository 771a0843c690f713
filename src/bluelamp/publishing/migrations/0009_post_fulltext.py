"""Full-text search of posts with each database's own engine (``publishing.search``): on
SQLite an FTS5 index of the post table kept in step by triggers, on PostgreSQL a stored
``tsvector`` with a GIN index (and the trigram index of the old in-part search dropped). Run
per database by ``search_schema``, which also puts the SQLite triggers back after any later
migration rebuilds the post table; the model only names the FTS5 table for queries."""

import django.db.models.deletion
from django.db import migrations, models

import bluelamp.publishing.models
from bluelamp.publishing import search_schema


def forwards(apps, schema_editor):
    search_schema.ensure(schema_editor.connection, search_schema.POSTS)


def backwards(apps, schema_editor):
    search_schema.remove(schema_editor.connection, search_schema.POSTS)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0008_archive_search_indexes")]

    operations = [
        migrations.CreateModel(
            name="PostSearchEntry",
            fields=[
                (
                    "post",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="publishing.post",
                    ),
                ),
                (
                    "document",
                    bluelamp.publishing.models.FullTextDocumentField(
                        db_column="publishing_post_fts"
                    ),
                ),
            ],
            options={"db_table": "publishing_post_fts", "managed": False},
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]

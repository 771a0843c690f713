"""Full-text search of removal requests' notes (``publishing.search_schema.REMOVAL_REQUESTS``):
an FTS5 index kept by triggers on SQLite, a stored tsvector with a GIN index on PostgreSQL."""

import bluelamp.publishing.models
import django.db.models.deletion
from django.db import migrations, models

from bluelamp.publishing import search_schema


def forwards(apps, schema_editor):
    search_schema.ensure(schema_editor.connection, search_schema.REMOVAL_REQUESTS)


def backwards(apps, schema_editor):
    search_schema.remove(schema_editor.connection, search_schema.REMOVAL_REQUESTS)


class Migration(migrations.Migration):
    dependencies = [
        ("data_requests", "0005_task_correction_evidence"),
    ]

    operations = [
        migrations.CreateModel(
            name="RemovalRequestSearchEntry",
            fields=[
                (
                    "request",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="data_requests.removalrequest",
                    ),
                ),
                (
                    "document",
                    bluelamp.publishing.models.FullTextDocumentField(
                        db_column="data_requests_removalrequest_fts"
                    ),
                ),
            ],
            options={
                "db_table": "data_requests_removalrequest_fts",
                "managed": False,
            },
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]

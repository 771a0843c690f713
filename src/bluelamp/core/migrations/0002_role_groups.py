"""Create a group for each role of DESIGN.md. Their permissions are kept in step with
core.roles.ROLE_PERMISSIONS after every migrate (see core.apps)."""

from django.db import migrations

# Frozen copy of core.roles.GROUP_NAMES at the time of this migration.
ROLE_GROUPS = (
    "Staff",
    "Line manager",
    "Corporate Communications (CCD)",
    "Information security",
    "Professional Standards (PSD)",
    "Auditor",
)


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = (
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    )

    operations = (migrations.RunPython(create_groups, remove_groups),)

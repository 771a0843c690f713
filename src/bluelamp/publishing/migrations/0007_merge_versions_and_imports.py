# Post versions (four eyes) and the platforms' exports were added side by side; neither touches
# the other's fields, so the two branches of the graph join here with no operation.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0006_imported_exports"),
        ("publishing", "0006_post_versions"),
    ]

    operations = []

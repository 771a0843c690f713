from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    """Crisis controls (4.16, 6.12): declared major incidents and election periods."""

    name = "bluelamp.incidents"
    label = "incidents"
    verbose_name = "Major incidents and election periods"

    def ready(self) -> None:
        from bluelamp.incidents import audit_actions  # noqa: F401 - registers on import

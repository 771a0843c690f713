from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background jobs: what runs off the request, on which worker, and what failed."""

    name = "bluelamp.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        from bluelamp.jobs import audit_actions  # noqa: F401 - registers on import

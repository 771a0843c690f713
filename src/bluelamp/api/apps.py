from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API: token authentication, the post checker and the OpenAPI schema."""

    name = "bluelamp.api"
    label = "api"
    verbose_name = "REST API"

    def ready(self) -> None:
        from bluelamp.api import audit_actions  # noqa: F401 - registers on import

from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Compose, check, route, publish and archive posts (CC/01 section 4)."""

    name = "bluelamp.publishing"
    label = "publishing"
    verbose_name = "Posts and publishing"

    def ready(self) -> None:
        from bluelamp.publishing import audit_actions, receivers  # noqa: F401 - register on import

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """The monthly review of live content (CC/01 4.1) and the cases appeals are about (4.11)."""

    name = "bluelamp.reviews"
    label = "reviews"
    verbose_name = "Monthly reviews and appeal cases"

    def ready(self) -> None:
        from bluelamp.reviews import audit_actions, receivers  # noqa: F401 - register on import

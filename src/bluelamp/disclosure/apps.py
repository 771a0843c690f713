from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    """Exports of an account's posts, with their findings and history, for disclosure and
    Freedom of Information requests (CC/01 4.4, 4.26)."""

    name = "bluelamp.disclosure"
    label = "disclosure"
    verbose_name = "Disclosure exports"

    def ready(self) -> None:
        from bluelamp.disclosure import audit_actions  # noqa: F401 - registers on import

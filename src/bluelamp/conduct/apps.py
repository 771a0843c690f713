from django.apps import AppConfig


class ConductConfig(AppConfig):
    """Conduct cases for Professional Standards, staff reports of abuse and of journalists'
    approaches, and warnings that a post will attract media attention."""

    name = "bluelamp.conduct"
    label = "conduct"
    verbose_name = "Conduct and reports"

    def ready(self) -> None:
        from bluelamp.conduct import (
            audit_actions,  # noqa: F401 - registers on import
            work,
        )
        from bluelamp.core import worklist

        worklist.register(work.work)

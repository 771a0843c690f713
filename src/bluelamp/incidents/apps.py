from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    """Crisis controls (4.16, 6.12): declared major incidents and election periods."""

    name = "bluelamp.incidents"
    label = "incidents"
    verbose_name = "Major incidents and election periods"

    def ready(self) -> None:
        from django.db import transaction
        from django.db.models.signals import post_save

        from bluelamp.incidents import audit_actions  # noqa: F401 - registers on import
        from bluelamp.incidents.models import CrisisPeriod
        from bluelamp.incidents.selectors import forget_recent_crisis_context

        def forget(**kwargs) -> None:
            forget_recent_crisis_context()
            transaction.on_commit(forget_recent_crisis_context)

        post_save.connect(
            forget, sender=CrisisPeriod, weak=False, dispatch_uid="incidents.forget_recent"
        )

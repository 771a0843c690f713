from django.apps import AppConfig


class SpoofsConfig(AppConfig):
    """Spoof and unofficial accounts (CC/01 6.11): candidates, their review and takedowns."""

    name = "bluelamp.spoofs"
    label = "spoofs"
    verbose_name = "Spoof and unofficial accounts"

    def ready(self) -> None:
        from bluelamp.core import worklist
        from bluelamp.spoofs import (
            audit_actions,  # noqa: F401 - registers on import
            work,
        )

        worklist.register(work.work)

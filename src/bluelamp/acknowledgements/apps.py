from django.apps import AppConfig


class AcknowledgementsConfig(AppConfig):
    """Who has read the current policy pack and completed social media training (CC/01 3.4,
    sections 10-11)."""

    name = "bluelamp.acknowledgements"
    label = "acknowledgements"
    verbose_name = "Policy acknowledgement and training"

    def ready(self) -> None:
        from bluelamp.acknowledgements import (
            audit_actions,  # noqa: F401 - registers on import
            work,
        )
        from bluelamp.core import worklist

        worklist.register(work.work)

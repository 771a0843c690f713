from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _ensure_fulltext(sender, using="default", **kwargs) -> None:
    # A migration that alters the request table on SQLite rebuilds it and loses its triggers.
    from bluelamp.publishing import search_schema

    search_schema.repair(connections[using], search_schema.REMOVAL_REQUESTS)


class DataRequestsConfig(AppConfig):
    """The public's requests to remove or correct their personal data, on the statutory clock."""

    name = "bluelamp.data_requests"
    label = "data_requests"
    verbose_name = "Removal and correction requests"

    def ready(self) -> None:
        from bluelamp.core import worklist
        from bluelamp.data_requests import (
            audit_actions,  # noqa: F401 - registers on import
            work,
        )

        worklist.register(work.work)

        from bluelamp.data_requests.selectors import open_requests_about
        from bluelamp.publishing import notes

        notes.register(open_requests_about)
        post_migrate.connect(_ensure_fulltext, sender=self, dispatch_uid="data_requests.fulltext")

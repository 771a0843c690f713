from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _ensure_fulltext(sender, using="default", **kwargs) -> None:
    # A migration that alters the post table on SQLite rebuilds it and loses its triggers.
    from bluelamp.publishing import search_schema

    search_schema.repair(connections[using], search_schema.POSTS)


class PublishingConfig(AppConfig):
    """Compose, check, route, publish and archive posts (CC/01 section 4)."""

    name = "bluelamp.publishing"
    label = "publishing"
    verbose_name = "Posts and publishing"

    def ready(self) -> None:
        from bluelamp.publishing import audit_actions, receivers  # noqa: F401 - register on import
        from bluelamp.social_accounts import vault

        # The platform tokens are re-encrypted with the credentials when the vault's keys rotate.
        vault.register_encrypted_field("publishing.PlatformConnection", "token_encrypted")
        from bluelamp.core import worklist
        from bluelamp.publishing import work

        worklist.register(work.work)
        post_migrate.connect(_ensure_fulltext, sender=self, dispatch_uid="publishing.fulltext")

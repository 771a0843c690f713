from django.apps import AppConfig


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

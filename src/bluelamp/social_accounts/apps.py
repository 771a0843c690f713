from django.apps import AppConfig


class SocialAccountsConfig(AppConfig):
    """The registry of corporate accounts, applications for them, and account health."""

    name = "bluelamp.social_accounts"
    label = "social_accounts"
    verbose_name = "Social media accounts"

    def ready(self) -> None:
        from bluelamp.social_accounts import (
            audit_actions,  # noqa: F401 - registers on import
            vault,
        )

        vault.register_encrypted_field("social_accounts.AccountCredential", "password_encrypted")
        from bluelamp.core import worklist
        from bluelamp.social_accounts import work

        worklist.register(work.work)

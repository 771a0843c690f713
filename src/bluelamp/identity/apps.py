from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Who is signing in: single sign-on with the force's OpenID Connect identity provider
    (its groups mapped to Bluelamp's roles) and two-factor for local accounts."""

    name = "bluelamp.identity"
    label = "identity"
    verbose_name = "Single sign-on and two-factor"

    def ready(self) -> None:
        from bluelamp.identity import audit_actions, receivers  # noqa: F401 - register on import

from django.apps import AppConfig


class AccountSecurityConfig(AppConfig):
    """Keeping the accounts safe: lost or stolen devices, password rotation as work, and the
    roster kept in step with leavers and movers (CC/01 3.7, 3.8, 4.18, 5.5–5.7, 5.9)."""

    name = "bluelamp.account_security"
    label = "account_security"
    verbose_name = "Account security"

    def ready(self) -> None:
        from bluelamp.account_security import (
            audit_actions,  # noqa: F401 - registers on import
            receivers,  # noqa: F401 - connects on import
            work,
        )
        from bluelamp.core import worklist

        worklist.register(work.work)

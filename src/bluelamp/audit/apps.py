from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only, hash-chained audit trail."""

    name = "bluelamp.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        # core sits below audit and cannot import it: give core the writer, and register the
        # actions core declares (core.auditing).
        from bluelamp.audit.registry import actions, register_action
        from bluelamp.audit.services import audit_record
        from bluelamp.core import auditing
        from bluelamp.core.audit_actions import ACTIONS

        auditing.install(audit_record)
        for name, label in ACTIONS:
            if name not in actions:
                register_action(name, label)

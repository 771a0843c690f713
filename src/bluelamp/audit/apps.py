from django.apps import AppConfig
from django.core import checks


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
        for name, label in (*ACTIONS, *AUDIT_ACTIONS):
            if name not in actions:
                register_action(name, label)
        checks.register(development_keys_check, checks.Tags.security)


# The actions the trail records about itself.
AUDIT_ACTIONS = (("audit.chain_rekeyed", "Audit trail re-chained under the audit key"),)


def development_keys_check(app_configs, **kwargs):
    """Say so when the trail is signed with development keys (`make run`)."""
    from bluelamp.audit.keys import development_keys_in_use

    if not development_keys_in_use():
        return []
    return [
        checks.Warning(
            "The audit trail is signed with development keys derived from DJANGO_SECRET_KEY.",
            hint="Set BLUELAMP_AUDIT_KEYS and BLUELAMP_AUDIT_CHECKPOINT_KEYS in live service "
            "(see .env.example and docs/audit.md).",
            id="bluelamp.audit.W001",
        )
    ]

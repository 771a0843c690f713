"""``bluelamp manage account_security_sweep``: escalate lost-device reports not secured within
the pack's hours, open rotation tasks for passwords past the rotation period, escalate overdue
rotation tasks. ``bluelamp worker`` runs it on every pass; running it again changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from bluelamp.account_security.services.sweep import account_security_sweep


class Command(BaseCommand):
    help = "Escalate unsecured lost devices and overdue rotations; open rotation tasks due."

    def handle(self, *args, **options) -> None:
        done = account_security_sweep()
        self.stdout.write(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in done.items()))

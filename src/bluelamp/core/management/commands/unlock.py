"""Lift the sign-in lock on a username (audited as auth.unlocked)."""

from django.core.management.base import BaseCommand

from bluelamp.core import selectors, services


class Command(BaseCommand):
    help = "Lift the sign-in lock-out on a username. The unlock is recorded in the audit trail."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        was_locked = selectors.login_is_locked(username=username)
        cleared = services.login_lockout_clear(actor=None, username=username)
        state = "was locked" if was_locked else "was not locked"
        self.stdout.write(f"{username} {state}; cleared {cleared} recorded failures.")

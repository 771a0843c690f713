"""Remove a user's authenticator app, for a lost or replaced phone (audited)."""

from django.core.management.base import BaseCommand, CommandError

from bluelamp.core.models import User
from bluelamp.identity import services


class Command(BaseCommand):
    help = (
        "Remove a local user's two-factor authenticator (a lost or replaced phone): they set up "
        "a new one at their next sign-in. Recorded in the audit trail."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        removed = services.two_factor_reset(actor=None, user=user)
        self.stdout.write(
            f"{user.username}: removed {removed} authenticator(s); they set up a new one at "
            "their next sign-in."
        )

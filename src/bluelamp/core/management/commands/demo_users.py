"""Create one demo user per role (development only) and print their sign-ins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bluelamp.core import services
from bluelamp.core.models import User
from bluelamp.core.roles import Role

DEMO_PASSWORD = "bluelamp-demo-only"

DEMO_USERS = (
    ("manager", "Sgt 1234 Sam Patel", Role.LINE_MANAGER, ""),
    ("staff", "PC 4521 Jo Bloggs", Role.STAFF, "manager"),
    ("ccd", "Alex Morgan (CCD)", Role.CCD, ""),
    ("infosec", "Priya Shah (Information Security)", Role.INFOSEC, ""),
    ("psd", "DI Chris Doyle (PSD)", Role.PSD, ""),
    ("welfare", "Jan Owen (Welfare)", Role.WELFARE, ""),
    ("auditor", "Morgan Lee (Audit)", Role.AUDITOR, ""),
)


class Command(BaseCommand):
    help = "Create a demo user for each role (DJANGO_DEBUG only) and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Allow it without DJANGO_DEBUG (never in live)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("demo users are for development: set DJANGO_DEBUG=true")
        for username, name, role, manager in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            services.user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                email=f"{username}@example.police.uk",
                display_name=name,
                team="Demo NPU",
                line_manager=User.objects.filter(username=manager).first() if manager else None,
                roles=[role, Role.STAFF] if role != Role.STAFF else [role],
            )
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for username, name, role, _ in DEMO_USERS:
            self.stdout.write(f"  {username:<8} {role.label:<32} {name}")

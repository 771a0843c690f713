"""Load a demo force (development only): users of every role, then each app's demo data (the
registry's accounts and applications, a past election period, posts, removal requests).
Everything goes through the services, so the audit trail and the e-mails (on the console) are
real. Prints the policy pack and how to sign in.

Safe to run again: users and data that exist already are left as they are."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from bluelamp.core import services as user_services
from bluelamp.core.models import User
from bluelamp.core.policy import policy_pack
from bluelamp.core.roles import Role
from bluelamp.data_requests import demo as data_requests_demo
from bluelamp.incidents import demo as incidents_demo
from bluelamp.publishing import demo as publishing_demo
from bluelamp.social_accounts import demo as social_accounts_demo

DEMO_PASSWORD = "bluelamp-demo-only"

# username, name, roles, line manager, team, what to try
DEMO_USERS: tuple[tuple[str, str, tuple[Role, ...], str, str, str], ...] = (
    ("ccd", "Alex Morgan (CCD)", (Role.CCD, Role.STAFF), "", "Corporate Communications",
     "decide applications, account health, suspend and close accounts"),
    ("ccd2", "Sam Reid (CCD)", (Role.CCD, Role.STAFF), "", "Corporate Communications",
     "a second CCD member (four eyes)"),
    ("manager", "Sgt 1234 Sam Patel", (Role.LINE_MANAGER, Role.STAFF), "", "Dudley NPU",
     "decide your team's applications, see their accounts"),
    ("manager2", "Insp 2201 Ruth Khan", (Role.LINE_MANAGER, Role.STAFF), "", "Coventry NPU",
     "another team's manager"),
    ("staff", "PC 4521 Jo Bloggs", (Role.STAFF,), "manager", "Dudley NPU",
     "apply for an account, run the accounts you own"),
    ("staff2", "PC 3310 Amir Hussain", (Role.STAFF,), "manager", "Dudley NPU", "staff in Dudley"),
    ("staff3", "PCSO 7781 Kerry Lewis", (Role.STAFF,), "manager", "Dudley NPU", "staff in Dudley"),
    ("staff4", "PC 5002 Tom Baker", (Role.STAFF,), "manager2", "Coventry NPU", "staff in Coventry"),
    ("staff5", "DC 6120 Priya Nair", (Role.STAFF,), "manager2", "Coventry NPU", "staff in Coventry"),
    ("staff6", "PC 8841 Dan Evans", (Role.STAFF,), "manager2", "Coventry NPU", "staff in Coventry"),
    ("infosec", "Priya Shah (Information Security)", (Role.INFOSEC,), "",
     "Information Security", "removal requests (no account management)"),
    ("psd", "DI Chris Doyle (PSD)", (Role.PSD,), "", "Professional Standards",
     "conduct referrals (no account management)"),
    ("welfare", "Jan Owen (Welfare)", (Role.WELFARE,), "", "Staff welfare",
     "staff reports of abuse and harassment"),
    ("auditor", "Morgan Lee (Audit)", (Role.AUDITOR,), "", "Audit",
     "read everything, change nothing; the audit trail"),
)  # fmt: skip

#: The e-mails the demo's history would have sent are kept, not printed.
HELD_BACK = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Load a demo force (DJANGO_DEBUG only): users of every role, accounts and applications in every state."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Allow it without DJANGO_DEBUG (never in live)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("the demo force is for development: set DJANGO_DEBUG=true")
        pack = policy_pack()
        self.stdout.write(
            f"Policy pack: {pack.force}, {pack.reference} v{pack.version} "
            f"({len(pack.clauses)} clauses) from {settings.BLUELAMP_POLICY_PACK}"
        )
        domain = pack.mail_domains[0] if pack.mail_domains else "example.police.uk"
        users = self._users(domain)
        now = timezone.now()
        with override_settings(EMAIL_BACKEND=HELD_BACK):
            mail.outbox = []
            with transaction.atomic():
                done = social_accounts_demo.load_demo(now, users=users, domain=domain)
            sent = len(mail.outbox)
        if sent:
            done += f" ({sent} notification e-mails held back; from now on they go to the console)."
        self.stdout.write(done)
        self._load_other_apps()
        self._print_logins()

    def _load_other_apps(self) -> None:
        """Crisis periods, posts and removal requests, each loaded once (their modules say what)."""
        now = timezone.now()
        with override_settings(EMAIL_BACKEND=HELD_BACK), transaction.atomic():
            incidents_demo.load_demo(now)
            self.stdout.write("Posts: " + publishing_demo.load_demo(now) + ".")
            self.stdout.write("Removal requests: " + data_requests_demo.load_demo(now) + ".")

    # --- users -----------------------------------------------------------------------------

    def _users(self, domain: str) -> dict[str, User]:
        users: dict[str, User] = {}
        for username, name, roles, manager, team, _ in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_services.user_create(
                    actor=None,
                    username=username,
                    password=DEMO_PASSWORD,
                    email=f"{username}@{domain}",
                    display_name=name,
                    team=team,
                    line_manager=users.get(manager) if manager else None,
                    roles=roles,
                )
            else:
                user_services.user_roles_set(actor=None, user=user, roles=roles)
            users[username] = user
        return users

    def _print_logins(self) -> None:
        self.stdout.write("")
        # `make run PORT=...` passes the address it serves on; the default is runserver's.
        base = (settings.BLUELAMP_PUBLIC_BASE_URL or "http://127.0.0.1:8000").rstrip("/")
        self.stdout.write(f"Demo sign-ins at {base}/ (password for all: {DEMO_PASSWORD}):")
        for username, name, roles, _, _, what in DEMO_USERS:
            role_text = ", ".join(r.label for r in roles)
            self.stdout.write(f"  {username:<9} {name:<34} {role_text}")
            self.stdout.write(f"  {'':<9} {what}")

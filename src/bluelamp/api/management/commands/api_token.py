"""`bluelamp manage api_token create|list|revoke`: API tokens from the command line, e.g. for
a service account that another tool uses. Acts as the system; each change is audited."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bluelamp.api import services
from bluelamp.api.models import ApiToken
from bluelamp.core.errors import ApplicationError
from bluelamp.core.models import User


class Command(BaseCommand):
    help = "Create, list or revoke API tokens. A new token is printed once and stored hashed."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token for USERNAME and print it")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="what the token is for")
        create.add_argument(
            "--days",
            type=int,
            default=services.DEFAULT_LIFETIME_DAYS,
            help=f"how long it lasts (default {services.DEFAULT_LIFETIME_DAYS}, "
            f"at most {services.MAX_LIFETIME_DAYS})",
        )
        listing = sub.add_parser("list", help="list the tokens of USERNAME (or of everyone)")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="revoke the token starting blp_PREFIX_")
        revoke.add_argument("prefix", help="the 12 characters after blp_")

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except ApplicationError as exc:
            details = "; ".join(
                f"{field}: {' '.join(messages)}"
                for field, messages in exc.fields.get("errors", {}).items()
            )
            raise CommandError(f"{exc.message} {details}".strip()) from None

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user called {username!r}")
        return user

    def _create(self, *, username: str, name: str, days: int, **_):
        created = services.api_token_create(
            actor=None, user=self._user(username), name=name, lifetime_days=days
        )
        expires = timezone.localtime(created.token.expires_at)
        self.stderr.write(
            f"Token {created.token.name!r} for {username}, expires {expires:%Y-%m-%d %H:%M}. "
            "Copy it now: it is not shown again."
        )
        self.stdout.write(created.secret)

    def _list(self, *, username: str | None = None, **_):
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if username:
            tokens = tokens.filter(user=self._user(username))
        now = timezone.now()
        for token in tokens:
            if token.revoked_at:
                status = "revoked"
            elif token.expires_at <= now:
                status = "expired"
            else:
                status = "active"
            used = f"{token.last_used_at:%Y-%m-%d}" if token.last_used_at else "never"
            self.stdout.write(
                f"blp_{token.prefix}_  {token.user.username:<16} {status:<8} "
                f"expires {token.expires_at:%Y-%m-%d}  last used {used}  {token.name}"
            )

    def _revoke(self, *, prefix: str, **_):
        prefix = prefix.removeprefix("blp_").rstrip("_")[:12]
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        if token is None:
            raise CommandError(f"no token starts blp_{prefix}_")
        services.api_token_revoke(actor=None, token=token)
        self.stdout.write(f"Revoked blp_{prefix}_ ({token.name}, {token.user.username}).")

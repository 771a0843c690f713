"""``bluelamp manage archive_import FILE``: import published posts into the archive (CC/01 4.4,
4.26): posts made before Bluelamp, or in a platform's own app.

FILE (``-`` for standard input) is JSON Lines, one post a line::

    {"account": {"platform": "x", "handle": "WMPDudley"}, "text": "...",
     "published_at": "2025-03-01T09:30:00Z", "platform_post_id": "1897...",
     "url": "https://x.com/WMPDudley/status/1897...", "author": "PC 123 Jo Bloggs"}

With ``--platform`` and ``--account-handle`` the lines may leave ``account`` out. Each post is
checked by the rules and audited; the whole file is one transaction: a bad line stops the import,
naming the line and what is wrong, and nothing is imported. Posts already in the archive are
skipped and counted. The logic is ``publishing.archive.archive_import``."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from bluelamp.core.errors import ApplicationError
from bluelamp.core.models import User
from bluelamp.publishing import archive, errors
from bluelamp.social_accounts.selectors import account_find


class Command(BaseCommand):
    help = "Import published posts (JSON Lines) into the archive, all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="JSON Lines file of posts, or - for standard input")
        parser.add_argument(
            "--platform", help="The platform of --account-handle (x, facebook, instagram ...)"
        )
        parser.add_argument(
            "--account-handle",
            help="The account of every line that does not name one (needs --platform)",
        )
        parser.add_argument(
            "--actor",
            help="Username of the Corporate Communications member importing (default: system)",
        )

    def handle(self, *args, **options) -> None:
        default_account = None
        platform, handle = options.get("platform"), options.get("account_handle")
        if bool(platform) != bool(handle):
            raise CommandError("Give --platform and --account-handle together.")
        if handle:
            default_account = account_find(platform=platform.lower(), handle=handle)
            if default_account is None:
                raise CommandError(f"There is no {platform} account @{handle.lstrip('@')}.")
        actor = None
        if options.get("actor"):
            actor = User.objects.filter(username=options["actor"], is_active=True).first()
            if actor is None:
                raise CommandError(f"There is no active user {options['actor']!r}.")
        path = options["file"]
        try:
            stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            result = archive.archive_import(stream, actor=actor, default_account=default_account)
        except errors.ArchiveImportError as error:
            for problem in error.fields["problems"]:
                self.stderr.write(f"{path}: line {problem['line']}: {problem['error']}")
            more = error.fields.get("more_problems")
            if more:
                self.stderr.write(f"{path}: … and {more} more")
            raise CommandError("Nothing was imported.") from None
        except ApplicationError as error:
            raise CommandError(error.message) from None
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        for line, why in result.skipped:
            self.stdout.write(f"line {line}: skipped, {why}")
        self.stdout.write(
            f"Imported {len(result.imported)} post{'s' if len(result.imported) != 1 else ''}; "
            f"skipped {len(result.skipped)} already in the archive."
        )

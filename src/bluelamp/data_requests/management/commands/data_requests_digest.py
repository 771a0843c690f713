"""``manage.py data_requests_digest [--date YYYY-MM-DD]``: e-mail information security what is
due within 3 working days or overdue. Run daily by cron or the worker; running it again on the
same day sends nothing."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bluelamp.data_requests.services.digest import removal_request_digest_send
from bluelamp.engine import deadlines


class Command(BaseCommand):
    help = "E-mail information security the removal requests due soon or overdue (once a day)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date",
            help="The day to report on, YYYY-MM-DD (default: today in Europe/London).",
        )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date {options['date']!r} is not YYYY-MM-DD") from None
        else:
            day = deadlines.london_date(now)
        run = removal_request_digest_send(today=day, now=now)
        if run is None:
            self.stdout.write(f"The digest for {day.isoformat()} was already sent.")
        else:
            self.stdout.write(
                f"Digest for {day.isoformat()} recorded: {run.request_count} request(s) due."
            )

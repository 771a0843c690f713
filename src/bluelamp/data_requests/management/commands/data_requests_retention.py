"""``manage.py data_requests_retention``: delete requesters' details from requests closed longer
ago than the policy pack's ``requester_retention_years`` (default 6), auditing each deletion.
Run daily by cron or the worker; running it again deletes nothing more."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bluelamp.core.policy import policy_pack
from bluelamp.data_requests.services.retention import removal_request_retention_purge
from bluelamp.engine import deadlines

DEFAULT_YEARS = 6


class Command(BaseCommand):
    help = "Delete requesters' details once the retention period after closure has passed."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--years",
            type=int,
            help="Override the policy pack's requester_retention_years.",
        )
        parser.add_argument(
            "--date",
            help="Run as at the end of this day, YYYY-MM-DD (default: now).",
        )

    def handle(self, *args, **options) -> None:
        years = options["years"] or policy_pack().thresholds.get(
            "requester_retention_years", DEFAULT_YEARS
        )
        now = timezone.now()
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date {options['date']!r} is not YYYY-MM-DD") from None
            now = dt.datetime.combine(day, dt.time(23, 59), tzinfo=deadlines.LONDON)
        purged = removal_request_retention_purge(now=now, retention_years=years)
        self.stdout.write(
            f"Requester details deleted from {len(purged)} request(s) closed over {years} years ago."
        )

"""`manage.py audit_verify`: recompute the audit hash chain; exit 1 if it is broken."""

import json

from django.core.management.base import BaseCommand, CommandError

from bluelamp.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Recompute the audit trail's hash chain and report the first edited, deleted or "
        "inserted event. Exits 0 when the chain is intact, 1 when it is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the report as JSON"
        )

    def handle(self, *args, as_json: bool = False, **options):
        report = audit_chain_verify()
        if as_json:
            self.stdout.write(json.dumps(report.as_dict()))
        elif report.intact:
            self.stdout.write(report.describe())
        if not report.intact:
            raise CommandError(report.describe(), returncode=1)

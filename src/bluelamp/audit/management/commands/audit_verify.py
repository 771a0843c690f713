"""`manage.py audit_verify`: check the audit trail (triggers, HMAC chain, checkpoints); exit 1
if it was changed."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bluelamp.audit.checkpoints import lines_of
from bluelamp.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Check the audit trail's triggers, hash chain and signed checkpoints, and report the "
        "first fault. Exits 0 when the trail is intact, 1 when it is not."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the report as JSON"
        )
        parser.add_argument(
            "--checkpoints",
            metavar="FILE",
            action="append",
            default=[],
            help="a file of checkpoint lines kept outside the database",
        )

    def handle(self, *args, as_json: bool = False, checkpoints=(), **options):
        lines = [item for name in checkpoints for item in lines_of(Path(name))]
        report = audit_chain_verify(checkpoint_lines=lines)
        if as_json:
            self.stdout.write(json.dumps(report.as_dict()))
        elif report.intact:
            self.stdout.write(report.describe())
        if not report.intact:
            raise CommandError(report.describe(), returncode=1)

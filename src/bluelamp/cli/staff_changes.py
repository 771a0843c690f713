"""`bluelamp staff-changes FILE --as USERNAME`: apply a CSV of leavers and movers (CC/01 4.18)
from the force's HR system, as a member of Corporate Communications.

The whole file is checked first; each error names its line and column, and if there is any,
nothing is applied (exit 1). Otherwise each person comes off every roster (a rotation task is
set for each account) and an account they own is handed to their line manager. Exit status: 0
applied, 1 refused (bad file, or the user may not), 2 usage or configuration error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bluelamp.cli import EXIT_BLOCKED, EXIT_OK, EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
    except ConfigError as exc:
        print(f"bluelamp: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from bluelamp.account_security.services.staff_changes import staff_changes_apply
    from bluelamp.core.errors import ApplicationError
    from bluelamp.core.models import User

    path = Path(args.file)
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else path.read_bytes()
    except OSError as exc:
        print(f"bluelamp staff-changes: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    actor = User.objects.filter(username=args.actor, is_active=True).first()
    if actor is None:
        print(f"bluelamp staff-changes: no active user {args.actor!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        batch = staff_changes_apply(actor=actor, text=data, source=path.name)
    except ApplicationError as error:
        print(f"bluelamp staff-changes: {error.message}", file=sys.stderr)
        for messages in (error.fields.get("errors") or {}).values():
            for message in messages:
                print(f"  {message}", file=sys.stderr)
        return EXIT_BLOCKED
    for change in batch.changes:
        handed = ", ".join(f"account {h['account']} to {h['to']}" for h in change["handed_over"])
        print(
            f"line {change['line']}: {change['username']} ({change['change']}): off "
            f"{len(change['removed_from'])} roster(s)"
            + (f"; handed over {handed}" if handed else "")
        )
    print(f"bluelamp staff-changes: {len(batch.rows)} people applied.")
    return EXIT_OK


def register(sub) -> None:
    parser = sub.add_parser(
        "staff-changes",
        help="apply a CSV of leavers and movers to the rosters (CC/01 4.18)",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("file", help="the CSV file (username,change,team), or - for stdin")
    parser.add_argument(
        "--as",
        dest="actor",
        required=True,
        metavar="USERNAME",
        help="the member of Corporate Communications applying it (audited as them)",
    )
    parser.set_defaults(func=_run)

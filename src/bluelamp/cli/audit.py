"""`bluelamp audit verify`: recompute the audit trail's hash chain.

Exit status 0 when the chain is intact, 1 when it is broken (the first edited, deleted or
inserted event is named), 2 when the settings or database cannot be used."""

from __future__ import annotations

import argparse
import json
import sys

EXIT_INTACT = 0
EXIT_BROKEN = 1
EXIT_ERROR = 2


def _verify(args: argparse.Namespace) -> int:
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
        from bluelamp.audit.selectors import audit_chain_verify

        report = audit_chain_verify()
    except ConfigError as exc:
        print(f"bluelamp audit: configuration error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a database that cannot be read: say so, do not report "intact"
        print(f"bluelamp audit: cannot read the audit trail: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        print(json.dumps(report.as_dict()))
    else:
        print(report.describe(), file=sys.stdout if report.intact else sys.stderr)
    return EXIT_INTACT if report.intact else EXIT_BROKEN


def register(sub) -> None:
    parser = sub.add_parser(
        "audit",
        help="check the web application's audit trail",
        description="Work with the web application's audit trail (uses DATABASE_URL).",
    )
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION")
    actions.required = True
    verify = actions.add_parser(
        "verify",
        help="recompute the hash chain; exit 1 and name the first bad event if it is broken",
        description="Recompute every audit event's hash from its contents and the event before "
        "it. Reports the first event that was edited, deleted or inserted, with its sequence "
        "number. Exit status: 0 intact, 1 broken, 2 cannot check.",
    )
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.set_defaults(func=_verify)

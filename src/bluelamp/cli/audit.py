"""`bluelamp audit verify` and `bluelamp audit checkpoint`.

``verify`` checks the append-only triggers, every event's HMAC, and every signed checkpoint
(the service's own checkpoint file and any given with --checkpoints). Exit status 0 when the
trail is intact, 1 when it is not (the first fault is named), 2 when the settings or database
cannot be used.

``checkpoint`` signs a checkpoint of the chain head, appends it to the service's checkpoint file
and prints it: one line for an auditor to keep where the database's administrators cannot
reach it, and to hand back to ``verify --checkpoints`` later."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_INTACT = 0
EXIT_BROKEN = 1
EXIT_ERROR = 2

DEVELOPMENT_WARNING = (
    "bluelamp audit: warning: development keys in use (derived from DJANGO_SECRET_KEY); "
    "set BLUELAMP_AUDIT_KEYS and BLUELAMP_AUDIT_CHECKPOINT_KEYS in live service."
)


def _setup() -> str | None:
    """Set Django up; the error to print, or None."""
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
    except ConfigError as exc:
        return f"bluelamp audit: configuration error: {exc}"
    return None


def _warn_if_development() -> None:
    from bluelamp.audit.keys import development_keys_in_use

    if development_keys_in_use():
        print(DEVELOPMENT_WARNING, file=sys.stderr)


def _checkpoint_lines(paths: list[str]) -> list[tuple[str, str]]:
    from bluelamp.audit.checkpoints import lines_of

    lines: list[tuple[str, str]] = []
    for name in paths:
        if name == "-":
            lines += [(f"standard input line {n}", x) for n, x in enumerate(sys.stdin, 1)]
        else:
            lines += list(lines_of(Path(name)))
    return [(source, line) for source, line in lines if line.strip()]


def _verify(args: argparse.Namespace) -> int:
    error = _setup()
    if error:
        print(error, file=sys.stderr)
        return EXIT_ERROR
    try:
        lines = _checkpoint_lines(args.checkpoints or [])
    except OSError as exc:
        print(f"bluelamp audit: cannot read the checkpoints: {exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        from bluelamp.audit.selectors import audit_chain_verify

        report = audit_chain_verify(checkpoint_lines=lines)
    except Exception as exc:  # a database that cannot be read: say so, do not report "intact"
        print(f"bluelamp audit: cannot read the audit trail: {exc}", file=sys.stderr)
        return EXIT_ERROR
    _warn_if_development()
    if args.json:
        print(json.dumps(report.as_dict()))
    else:
        print(report.describe(), file=sys.stdout if report.intact else sys.stderr)
    return EXIT_INTACT if report.intact else EXIT_BROKEN


def _checkpoint(args: argparse.Namespace) -> int:
    error = _setup()
    if error:
        print(error, file=sys.stderr)
        return EXIT_ERROR
    from bluelamp.audit import keys

    _warn_if_development()
    if args.public_key:
        for fingerprint, public_key in keys.checkpoint_public_keys().items():
            print(f"{fingerprint} {keys.public_key_text(public_key)}")
        return EXIT_INTACT
    try:
        from bluelamp.audit.services import audit_checkpoint_write

        line = audit_checkpoint_write()
    except Exception as exc:
        print(f"bluelamp audit: cannot write a checkpoint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(line)
    return EXIT_INTACT


def register(sub) -> None:
    parser = sub.add_parser(
        "audit",
        help="check the web application's audit trail, or take a checkpoint of it",
        description="Work with the web application's audit trail (uses DATABASE_URL and the "
        "audit keys in BLUELAMP_AUDIT_KEYS and BLUELAMP_AUDIT_CHECKPOINT_KEYS).",
    )
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION")
    actions.required = True
    verify = actions.add_parser(
        "verify",
        help="check the trail; exit 1 and name the first fault if it was changed",
        description="Check that the append-only triggers are in place, recompute every audit "
        "event's HMAC from its contents and the event before it, and check every signed "
        "checkpoint (the service's checkpoint file and any given) against the chain. Reports "
        "the first event that was edited, deleted or inserted, with its sequence number, or "
        "the checkpoint the chain no longer matches. Exit status: 0 intact, 1 broken, "
        "2 cannot check.",
    )
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.add_argument(
        "--checkpoints",
        metavar="FILE",
        action="append",
        help="a file of checkpoint lines kept outside the database (- for standard input); "
        "may be given more than once",
    )
    verify.set_defaults(func=_verify)
    checkpoint = actions.add_parser(
        "checkpoint",
        help="sign a checkpoint of the chain head, append it to the checkpoint file, print it",
        description="Sign a checkpoint of the audit chain's head (sequence, hash, time) with "
        "the checkpoint key, append it to BLUELAMP_AUDIT_CHECKPOINT_FILE and print it: keep the "
        "line somewhere the database's administrators cannot change, and give it back to "
        "`bluelamp audit verify --checkpoints FILE`.",
    )
    checkpoint.add_argument(
        "--public-key",
        action="store_true",
        help="print the checkpoint keys' public halves (fingerprint and key) instead",
    )
    checkpoint.set_defaults(func=_checkpoint)

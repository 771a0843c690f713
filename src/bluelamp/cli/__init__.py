"""The `bluelamp` command. Each subcommand lives in its own module with a ``register``
function that adds its parser and sets ``func`` (which returns the exit status)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# Exit statuses shared by every subcommand.
EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_USAGE = 2

SUBCOMMANDS = (
    "check",
    "rules",
    "policy",
    "eval",
    "eval_real",
    "deadlines",
    "audit",
    "vault",
    "manage",
    "worker",
    "staff_changes",
    "archive",
    "backup",
    "spoofs",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors exit 2, as the spec says
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"bluelamp: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bluelamp",
        description="Bluelamp: social media run the way the force's policy (CC/01) says.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from bluelamp.engine.stat import stage

    # BLUELAMP_STATISTICAL_STAGE=off: no statistical stage after the patterns (on by default).
    stage.configure(os.environ)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `bluelamp check --jsonl big | head` is normal use
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

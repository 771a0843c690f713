"""What the subcommands share: choosing the policy pack, reporting errors, terminal colour."""

from __future__ import annotations

import argparse
import os
import sys

from bluelamp.engine.policy_pack import PackError, PolicyPack, load_pack

#: Environment variable naming the pack to use when --pack is not given.
PACK_ENV = "BLUELAMP_POLICY_PACK"


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack",
        metavar="PATH",
        help=f"policy pack file to use (default: ${PACK_ENV}, else the CC/01 v2.1 pack)",
    )


def load_pack_or_none(args: argparse.Namespace, command: str) -> PolicyPack | None:
    """The pack named by --pack or the environment; prints the error and returns None if bad."""
    path = getattr(args, "pack", None) or os.environ.get(PACK_ENV) or None
    try:
        return load_pack(path)
    except PackError as exc:
        error(command, str(exc))
        return None


def error(command: str, message: str) -> None:
    print(f"bluelamp {command}: error: {message}", file=sys.stderr)


class Style:
    """ANSI colour when writing to a terminal (and NO_COLOR is unset), plain text otherwise."""

    def __init__(self, stream) -> None:
        self.on = stream.isatty() and "NO_COLOR" not in os.environ

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text

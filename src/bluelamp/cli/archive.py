"""`bluelamp archive read PATH [--jsonl]`, `bluelamp archive import --account PLATFORM:HANDLE
PATH` and `bluelamp archive export` (the disclosure export, ``bluelamp.disclosure.command``):
the platforms' own exports (X "Your archive", Facebook's and Instagram's "Download your
information"), read by ``bluelamp.engine.exports``.

``read`` needs no database: it prints what the readers found, one line per item (JSON with
``--jsonl``), and a summary on standard error. ``import`` adds the posts to the web
application's archive (``publishing.importing``), checked by the rules, all or nothing.
Exit status 0 when done, 2 for bad input (the file and the place are named) or usage."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from bluelamp.cli import EXIT_OK, EXIT_USAGE
from bluelamp.cli.common import error
from bluelamp.engine.exports import ExportError, ExportItem, detect, read_export


@dataclass
class Summary:
    format: str = ""
    items: int = 0
    with_text: int = 0
    deleted: int = 0
    reposts: int = 0
    media: int = 0
    located: int = 0
    problems: int = 0

    def add(self, item: ExportItem) -> None:
        self.items += 1
        self.with_text += bool(item.text)
        self.deleted += item.deleted_at is not None
        self.reposts += item.repost_of is not None
        self.media += len(item.media)
        self.located += bool(item.gps or any(m.gps for m in item.media))

    def line(self) -> str:
        return (
            f"format {self.format}: {self.items} items, {self.with_text} posts with text, "
            f"{self.deleted} deleted, {self.reposts} reposts, {self.media} media "
            f"({self.located} items with a location), {self.problems} problems"
        )


def _human(item: ExportItem) -> str:
    marks = []
    if item.deleted_at:
        marks.append(f"deleted {item.deleted_at.isoformat()}")
    if item.repost_of:
        marks.append(f"repost of {item.repost_of}")
    if item.quote_of:
        marks.append(f"quotes {item.quote_of}")
    if item.reply_to:
        marks.append(f"reply to {item.reply_to}")
    if item.media:
        marks.append(f"{len(item.media)} media")
    text = item.text.replace("\n", " ")
    text = text if len(text) <= 100 else text[:99] + "…"
    head = f"{item.created_at.isoformat()} {item.platform_id or '-'}"
    return f"{head} [{'; '.join(marks)}] {text}" if marks else f"{head} {text}"


def _read(args: argparse.Namespace) -> int:
    summary = Summary()
    out = sys.stdout
    try:
        summary.format = detect(args.path)
        for item in read_export(args.path):
            summary.add(item)
            if args.jsonl:
                out.write(json.dumps(item.as_json(), ensure_ascii=False) + "\n")
            else:
                out.write(_human(item) + "\n")
    except ExportError as exc:
        out.flush()
        summary.problems += 1
        error("archive read", str(exc))
        print(summary.line(), file=sys.stderr)
        return EXIT_USAGE
    out.flush()
    print(summary.line(), file=sys.stderr)
    return EXIT_OK


def _account(value: str) -> tuple[str, str]:
    platform, sep, handle = value.partition(":")
    if not sep or not platform.strip() or not handle.strip().lstrip("@"):
        raise argparse.ArgumentTypeError("give the account as PLATFORM:HANDLE, e.g. x:WMPDudley")
    return platform.strip().lower(), handle.strip().lstrip("@")


def _import(args: argparse.Namespace) -> int:
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
    except ConfigError as exc:
        error("archive import", f"configuration error: {exc}")
        return EXIT_USAGE
    from bluelamp.publishing.importing import import_command

    return import_command(
        path=args.path,
        account=args.account,
        actor_username=args.actor,
        progress=sys.stderr.isatty() and not args.quiet,
    )


def _export(args: argparse.Namespace) -> int:
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
    except ConfigError as exc:
        error("archive export", f"configuration error: {exc}")
        return EXIT_USAGE
    from bluelamp.disclosure.command import export_command

    return export_command(
        account=args.account,
        search=args.search,
        date_from=args.date_from,
        date_to=args.date_to,
        format=args.format,
        output=args.output,
        actor_username=args.actor,
    )


def register(sub) -> None:
    parser = sub.add_parser(
        "archive",
        help="read or import the platforms' own exports (X, Facebook, Instagram)",
        description="Read the archives people download from X, Facebook and Instagram, or import "
        "them into the web application's archive.",
    )
    actions = parser.add_subparsers(dest="archive_command", metavar="ACTION")
    actions.required = True
    read = actions.add_parser(
        "read",
        help="print every post an export holds, and a summary",
        description="Print every item the export holds (posts, replies, reposts, shares and "
        "check-ins; items without text have empty text) and a summary line on standard error. "
        "PATH is the zip the platform gave, its unpacked folder, or one of its files. Exit "
        "status: 0 read, 2 bad input (the file and the place are named).",
    )
    read.add_argument("path", metavar="PATH")
    read.add_argument("--jsonl", action="store_true", help="one JSON object per item")
    read.set_defaults(func=_read)
    imp = actions.add_parser(
        "import",
        help="import an export into the archive, checked by the rules, all or nothing",
        description="Import every post of the export into the archive of one account. Posts "
        "already there are skipped, so an interrupted import can be run again. A bad or "
        "truncated export imports nothing. Exit status: 0 imported, 2 refused.",
    )
    imp.add_argument("path", metavar="PATH")
    imp.add_argument(
        "--account",
        required=True,
        type=_account,
        metavar="PLATFORM:HANDLE",
        help="the account in the registry the posts belong to, e.g. x:WMPDudley",
    )
    imp.add_argument(
        "--actor",
        help="username of the Corporate Communications member importing (default: system)",
    )
    imp.add_argument("--quiet", action="store_true", help="no progress bar")
    imp.set_defaults(func=_import)
    exp = actions.add_parser(
        "export",
        help="export an account's posts with findings and history (disclosure, FOI)",
        description="Write every archived post of the account (or whose text holds every "
        "search word) published from --from to --to (whole days, UK time, both included), with "
        "its findings, versions, approvals, removals, corrections, removal requests, reviews, "
        "appeal cases and audit history, as CSV, JSON or PDF. The export is recorded in the "
        "audit trail. Exit status: 0 written, 2 refused (the option named).",
    )
    exp.add_argument("--account", metavar="PLATFORM:HANDLE", default="", help="e.g. x:WMPDudley")
    exp.add_argument("--search", metavar="WORDS", default="", help="words every post must hold")
    exp.add_argument("--from", dest="date_from", metavar="DATE", default="", help="YYYY-MM-DD")
    exp.add_argument("--to", dest="date_to", metavar="DATE", default="", help="YYYY-MM-DD")
    exp.add_argument("--format", default="", metavar="csv|json|pdf", help="the file's format")
    exp.add_argument("--output", metavar="FILE", help="write here (default: standard output)")
    exp.add_argument(
        "--actor",
        help="username of the person exporting, who must be allowed to (default: the login "
        "on this machine, recorded as the command line)",
    )
    exp.set_defaults(func=_export)

"""`bluelamp check`: the policy's verdict on a post, or on a stream of posts (JSON Lines)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO

from bluelamp.cli import EXIT_BLOCKED, EXIT_OK, EXIT_USAGE
from bluelamp.cli.common import Style, add_pack_option, error, load_pack_or_none
from bluelamp.engine.model import (
    KINDS,
    PLATFORMS,
    TIERS,
    InputError,
    Media,
    Post,
    Report,
    Severity,
    post_from_dict,
)
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules import check_post, registry

_VERDICT_STYLE = {
    "block": "1;31",
    "review": "1;33",
    "record": "1;36",
    "advise": "1;34",
    "pass": "1;32",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "check",
        help="check a post (or a JSON Lines file of posts) against the policy",
        description=(
            "Check a post against every content rule of the policy. Exit status: 0 when no "
            "post is blocked, 1 when at least one is, 2 for a usage or input error."
        ),
    )
    p.add_argument("text", nargs="?", help="the post's text")
    p.add_argument("--jsonl", metavar="FILE", help="check one JSON post per line ('-' for stdin)")
    p.add_argument("--tier", choices=TIERS, default="individual", help="the account's tier")
    p.add_argument("--kind", choices=KINDS, default="post", help="the kind of post")
    p.add_argument("--handle", help="the account's handle")
    p.add_argument(
        "--platform", choices=PLATFORMS, help="where it will be published (checks its length limit)"
    )
    p.add_argument("--image", action="append", default=[], metavar="PATH", help="an attached image")
    p.add_argument("--election-period", action="store_true", help="an election period is on")
    p.add_argument("--major-incident", action="store_true", help="a major incident is declared")
    p.add_argument(
        "--authorised",
        action="append",
        default=[],
        metavar="RULE",
        help="an approval already granted for this post (e.g. live-broadcast)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    add_pack_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if (args.text is None) == (args.jsonl is None):
        error("check", "give the post's text, or --jsonl FILE (not both)")
        return EXIT_USAGE
    unknown = [a for a in args.authorised if a not in registry]
    if unknown:
        error("check", f"--authorised {unknown[0]!r} is not a rule id (see `bluelamp rules`)")
        return EXIT_USAGE
    pack = load_pack_or_none(args, "check")
    if pack is None:
        return EXIT_USAGE
    if args.jsonl is not None:
        return _run_jsonl(args.jsonl, pack)
    if not args.text.strip():
        error("check", "the post's text is empty")
        return EXIT_USAGE
    post = Post(
        text=args.text,
        tier=args.tier,
        kind=args.kind,
        handle=args.handle,
        media=tuple(Media(path=p) for p in args.image),
        election_period=args.election_period,
        major_incident=args.major_incident,
        authorisations=frozenset(args.authorised),
        platform=args.platform,
    )
    try:
        report = check_post(post, pack)
    except InputError as exc:
        error("check", str(exc))
        return EXIT_USAGE
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(render(post.text, report, Style(sys.stdout)))
    return EXIT_BLOCKED if report.verdict is Severity.BLOCK else EXIT_OK


def check_line(raw: bytes, number: int, pack: PolicyPack) -> tuple[dict, int]:
    """One input line to one output object, and the exit status it calls for."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return {"line": number, "error": f"not valid UTF-8 (byte {exc.start + 1})"}, EXIT_USAGE
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"line": number, "error": f"not JSON: {exc.msg} (column {exc.colno})"}, EXIT_USAGE
    try:
        post = post_from_dict(data)
        report = check_post(post, pack)
    except InputError as exc:
        out = {"line": number, "error": str(exc)}
        if isinstance(data, dict) and isinstance(data.get("id"), (str, int)):
            out["id"] = str(data["id"])
        return out, EXIT_USAGE
    return report.to_dict(), EXIT_BLOCKED if report.verdict is Severity.BLOCK else EXIT_OK


def _run_jsonl(source: str, pack: PolicyPack) -> int:
    try:
        stream: IO[bytes] = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        error("check", f"{source}: {exc.strerror}")
        return EXIT_USAGE
    status = EXIT_OK
    out = sys.stdout
    with stream, _progress(stream, source) as progress:
        for number, raw in enumerate(stream, start=1):
            progress(len(raw))
            raw = raw.rstrip(b"\r\n")
            if not raw.strip():
                continue  # blank lines are allowed between posts
            result, line_status = check_line(raw, number, pack)
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            if line_status == EXIT_USAGE or status == EXIT_USAGE:
                status = EXIT_USAGE
            else:
                status = max(status, line_status)
    return status


class _progress:
    """A progress bar on stderr for a large file, only when stderr is a terminal."""

    def __init__(self, stream, source: str) -> None:
        self.bar = None
        if source != "-" and sys.stderr.isatty():
            import os

            size = os.fstat(stream.fileno()).st_size
            if size > 1_000_000:
                import shutil

                from tqdm import tqdm

                # A terminal that reports no size (some ptys) would get no bar at all.
                size_now = os.get_terminal_size(sys.stderr.fileno())
                fallback = shutil.get_terminal_size((80, 24))
                self.bar = tqdm(
                    total=size,
                    unit="B",
                    unit_scale=True,
                    file=sys.stderr,
                    ncols=min(size_now.columns or fallback.columns, 100),
                    nrows=size_now.lines or fallback.lines,
                )

    def __enter__(self):
        return self.bar.update if self.bar else (lambda n: None)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.close()


def render(text: str, report: Report, style: Style) -> str:
    """The report for a person: the verdict, then each finding with its words highlighted."""
    verdict = report.verdict.label
    lines = [style(f"{verdict.upper()}", _VERDICT_STYLE[verdict]) + _verdict_note(report)]
    for f in report.findings:
        rule = registry.get(f.rule)
        lines.append("")
        lines.append(
            f"  {style(f.severity.label.upper(), _VERDICT_STYLE[f.severity.label])}  "
            f"{style(f.rule, '1')}  (CC/01 {f.clause}{'; ' + rule.law if rule.law else ''})"
        )
        lines.append(f"    {f.message}")
        if f.start is not None:
            lines.append("    " + _highlight(text, f.start, f.end, style))
    return "\n".join(lines)


def _verdict_note(report: Report) -> str:
    n = len(report.findings)
    notes = {
        Severity.BLOCK: "must not be published as it stands",
        Severity.REVIEW: "needs approval before publishing",
        Severity.RECORD: "may be published; record it on the incident log",
        Severity.ADVISE: "may be published; see the advice",
        Severity.PASS: "no rule applies",
    }
    found = f" — {n} finding{'s' if n != 1 else ''}" if n else ""
    return f": {notes[report.verdict]}{found}"


def _highlight(text: str, start: int, end: int, style: Style, context: int = 40) -> str:
    lo = max(0, start - context)
    hi = min(len(text), end + context)
    before = ("…" if lo else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    marked = style(text[start:end], "1;4;31") if style.on else f"[{text[start:end]}]"
    return " ".join((before + marked + after).split())

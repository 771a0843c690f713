"""`bluelamp policy`: the policy's clauses and how Bluelamp enforces each one (the coverage
table), with a warning at the top when the policy is past its review date."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import textwrap
from collections import Counter
from typing import Any

from bluelamp.cli import EXIT_OK, EXIT_USAGE
from bluelamp.cli.common import add_pack_option, load_pack_or_none
from bluelamp.engine.policy_pack import (
    ENFORCEMENT_KINDS,
    PolicyPack,
    review_notice,
)


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "policy",
        help="the policy's clauses and how Bluelamp enforces each (coverage table)",
        description=(
            "Print every clause of the force's policy with how Bluelamp enforces it: a content "
            "rule, a workflow, a record, or guidance. With -v, also the artefacts that carry "
            "each clause (rules, workflow tables, pages, commands, records). Warns when the "
            "policy is past its review date."
        ),
    )
    p.add_argument("--json", action="store_true", help="print a JSON object instead of a table")
    add_pack_option(p)
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_date_arg,
        help="the date to check the review date against (default: today)",
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also print each clause's summary, how it is enforced and what carries it",
    )
    p.set_defaults(func=run)


def counts(pack: PolicyPack) -> dict[str, int]:
    """How many clauses each kind of enforcement covers (a clause may count under several)."""
    found = Counter(kind for clause in pack.clauses for kind in clause.enforcement)
    return {kind: found.get(kind, 0) for kind in ENFORCEMENT_KINDS}


def as_json(pack: PolicyPack, today: dt.date) -> dict[str, Any]:
    return {
        "pack": {
            "id": pack.id,
            "force": pack.force,
            "policy": pack.policy,
            "reference": pack.reference,
            "version": pack.version,
            "effective": pack.effective.isoformat(),
            "review_date": pack.review_date.isoformat(),
            "review_overdue": pack.review_overdue(today),
            "review_notice": review_notice(pack, today),
            "today": today.isoformat(),
            "source": pack.source,
        },
        "clauses": [
            {
                "id": c.id,
                "title": c.title,
                "summary": c.summary,
                "enforcement": list(c.enforcement),
                "how": c.how,
                "rules": list(c.rules),
                "artefacts": list(c.artefacts),
            }
            for c in pack.clauses
        ],
        "counts": counts(pack),
    }


def summary_line(pack: PolicyPack) -> str:
    n = counts(pack)
    parts = ", ".join(f"{kind} {n[kind]}" for kind in ENFORCEMENT_KINDS)
    return (
        f"{len(pack.clauses)} clauses. Enforced by {parts} "
        "(a clause may be enforced in more than one way)."
    )


def render_table(pack: PolicyPack, today: dt.date, width: int = 100, verbose: bool = False) -> str:
    lines: list[str] = []
    notice = review_notice(pack, today)
    if notice:
        lines += [f"WARNING: {notice}", ""]
    lines.append(f"{pack.force} — {pack.policy}, version {pack.version}")
    lines.append(
        f"Effective {pack.effective:%d %b %Y}; review date {pack.review_date:%d %b %Y}. "
        f"Pack {pack.id}."
    )
    lines.append("")
    w_id = max(len("Clause"), *(len(c.id) for c in pack.clauses))
    w_title = min(44, max(len("Title"), *(len(c.title) for c in pack.clauses)))
    w_enf = max(len("Enforced by"), *(len(", ".join(c.enforcement)) for c in pack.clauses))
    indent = w_id + w_title + w_enf + 6
    w_rules = max(24, width - indent)
    header = f"{'Clause':<{w_id}}  {'Title':<{w_title}}  {'Enforced by':<{w_enf}}  Rules"
    lines += [header, "-" * min(width, max(len(header), indent + w_rules))]
    for c in pack.clauses:
        title = c.title if len(c.title) <= w_title else c.title[: w_title - 1] + "…"
        rules = textwrap.wrap(", ".join(c.rules), w_rules, break_on_hyphens=False) or ["—"]
        lines.append(
            f"{c.id:<{w_id}}  {title:<{w_title}}  {', '.join(c.enforcement):<{w_enf}}  {rules[0]}"
        )
        lines += [" " * indent + more for more in rules[1:]]
        if verbose:
            pad = " " * (w_id + 2)
            carried = ", ".join(c.artefacts) or "nothing in Bluelamp (guidance only)"
            for label, text in (("", c.summary), ("How: ", c.how), ("Carried by: ", carried)):
                lines += textwrap.wrap(
                    label + text,
                    max(40, width - len(pad)),
                    initial_indent=pad,
                    subsequent_indent=pad,
                )
            lines.append("")
    lines += ["", summary_line(pack)]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    pack = load_pack_or_none(args, "policy")
    if pack is None:
        return EXIT_USAGE
    today = args.today or dt.date.today()  # the CLI reads the clock; the engine never does
    if args.json:
        print(json.dumps(as_json(pack, today), ensure_ascii=False, indent=2))
    else:
        width = shutil.get_terminal_size((100, 24)).columns
        print(render_table(pack, today, width=width, verbose=args.verbose))
    return EXIT_OK

"""`bluelamp rules`: the rule catalogue — every content rule with its clause and explanation."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import textwrap

from bluelamp.cli import EXIT_OK, EXIT_USAGE
from bluelamp.cli.common import add_pack_option, load_pack_or_none
from bluelamp.engine.policy_pack import PolicyPack, review_notice
from bluelamp.engine.rules import registry


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "rules",
        help="list the content rules, each with its CC/01 clause and explanation",
        description="The rule catalogue: every content rule, its clause, severity and meaning.",
    )
    p.add_argument("--json", action="store_true", help="print the catalogue as JSON")
    p.add_argument("-v", "--verbose", action="store_true", help="include each explanation")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="date for the review check")
    add_pack_option(p)
    p.set_defaults(func=run)


def catalogue(pack: PolicyPack) -> list[dict]:
    """The rules in catalogue order, with the clauses of the pack that each enforces."""
    out = []
    for rule in registry:
        clauses = [c.id for c in pack.clauses if rule.id in c.rules]
        out.append(
            {
                "id": rule.id,
                "clause": rule.clause,
                "clauses": clauses or [rule.clause],
                "severity": rule.severity_note or rule.severity.label,
                "title": rule.title,
                "law": rule.law or None,
                "explanation": rule.explanation,
            }
        )
    return out


def run(args: argparse.Namespace) -> int:
    pack = load_pack_or_none(args, "rules")
    if pack is None:
        return EXIT_USAGE
    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        print(f"bluelamp rules: error: --today {args.today!r} is not YYYY-MM-DD", file=sys.stderr)
        return EXIT_USAGE
    notice = review_notice(pack, today)
    rows = catalogue(pack)
    if args.json:
        print(
            json.dumps(
                {"pack": pack.id, "review_notice": notice, "rules": rows},
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    width = shutil.get_terminal_size((100, 24)).columns
    if notice:
        print(f"WARNING: {notice}\n")
    print(f"{len(rows)} content rules of {pack.force} {pack.policy} v{pack.version}\n")
    w_id = max(len(r["id"]) for r in rows)
    w_cl = max(len(", ".join(r["clauses"])) for r in rows)
    w_sev = max(len(r["severity"]) for r in rows)
    print(f"{'Rule':<{w_id}}  {'Clauses':<{w_cl}}  {'Severity':<{w_sev}}  Title")
    print("-" * min(width, w_id + w_cl + w_sev + 40))
    for r in rows:
        print(
            f"{r['id']:<{w_id}}  {', '.join(r['clauses']):<{w_cl}}  {r['severity']:<{w_sev}}  {r['title']}"
        )
        if args.verbose:
            pad = " " * 4
            for line in textwrap.wrap(r["explanation"], max(40, width - 4)):
                print(pad + line)
            print()
    return EXIT_OK

"""`bluelamp eval-real`: the verdict mix on posts that were really published, and every block and
review with its rule, checked against a reasoned review of earlier blocks.

Real published posts were written and checked by communications teams, so nearly every `block` on
them is a false alarm. The measure is the share of posts blocked by rules other than the link
rules (the corpus' URLs were stripped, so those cannot be judged), and whether each remaining
block is one a communications officer would agree with (the review file).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from bluelamp.cli import EXIT_BLOCKED, EXIT_OK, EXIT_USAGE
from bluelamp.cli.common import add_pack_option, error, load_pack_or_none
from bluelamp.engine.model import Finding, InputError, Severity, post_from_dict
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules import check_post

#: The link rules cannot be judged on text whose URLs were stripped.
LINK_RULES = frozenset({"appeal-link", "force-link"})
#: The judgements a review line may give.
JUDGEMENTS = ("right", "false alarm")


@dataclass
class Flagged:
    """One post that a rule blocked or sent to review."""

    post: int
    rule: str
    severity: str
    excerpt: str


@dataclass
class RealResult:
    """The verdict mix over a file of real posts and every block and review."""

    posts: int = 0
    verdicts: Counter = field(default_factory=Counter)
    blocked_posts: int = 0
    flagged: list[Flagged] = field(default_factory=list)

    @property
    def block_rate(self) -> float:
        return self.blocked_posts / self.posts if self.posts else 0.0

    def blocks(self) -> list[Flagged]:
        return [f for f in self.flagged if f.severity == "block"]


def read_texts(stream: Iterable[str], name: str) -> Iterator[tuple[int, str]]:
    """(post number, text) from a CSV with a `text` column, or JSON Lines with a `text` field.

    Post numbers count from 1 in file order (data rows for CSV, non-blank lines for JSONL), so
    a review can name a post without quoting it.
    """
    lines = iter(stream)
    first = next(lines, "")
    if first.lstrip().startswith("{"):
        number = 0
        for line_no, raw in enumerate([first, *lines], start=1):
            if not raw.strip():
                continue
            number += 1
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InputError(f"{name} line {line_no}: not valid JSON ({exc.msg})") from None
            text = data.get("text") if isinstance(data, dict) else None
            if not isinstance(text, str):
                raise InputError(f"{name} line {line_no}: no text field")
            yield number, text
        return
    reader = csv.DictReader([first, *lines])
    if "text" not in (reader.fieldnames or []):
        raise InputError(f"{name}: a CSV file needs a 'text' column")
    for number, row in enumerate(reader, start=1):
        yield number, row["text"] or ""


def evaluate_real(texts: Iterable[tuple[int, str]], pack: PolicyPack, tier: str) -> RealResult:
    """Checks each text as a post from an account of `tier`."""
    result = RealResult()
    for number, text in texts:
        report = check_post(post_from_dict({"text": text, "account": {"tier": tier}}), pack)
        result.posts += 1
        findings: list[Finding] = [f for f in report.findings if f.rule not in LINK_RULES]
        worst = max((f.severity for f in findings), default=Severity.PASS)
        result.verdicts[worst.label] += 1
        if worst == Severity.BLOCK:
            result.blocked_posts += 1
        for f in findings:
            if f.severity >= Severity.REVIEW:
                result.flagged.append(Flagged(number, f.rule, f.severity.label, f.excerpt or ""))
    return result


def read_review(stream: Iterable[str], name: str) -> dict[tuple[int, str], dict]:
    """The reasoned review: one JSON object a line with post, rule, judgement and why."""
    review: dict[tuple[int, str], dict] = {}
    for line_no, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name} line {line_no}: not valid JSON ({exc.msg})") from None
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("post"), int)
            or not isinstance(data.get("rule"), str)
            or data.get("judgement") not in JUDGEMENTS
            or not str(data.get("why", "")).strip()
        ):
            raise InputError(
                f"{name} line {line_no}: needs post (number), rule, judgement "
                f"({' or '.join(JUDGEMENTS)}) and why"
            )
        review[(data["post"], data["rule"])] = data
    return review


def unreviewed(result: RealResult, review: dict[tuple[int, str], dict]) -> list[Flagged]:
    """Blocks the review says nothing about, one per post and rule."""
    seen: set[tuple[int, str]] = set()
    out = []
    for f in result.blocks():
        key = (f.post, f.rule)
        if key not in review and key not in seen:
            seen.add(key)
            out.append(f)
    return out


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "eval-real",
        help="verdict mix and every block and review on really published posts",
        description=(
            "Check every post of a file of really published posts (CSV with a 'text' column, or "
            "JSON Lines with a 'text' field) and print the verdict mix, the share blocked by "
            "rules other than the link rules, and every block and review. With --review, "
            "compare the blocks with a reasoned review (JSON Lines: post, rule, judgement, why)."
        ),
    )
    p.add_argument("file", help="CSV or JSON Lines file ('-' for stdin)")
    p.add_argument("--tier", default="force", help="the account tier to check as (default force)")
    p.add_argument("--review", metavar="FILE", help="reasoned review of the blocks (JSON Lines)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument(
        "--max-block-rate",
        type=float,
        metavar="RATE",
        help="exit 1 if more than this share of posts is blocked (e.g. 0.005)",
    )
    add_pack_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    pack = load_pack_or_none(args, "eval-real")
    if pack is None:
        return EXIT_USAGE
    try:
        stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8", newline="")  # noqa: SIM115
        with stream:
            result = evaluate_real(read_texts(stream, args.file), pack, args.tier)
        review: dict[tuple[int, str], dict] = {}
        if args.review:
            with open(args.review, encoding="utf-8") as rf:
                review = read_review(rf, args.review)
    except OSError as exc:
        error("eval-real", f"{exc.filename}: {exc.strerror}")
        return EXIT_USAGE
    except UnicodeDecodeError as exc:
        error("eval-real", f"{args.file}: not UTF-8 text (byte {exc.start + 1})")
        return EXIT_USAGE
    except InputError as exc:
        error("eval-real", str(exc))
        return EXIT_USAGE
    missing = unreviewed(result, review) if args.review else []
    if args.json:
        print(
            json.dumps(
                {
                    "posts": result.posts,
                    "verdicts": dict(result.verdicts),
                    "blocked_posts": result.blocked_posts,
                    "block_rate": result.block_rate,
                    "flagged": [f.__dict__ for f in result.flagged],
                    "unreviewed_blocks": [f.__dict__ for f in missing],
                },
                indent=2,
            )
        )
    else:
        mix = ", ".join(f"{k} {v}" for k, v in sorted(result.verdicts.items()))
        print(f"{result.posts} posts as tier {args.tier}: {mix} (link rules left out)")
        print(f"blocked: {result.blocked_posts} posts ({result.block_rate:.2%})")
        by_rule = Counter((f.rule, f.severity) for f in result.flagged)
        for (rule, sev), n in sorted(by_rule.items(), key=lambda kv: -kv[1]):
            print(f"  {sev:<6} {rule:<24} {n}")
        for f in result.flagged:
            judged = review.get((f.post, f.rule))
            mark = f" [{judged['judgement']}]" if judged else ""
            print(f"post {f.post}: {f.severity} {f.rule}{mark}: {f.excerpt!r}")
        if args.review:
            print(f"{len(missing)} blocks not in the review")
        for f in missing:
            print(f"  not reviewed: post {f.post} {f.rule}")
    too_many = args.max_block_rate is not None and result.block_rate > args.max_block_rate
    return EXIT_BLOCKED if too_many or missing else EXIT_OK

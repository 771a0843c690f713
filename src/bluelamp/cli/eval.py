"""`bluelamp eval`: per-rule precision and recall on a labelled JSON Lines file."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from bluelamp.cli import EXIT_BLOCKED, EXIT_OK, EXIT_USAGE
from bluelamp.cli.common import add_pack_option, error, load_pack_or_none
from bluelamp.engine.model import InputError, post_from_dict
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules import check_post, registry


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "eval",
        help="per-rule precision and recall on a labelled JSON Lines file",
        description=(
            'Check every post of a labelled file (each line a post with "expect": the rule ids '
            "that should fire) and print precision, recall and F1 per rule."
        ),
    )
    p.add_argument("file", help="labelled JSON Lines file ('-' for stdin)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--errors", action="store_true", help="list every post the rules got wrong")
    p.add_argument("--min-precision", type=float, help="exit 1 if any rule scores lower")
    p.add_argument("--min-recall", type=float, help="exit 1 if any rule scores lower")
    add_pack_option(p)
    p.set_defaults(func=run)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None


@dataclass
class Mistake:
    line: int
    id: str | None
    missing: list[str]
    extra: list[str]
    text: str


def evaluate(lines, pack: PolicyPack) -> tuple[dict[str, Score], int, int, list[Mistake], list]:
    """Scores per rule, posts seen, posts exactly right, mistakes, and input errors."""
    scores = {rule_id: Score() for rule_id in registry.ids()}
    seen = exact = 0
    mistakes: list[Mistake] = []
    problems: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            expect = data.get("expect") if isinstance(data, dict) else None
            if not isinstance(expect, list) or not all(e in registry for e in expect):
                raise InputError("expect must be a list of rule ids")
            report = check_post(post_from_dict(data), pack)
        except (json.JSONDecodeError, InputError) as exc:
            problems.append((number, str(exc)))
            continue
        seen += 1
        media = bool(data.get("media"))
        got = {f.rule for f in report.findings}
        want = set(expect)
        if not media:  # media rules are only judged on posts that carry media
            got -= {"media-location", "media-faces"}
        for rule_id in got | want:
            s = scores[rule_id]
            if rule_id in got and rule_id in want:
                s.tp += 1
            elif rule_id in got:
                s.fp += 1
            else:
                s.fn += 1
        if got == want:
            exact += 1
        else:
            mistakes.append(
                Mistake(
                    number, data.get("id"), sorted(want - got), sorted(got - want), data["text"]
                )
            )
    return scores, seen, exact, mistakes, problems


def _fmt(x: float | None) -> str:
    return "   —" if x is None else f"{x:.3f}"


def run(args: argparse.Namespace) -> int:
    pack = load_pack_or_none(args, "eval")
    if pack is None:
        return EXIT_USAGE
    try:
        stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        error("eval", f"{args.file}: {exc.strerror}")
        return EXIT_USAGE
    try:
        with stream:
            scores, seen, exact, mistakes, problems = evaluate(stream, pack)
    except UnicodeDecodeError as exc:
        error("eval", f"{args.file}: not UTF-8 text (byte {exc.start + 1})")
        return EXIT_USAGE
    rows = {rid: s for rid, s in scores.items() if s.tp + s.fp + s.fn}
    if args.json:
        print(
            json.dumps(
                {
                    "posts": seen,
                    "exact": exact,
                    "rules": {
                        rid: {
                            "tp": s.tp,
                            "fp": s.fp,
                            "fn": s.fn,
                            "precision": s.precision,
                            "recall": s.recall,
                            "f1": s.f1,
                        }
                        for rid, s in rows.items()
                    },
                    "errors": [{"line": n, "error": m} for n, m in problems],
                },
                indent=2,
            )
        )
    else:
        w = max([len(r) for r in rows] + [4])
        print(
            f"{'rule':<{w}}  {'support':>7}  {'tp':>4}  {'fp':>4}  {'fn':>4}  precision  recall     f1"
        )
        for rid, s in rows.items():
            print(
                f"{rid:<{w}}  {s.tp + s.fn:>7}  {s.tp:>4}  {s.fp:>4}  {s.fn:>4}  "
                f"{_fmt(s.precision):>9}  {_fmt(s.recall):>6}  {_fmt(s.f1):>5}"
            )
        rate = exact / seen if seen else 0.0
        print(f"\n{seen} posts; {exact} with exactly the expected rules ({rate:.1%}).")
        for n, m in problems:
            print(f"line {n}: {m}", file=sys.stderr)
        if args.errors:
            for m in mistakes:
                print(f"\nline {m.line} ({m.id}): missing {m.missing} extra {m.extra}\n  {m.text}")
    if problems:
        return EXIT_USAGE
    low = [
        rid
        for rid, s in rows.items()
        if (args.min_precision is not None and (s.precision or 0) < args.min_precision)
        or (args.min_recall is not None and (s.recall or 0) < args.min_recall)
    ]
    return EXIT_BLOCKED if low else EXIT_OK

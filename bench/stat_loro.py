"""Leave one round out: how much the statistical stage adds on wording it was not trained on.

For each blind round k (1-3) the stage is trained without round k and without a third of the
real published posts (post number mod 3), its thresholds chosen on folds of that training data
only, then measured on round k (per-rule precision and recall, patterns alone and patterns with
the stage) and on the held-out third of the real posts (posts the stage would newly block or
send to review). Run: `.venv/bin/python bench/stat_loro.py` (a few minutes)."""

from __future__ import annotations

import sys

from bluelamp.engine.rules import registry
from bluelamp.engine.stat.training import RULES, load_examples, score, train

ROUNDS = ("blind-round-1.jsonl", "blind-round-2.jsonl", "blind-round-3.jsonl")


def added(model: dict, ex, rule: str) -> bool:
    m = model["rules"].get(rule)
    if m is None or rule in ex.fired:
        return False
    if m["anchors"] and ex.words.isdisjoint(m["anchors"]):
        return False
    if not ex.admitted(rule):
        return False
    return score(m, ex.feats) >= m["threshold"]


def prf(tp: int, fp: int, fn: int) -> tuple[str, str]:
    p = f"{tp / (tp + fp):.2f}" if tp + fp else "—"
    r = f"{tp / (tp + fn):.2f}" if tp + fn else "—"
    return p, r


def main() -> int:
    examples = load_examples()
    totals: dict[str, list[int]] = {r: [0] * 6 for r in RULES}
    for k, name in enumerate(ROUNDS):
        train_part = [
            ex
            for ex in examples
            if ex.source != name and not (ex.source == "real" and ex.number % 3 == k)
        ]
        test = [ex for ex in examples if ex.source == name]
        real_test = [ex for ex in examples if ex.source == "real" and ex.number % 3 == k]
        model = train(train_part)
        print(f"\n## {name}: trained on {len(train_part)}, tested on {len(test)}")
        print("| rule | positives | precision before → after | recall before → after |")
        print("|---|---|---|---|")
        for rule in RULES:
            c = [0] * 6  # tp, fp, fn before; tp, fp, fn after
            for ex in test:
                want = rule in ex.labels
                before = rule in ex.fired
                after = before or added(model, ex, rule)
                for off, got in ((0, before), (3, after)):
                    if got and want:
                        c[off] += 1
                    elif got:
                        c[off + 1] += 1
                    elif want:
                        c[off + 2] += 1
            totals[rule] = [a + b for a, b in zip(totals[rule], c, strict=True)]
            p0, r0 = prf(*c[:3])
            p1, r1 = prf(*c[3:])
            print(f"| {rule} | {c[0] + c[2]} | {p0} → {p1} | {r0} → {r1} |")
        print(f"\nReal posts held out ({len(real_test)}): new findings by the stage")
        for ex in real_test:
            for rule in RULES:
                if rule not in ex.skip and added(model, ex, rule):
                    sev = registry.get(rule).severity.label
                    print(f"  post {ex.number}: {rule} ({sev})")
        sys.stdout.flush()
    print("\n## Rounds 1-3 together (each measured by the model trained without it)")
    print("| rule | positives | precision before → after | recall before → after |")
    print("|---|---|---|---|")
    for rule in RULES:
        c = totals[rule]
        p0, r0 = prf(*c[:3])
        p1, r1 = prf(*c[3:])
        print(f"| {rule} | {c[0] + c[2]} | {p0} → {p1} | {r0} → {r1} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

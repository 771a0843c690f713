"""Accuracy on the labelled corpus stays at the issue's targets: precision >= 0.95 and recall
>= 0.90 for every rule (a regression guard; the held-out figures are in the README)."""

from __future__ import annotations

import pytest

from bluelamp.cli.eval import evaluate

from .conftest import REPO

CORPUS = REPO / "corpus" / "labelled-posts.jsonl"


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not in this checkout")
def test_every_rule_meets_the_precision_and_recall_targets_on_the_corpus(pack):
    with CORPUS.open(encoding="utf-8") as lines:
        scores, seen, exact, _, problems = evaluate(lines, pack)
    assert problems == []
    assert seen >= 600
    below = {
        rule: (s.precision, s.recall)
        for rule, s in scores.items()
        if s.tp + s.fn and ((s.precision or 0) < 0.95 or (s.recall or 0) < 0.90)
    }
    assert below == {}
    assert exact / seen >= 0.95

"""The shipped weights, read once, and the score of one post: pure Python."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bluelamp.engine.stat.features import Vocabulary, already_in_proceedings

#: The exclusion read from the text rather than the features (features.already_in_proceedings).
ALREADY = "d:already-in-proceedings"

MODEL_FILE = Path(__file__).resolve().parent / "data" / "model.json"


@dataclass(frozen=True, slots=True)
class RuleModel:
    rule: str
    bias: float
    threshold: float
    #: The word gate: a post holding none of these words is not scored (empty: no word gate).
    anchors: frozenset[str]
    weights: dict[str, float]
    #: The concept gate: the post must hold a concept of each group (a lexicon of the policy
    #: pack, an offensive term or a detector's finding) before its score counts; no word the
    #: model learnt can make a finding on its own.
    requires: tuple[frozenset[str], ...] = ()
    #: Concepts that stop the rule: what the contract says it does not cover.
    excludes: frozenset[str] = frozenset()

    def admits(self, present, text: str = "") -> bool:
        """Whether the concept gate lets the rule's score count: no excluded concept, and one of
        each required group (``present``: the post's features; ``text`` for the gates read from
        the text itself)."""
        if not self.excludes.isdisjoint(present):
            return False
        if ALREADY in self.excludes and text and already_in_proceedings(text):
            return False
        return all(not group.isdisjoint(present) for group in self.requires)

    def contributions(self, present) -> list[tuple[float, str]]:
        """(weight, feature) for every weighted feature present, largest first."""
        w = self.weights
        found = [(w[f], f) for f in present if f in w]
        found.sort(key=lambda x: (-x[0], x[1]))
        return found

    def score(self, present) -> float:
        # map/filter run in C: a few hundred features are looked up in microseconds.
        return self.bias + sum(filter(None, map(self.weights.get, present)))


@dataclass(frozen=True, slots=True)
class Model:
    version: str
    rules: dict[str, RuleModel]
    #: Every feature a rule weighs or requires: what checking computes.
    vocabulary: Vocabulary = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.vocabulary is None:
            names = set()
            for m in self.rules.values():
                names.update(m.weights)
                for group in m.requires:
                    names.update(group)
                names.update(m.excludes)
            object.__setattr__(self, "vocabulary", Vocabulary(names))

    def scores(self, present, rules) -> dict[str, float]:
        """The score of each of ``rules`` (ids) for the features ``present``."""
        return {r: self.rules[r].score(present) for r in rules}


def parse(data: dict) -> Model:
    """The file's form (training.compact), or a plain mapping of weights per rule."""
    names = data.get("features")
    rules = {}
    for rule_id, r in data["rules"].items():
        if names is None:
            weights = {k: float(v) for k, v in r["weights"].items()}
        else:
            weights = dict(zip([names[i] for i in r["features"]], r["weights"], strict=True))
        rules[rule_id] = RuleModel(
            rule=rule_id,
            bias=float(r["bias"]),
            threshold=float(r["threshold"]),
            anchors=frozenset(r["anchors"]),
            weights=weights,
            requires=tuple(frozenset(g) for g in r.get("requires", ())),
            excludes=frozenset(r.get("excludes", ())),
        )
    return Model(version=data["version"], rules=rules)


@cache
def load(path: Path = MODEL_FILE) -> Model:
    with open(path, encoding="utf-8") as fh:
        return parse(json.load(fh))

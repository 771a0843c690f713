"""The shipped weights, read once, and the score of one post: pure Python."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent / "data" / "model.json"


@dataclass(frozen=True, slots=True)
class RuleModel:
    rule: str
    bias: float
    threshold: float
    #: The gate: a post holding none of these words cannot reach the threshold on the
    #: training data, so it is not scored.
    anchors: frozenset[str]
    weights: dict[str, float]

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
        )
    return Model(version=data["version"], rules=rules)


@cache
def load(path: Path = MODEL_FILE) -> Model:
    with open(path, encoding="utf-8") as fh:
        return parse(json.load(fh))

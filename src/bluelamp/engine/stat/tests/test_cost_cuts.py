"""What the stage skips to save time can never change a finding: the score bound is never
under the score, the features are the same as the spans' features, and the gate with the
prefilter's bits answers as it does without them."""

from __future__ import annotations

import csv
import json

import pytest

from bluelamp.engine.model import post_from_dict
from bluelamp.engine.policy_pack import load_pack
from bluelamp.engine.rules import check_post
from bluelamp.engine.rules.detectors.gate import GATE
from bluelamp.engine.rules.subject import Subject
from bluelamp.engine.stat import stage
from bluelamp.engine.stat.features import _features, feature_set, features
from bluelamp.engine.stat.model import load

from ...tests.conftest import REPO

REAL = REPO.parent / "shared" / "corpus" / "uk-police-posts-dev.csv"


def _posts() -> list[dict]:
    posts = []
    for name in ("labelled-posts.jsonl", "blind-round-3.jsonl", "near-miss/negatives.jsonl"):
        path = REPO / "corpus" / name
        if path.exists():
            posts += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if REAL.exists():
        with open(REAL, encoding="utf-8", newline="") as fh:
            posts += [{"text": r["text"]} for r in list(csv.DictReader(fh))[:600] if r["text"]]
    return posts


@pytest.fixture(scope="module")
def posts():
    return _posts()


@pytest.fixture(params=["hyperscan", "literals", "none"])
def gate_mode(request, monkeypatch):
    """The prefilter as shipped, its literal fallback, and no mask at all (every pattern may)."""
    was = GATE.mode
    if request.param == "none":
        monkeypatch.setattr(Subject, "live", None)
    else:
        GATE.use(request.param)
        if request.param == "hyperscan":
            GATE.prepare()
    yield request.param
    GATE.use(was)


def test_the_bound_is_never_under_the_score(posts, gate_mode):
    pack, model = load_pack(), load()
    checked = 0
    for data in posts:
        post = Subject(post_from_dict(data), pack)
        rules = stage.candidates(post, set(), model)
        if not rules:
            continue
        present = feature_set(post, model.vocabulary)
        for m, most in zip(rules, stage.score_bounds(post, rules, model), strict=True):
            checked += 1
            assert most >= m.score(present) - 1e-9, (m.rule, data["text"])
    assert checked > 100


def test_the_gate_answers_the_same_with_the_prefilter_or_without(posts, monkeypatch):
    """The prefilter's bits only spare searches: without a mask (every lexicon searched, a
    group's lexicons as one), with the literal gate and with Hyperscan, the same rules pass."""
    pack, model = load_pack(), load()
    subset = posts[:800]

    def answers():
        return [
            [m.rule for m in stage.candidates(Subject(post_from_dict(d), pack), set(), model)]
            for d in subset
        ]

    was = GATE.mode
    try:
        GATE.use("hyperscan")
        GATE.prepare()
        hyperscan = answers()
        GATE.use("literals")
        literals = answers()
    finally:
        GATE.use(was)
    monkeypatch.setattr(Subject, "live", None)
    unmasked = answers()
    assert hyperscan == unmasked
    assert literals == unmasked
    assert sum(map(len, unmasked)) > 50


def test_the_feature_set_is_the_features_by_name(posts):
    pack, model = load_pack(), load()
    names = model.vocabulary.names
    for data in posts[:400]:
        text = data["text"]
        quick = feature_set(Subject(post_from_dict(data), pack), model.vocabulary)
        spans = features(Subject(post_from_dict(data), pack), model.vocabulary)
        full = _features(Subject(post_from_dict(data), pack))
        assert quick == set(spans), text
        assert {k for k in full if k in names} == {k for k in quick if k in names}, text


def test_reports_are_the_same_with_and_without_the_bound(posts, monkeypatch):
    pack = load_pack()
    was = stage.enabled()
    stage.set_enabled(True)
    try:
        with_bound = [check_post(post_from_dict(d), pack).to_dict() for d in posts]
        monkeypatch.setattr(stage, "_may_reach", lambda post, rules, model: rules)
        without = [check_post(post_from_dict(d), pack).to_dict() for d in posts]
    finally:
        stage.set_enabled(was)
    assert with_bound == without

"""The statistical stage: deterministic, reproducible from the repository, consulted only for
candidates, and every finding it adds names its clause and the words that caused it."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from bluelamp.engine.model import Post, Severity
from bluelamp.engine.rules import check_post, registry
from bluelamp.engine.rules.subject import Subject
from bluelamp.engine.stat import stage
from bluelamp.engine.stat.features import features
from bluelamp.engine.stat.model import MODEL_FILE, load, parse

from .conftest import REPO

REAL_FILE = REPO.parent / "shared" / "corpus" / "uk-police-posts-dev.csv"


@pytest.fixture
def model():
    return load()


@pytest.fixture
def stage_on():
    was = stage.enabled()
    stage.set_enabled(True)
    yield
    stage.set_enabled(was)


def _model_with(rule: str, weights: dict, threshold: float = 1.0, anchors=("raped",)):
    return parse(
        {
            "version": "test",
            "rules": {
                rule: {
                    "bias": -1.0,
                    "threshold": threshold,
                    "anchors": list(anchors),
                    "weights": weights,
                }
            },
        }
    )


def test_the_shipped_model_covers_judgement_rules_only_with_finite_thresholds(model):
    from bluelamp.engine.stat.training import RULES

    assert model.rules, "the shipped model has no rule"
    for rule_id, m in model.rules.items():
        assert rule_id in RULES and rule_id in registry
        assert m.threshold == m.threshold and m.threshold < 1e6
        assert all(a.isalpha() for a in m.anchors)
        # every rule rests on a concept of the policy pack or a detector, never on words alone
        assert m.requires and all(m.requires)


def test_the_shipped_file_is_the_canonical_serialisation(model):
    from bluelamp.engine.stat.training import dumps

    raw = MODEL_FILE.read_text(encoding="utf-8")
    assert dumps(json.loads(raw)) == raw  # sorted keys, no spaces: a retrain diffs cleanly
    assert len(raw.encode("utf-8")) < 2_000_000


def test_features_and_scores_are_the_same_every_time(pack, model):
    text = "Police are looking for Jack Smith, 15, after a girl was raped near Hill Street school."
    first = features(Subject(Post(text=text), pack))
    second = features(Subject(Post(text=text), pack))
    assert first == second
    assert list(first) == list(second)  # the same order too: explanations do not wobble
    for m in model.rules.values():
        assert m.score(first) == m.score(second)


def test_features_know_words_pairs_pieces_and_concepts(pack):
    f = features(Subject(Post(text="Kirsty Lane, 33, was raped at her home on Elm Grove."), pack))
    assert "w:raped" in f and "b:was raped" in f and "c:rape" in f
    assert "x:people.sexual_offences" in f
    assert any(k.startswith("d:") for k in f)
    s, e = f["w:raped"]
    assert "Kirsty Lane, 33, was raped at her home on Elm Grove."[s:e] == "raped"


@pytest.mark.parametrize("odd", ["m²", "²", "¹²³", "①", "٣٣", "x³ 15"])
def test_digits_that_are_not_decimal_numbers_are_read_as_words(pack, stage_on, odd):
    # str.isdigit() accepts "²" and "①", which int() refuses: a post holding one must still be
    # checked, not crash the check.
    text = f"Kirsty Lane, 15, was raped at her home on Elm Grove, a {odd} flat."
    f = features(Subject(Post(text=text), pack))
    assert "w:raped" in f
    report = check_post(Post(text=text), pack)
    assert any(finding.rule == "sexual-offence-victim" for finding in report.findings)


def test_a_finding_names_the_clause_and_the_words_that_weighed_most(pack, stage_on):
    m = _model_with(
        "sexual-offence-victim", {"w:raped": 2.0, "w:works": 1.5, "w:the": -0.1}, threshold=1.0
    )
    post = Subject(Post(text="She works at a bakery and was raped last year."), pack)
    (finding,) = stage.consult(post, [], m)
    rule = registry.get("sexual-offence-victim")
    assert finding.rule == rule.id and finding.clause == rule.clause
    assert finding.severity == rule.severity
    assert (finding.start, finding.end, finding.excerpt) == (30, 35, "raped")
    assert "“raped”" in finding.message and "“works”" in finding.message
    assert "to review" in finding.message and rule.clause in finding.message


def test_the_gate_skips_posts_without_an_anchor_word(pack, stage_on, monkeypatch):
    m = _model_with("sexual-offence-victim", {"w:works": 5.0}, anchors=("raped",))
    calls = []
    monkeypatch.setattr(stage, "features", lambda post: calls.append(post) or {"w:works": 0})
    post = Subject(Post(text="She works at a bakery."), pack)
    assert stage.consult(post, [], m) == []
    assert calls == []  # not even featurised


def test_checking_computes_only_the_models_features_and_the_same_ones(pack, model):
    from bluelamp.engine.stat.features import _features, feature_set

    texts = (
        "Police are looking for Jack Smith, 15, after a girl was raped near Hill Street school.",
        "A man has been charged. This vile thug should never be freed #JusticeForAll",
        "The Home Secretary's cuts are a disaster for policing. Vote them out!",
        "Sh1t parking again on Elm Grove, you absolute muppets.",
    )
    names = model.vocabulary.names
    for text in texts:
        full = _features(Subject(Post(text=text), pack))
        restricted = features(Subject(Post(text=text), pack), model.vocabulary)
        expected = {k: v for k, v in full.items() if k in names}
        assert {k: v for k, v in restricted.items() if k in names} == expected
        assert all(k in names or ("&" not in k and k[:2] in ("x:", "d:")) for k in restricted)
        # what gating and scoring use: the same features, without their places
        assert feature_set(Subject(Post(text=text), pack), model.vocabulary) == set(restricted)
        for m in model.rules.values():
            assert m.score(restricted) == m.score(full)


def test_the_concept_gate_keeps_a_rule_without_its_concept_from_being_scored(
    pack, stage_on, monkeypatch
):
    m = parse(
        {
            "version": "test",
            "rules": {
                "sexual-offence-victim": {
                    "bias": 5.0,
                    "threshold": 1.0,
                    "anchors": [],
                    "requires": [["x:people.sexual_offences"]],
                    "weights": {"w:speaker": 1.0},
                }
            },
        }
    )
    calls = []
    real = stage.features
    monkeypatch.setattr(stage, "features", lambda *a: calls.append(a) or real(*a))
    post = Subject(Post(text="Our speaker Jo Bell talked about cyber crime."), pack)
    assert stage.consult(post, [], m) == []
    assert calls == []  # not even featurised
    post = Subject(Post(text="Our speaker Jo Bell talked about rape."), pack)
    assert [f.rule for f in stage.consult(post, [], m)] == ["sexual-offence-victim"]


def test_the_near_miss_training_posts_hold_no_sentence_of_the_real_text_tests():
    """The real-text tests are the held-out check of the stage's precision: none of their
    sentences may be trained on."""
    import ast

    from bluelamp.engine.stat.training import NEAR_MISS

    trained = [json.loads(line)["text"] for line in NEAR_MISS.read_text().splitlines() if line]
    held_out = set()
    for path in (REPO / "src/bluelamp/engine/tests").glob("test_real_text_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and len(node.value) > 25
            ):
                held_out.add(node.value.strip())
    assert len(trained) >= 150
    for text in trained:
        assert not any(h in text or text in h for h in held_out), text


def test_a_rule_the_patterns_already_found_is_not_scored_again(pack, stage_on):
    m = _model_with("sexual-offence-victim", {"w:raped": 5.0})
    post = Subject(Post(text="A woman was raped."), pack)
    fired = check_post(Post(text="Kirsty Lane, 33, was raped."), pack).findings
    assert any(f.rule == "sexual-offence-victim" for f in fired)
    assert stage.consult(post, list(fired), m) == []


def test_the_stage_can_be_turned_off(pack):
    m = _model_with("sexual-offence-victim", {"w:raped": 5.0})
    post = Subject(Post(text="A woman was raped."), pack)
    was = stage.enabled()
    try:
        stage.set_enabled(False)
        assert stage.consult(post, [], m) == []
        stage.set_enabled(True)
        assert [f.rule for f in stage.consult(post, [], m)] == ["sexual-offence-victim"]
    finally:
        stage.set_enabled(was)


def test_the_setting_is_on_unless_it_says_off():
    assert all(stage.setting_enabled(v) for v in (None, "", "on", " ON ", "1", "yes"))
    assert not any(stage.setting_enabled(v) for v in ("off", " OFF ", "0", "false", "no"))


def test_the_engine_has_it_on_by_default():
    code = (
        "import sys; from bluelamp.engine.stat import stage; sys.exit(0 if stage.enabled() else 1)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_checking_never_imports_numpy():
    code = (
        "import sys; from bluelamp.engine.model import Post; "
        "from bluelamp.engine.policy_pack import load_pack; "
        "from bluelamp.engine.rules import check_post; "
        "check_post(Post(text='A woman was raped by a man she met.'), load_pack()); "
        "sys.exit(1 if 'numpy' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_reports_with_the_stage_are_in_the_contract_format(pack, stage_on):
    report = check_post(Post(text="The man who groomed her online was her PE teacher."), pack)
    data = report.to_dict()
    assert set(data) == {"id", "verdict", "findings"}
    for f in data["findings"]:
        assert set(f) == {"rule", "clause", "severity", "message", "start", "end", "excerpt"}
        assert Severity.parse(f["severity"])


def test_training_is_deterministic_to_the_byte(pack):
    from bluelamp.engine.stat import training

    texts = [
        ("A woman was raped on Elm Grove by a man she knew from her work.", True),
        ("Kirsty, who works at the Red Lion, was sexually assaulted.", True),
        ("A girl who goes to Hillside school was groped on the bus.", True),
        ("Sophie, 15, was the victim of an indecent assault.", True),
        ("Come and meet the team at the fun day on Saturday.", False),
        ("We have arrested a man after a burglary in Acocks Green.", False),
        ("Thanks to everyone who joined our cycle marking event.", False),
        ("Road closed after a collision on the A38, avoid the area.", False),
    ] * 2
    examples = []
    for i, (text, positive) in enumerate(texts):
        ex = training._example(
            {"text": text}, pack, "test", i, {"sexual-offence-victim"} if positive else set()
        )
        examples.append(ex)
    one = training.fit(examples, ("sexual-offence-victim",))
    two = training.fit(examples, ("sexual-offence-victim",))
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert one["sexual-offence-victim"]["weights"]


@pytest.mark.slow
@pytest.mark.skipif(not REAL_FILE.exists(), reason="shared corpus not beside the repo")
def test_retraining_reproduces_the_shipped_model_byte_for_byte(tmp_path):
    out = tmp_path / "model.json"
    from bluelamp.engine.stat import training

    assert training.main([str(out)]) == 0
    shipped = hashlib.sha256(MODEL_FILE.read_bytes()).hexdigest()
    assert hashlib.sha256(out.read_bytes()).hexdigest() == shipped


def test_the_command_line_turns_it_off_from_the_environment(monkeypatch, capsys):
    from bluelamp.cli import main

    was = stage.enabled()
    try:
        monkeypatch.setenv(stage.ENV, "off")
        main(["rules"])
        assert not stage.enabled()
        monkeypatch.delenv(stage.ENV)
        main(["rules"])
        assert stage.enabled()
    finally:
        stage.set_enabled(was)

"""The statistical stage as the check pipeline calls it: for each judgement rule the fast stage
did not fire, a post that passes the rule's concept gate (what the rule is about, from the
policy pack's lexicons and the fast stage's detectors) is scored; at or above the rule's
threshold it gets a finding that names the clause and the words that weighed most.

On by default: its thresholds raise no false alarm on ordinary police wording (the engine's
real-text tests, the real published posts) and it still finds some of what the patterns miss on
blind posts, for about a quarter of the check's throughput (docs/statistical-stage.md).
``set_enabled(False)`` turns it off. The engine reads no environment: the command line and the
web application turn it off when ``BLUELAMP_STATISTICAL_STAGE=off`` (``ENV``) is set."""

from __future__ import annotations

import re

from bluelamp.engine.model import Finding
from bluelamp.engine.rules.base import registry
from bluelamp.engine.rules.detectors.lexicon import build as build_lexicon
from bluelamp.engine.rules.detectors.offensive import TERMS
from bluelamp.engine.stat.features import (
    feature_set,
    features,
    lexicon_entries,
    lexicon_span,
    pack_lexicons,
)
from bluelamp.engine.stat.model import Model, RuleModel, load

ENV = "BLUELAMP_STATISTICAL_STAGE"
_OFF = ("off", "0", "false", "no")
_state = {"enabled": True}


def setting_enabled(value: str | None) -> bool:
    """What a setting's text (the environment variable's, when a caller reads it) means: on
    unless it says off."""
    return value is None or value.strip().lower() not in _OFF


def configure(environ) -> None:
    """On or off as ``environ`` (a caller's environment mapping) says: the one reading of
    ``ENV``, for the command line and the web application alike."""
    set_enabled(setting_enabled(environ.get(ENV)))


def enabled() -> bool:
    return _state["enabled"]


def set_enabled(flag: bool) -> None:
    _state["enabled"] = bool(flag)


#: A word with a digit or symbol in it: a spelling that may hide an offensive term (the features
#: read it with the digits as letters, features._LEET).
_DISGUISED = re.compile(r"[\w*$@'’!]*[013457*$@!][\w*$@'’!]*")
_LEET = str.maketrans("013457@$", "oieastas")


def _offensive_may(post) -> bool:
    if not TERMS.keys().isdisjoint(post.words):
        return True
    for m in _DISGUISED.finditer(post.text.lower()):
        tok = m.group(0).strip("'’!*")
        if tok and (tok in TERMS or tok.translate(_LEET) in TERMS):
            return True
    return False


def _has_age(young: bool):
    return lambda post: any((a.years < 18) == young for a in post.ages)


def _has_identifier(kind: str):
    return lambda post: any(i.kind == kind for i in post.identifiers)


#: What each detector concept needs, read from what the fast stage has found (memoised on the
#: post, most of it already computed by the rules).
_DETECTED = {
    "d:name": lambda post: bool(post.identifying_names),
    "d:private-name": lambda post: bool(post.private_names),
    "d:arrested": lambda post: bool(post.arrested),
    "d:charged": lambda post: bool(post.charged),
    "d:active": lambda post: bool(post.proceedings_active),
    "d:minor-age": _has_age(True),
    "d:adult-age": _has_age(False),
    "d:address": _has_identifier("address"),
    "d:flat": _has_identifier("flat"),
    "d:postcode": _has_identifier("postcode"),
}

_GATES: dict[tuple[int, int], tuple] = {}


def _gates(model: Model, pack) -> dict[str, tuple[tuple[frozenset[str], tuple], ...]]:
    key = (id(model), id(pack))
    try:
        return _GATES[key][2]
    except KeyError:
        gates = _build_gates(model, pack)
        _GATES[key] = (model, pack, gates)  # the objects kept, so their ids stay theirs
        return gates


def _lexicon_test(key: str, lex):
    def test(post) -> bool:
        return lexicon_span(post, key, lex) is not None

    return test


def _any_lexicon_test(keys: tuple[str, ...], pack):
    """Whether any of the lexicons ``keys`` matches: their entries as one lexicon, one search
    (a group may hold a dozen, whose gate words are common)."""
    entries = lexicon_entries(pack)
    lex = build_lexicon([e for k in keys for e in entries[k]])
    return _lexicon_test("|".join(keys), lex)


#: Concepts whose test costs most (finding every name in the post): their group is tried last.
_COSTLY = frozenset({"d:name", "d:private-name"})


def _build_gates(model: Model, pack) -> dict[str, tuple[tuple[frozenset[str], tuple], ...]]:
    """Each rule's concept gate (model.json "requires") as tests on the post, cheapest first: a
    required word (a set test on the post's words), then the fast stage's findings and the
    offensive-terms list, then the pack's lexicons (each searched at most once a post). A post
    that fails is never featurised; one that passes is checked again on its features."""
    lexicons = dict(pack_lexicons(pack))
    out = {}
    for rule_id, m in model.rules.items():
        groups = []
        for group in m.requires:
            words = frozenset(k[2:] for k in group if k.startswith("w:"))
            tests = []
            lexicon_words: set[str] = set()
            lexicon_keys = []
            for key in sorted(group):
                if key.startswith("o:"):
                    tests.append(_offensive_may)
                elif key in _DETECTED:
                    tests.append(_DETECTED[key])
                elif key in lexicons:
                    lexicon_words |= lexicons[key].gate
                    lexicon_keys.append(key)
                elif not key.startswith("w:"):
                    tests.append(lambda post: True)  # not known here: the features decide
            lexicon_tests = []
            if len(lexicon_keys) == 1:
                lexicon_tests.append(_lexicon_test(lexicon_keys[0], lexicons[lexicon_keys[0]]))
            elif lexicon_keys:
                lexicon_tests.append(_any_lexicon_test(tuple(lexicon_keys), pack))
            groups.append(
                (
                    words,
                    tuple(dict.fromkeys(tests)),
                    frozenset(lexicon_words),
                    tuple(lexicon_tests),
                )
            )
        # A group that fails early spares the rest: the costly ones last (a stable sort).
        order = sorted(range(len(groups)), key=lambda i: not _COSTLY.isdisjoint(m.requires[i]))
        out[rule_id] = tuple(groups[i] for i in order)
    return out


def _may_admit(post, groups) -> bool:
    words = post.words
    for group_words, tests, lexicon_words, lexicon_tests in groups:
        if not group_words.isdisjoint(words):
            continue
        if any(t(post) for t in tests):
            continue
        # One set test for all the group's lexicons before any is searched.
        if not lexicon_words.isdisjoint(words) and any(t(post) for t in lexicon_tests):
            continue
        return False
    return True


def candidates(post, fired: set[str], model=None) -> list[RuleModel]:
    """The rules to score for this post: not already found by the fast stage, and, where the
    rule has anchor words, the post holds one (a set test on the words the post has computed
    anyway)."""
    model = model or load()
    words = post.words
    gates = _gates(model, post.pack)
    return [
        m
        for rule_id, m in model.rules.items()
        if rule_id not in fired
        and (not m.anchors or not m.anchors.isdisjoint(words))
        and _may_admit(post, gates[rule_id])
    ]


def consult(post, findings, model=None) -> list[Finding]:
    """Findings to add to the fast stage's ``findings`` for the Subject ``post``."""
    if not _state["enabled"]:
        return []
    fired = {f.rule for f in findings}
    model = model or load()
    rules = candidates(post, fired, model)
    if not rules:
        return []
    present = feature_set(post, model.vocabulary)
    rules = [m for m in rules if m.admits(present, post.text)]
    if not rules:
        return []
    scores = model.scores(present, [m.rule for m in rules])
    found = [m for m in rules if scores[m.rule] >= m.threshold]
    if not found:
        return []
    spans = features(post, model.vocabulary)  # where each feature is: only for a finding
    return [_finding(post, m, spans) for m in found]


def _finding(post, m: RuleModel, present) -> Finding:
    rule = registry.get(m.rule)
    text = post.text
    spans: list[tuple[int, int]] = []
    for weight, feature in m.contributions(present):
        if weight <= 0 or len(spans) == 3:
            break
        s, e = present[feature]
        if any(s < e0 and e > s0 for s0, e0 in spans):
            continue
        spans.append((s, e))
    start, end = spans[0] if spans else (None, None)
    words = ", ".join(f"“{text[s:e]}”" for s, e in spans)
    message = (
        f"This reads like: {rule.title[0].lower()}{rule.title[1:]} (CC/01 {rule.clause}). "
        f"A judgement from the wording, to review: the words that weighed most were {words}. "
        "If it is right, change the post as the rule says."
    )
    return Finding(
        rule=rule.id,
        clause=rule.clause,
        severity=rule.severity,
        message=message,
        start=start,
        end=end,
        excerpt=text[start:end] if spans else None,
    )

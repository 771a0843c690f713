"""The statistical stage as the check pipeline calls it: for each judgement rule the fast stage
did not fire, a post that passes the rule's concept gate (what the rule is about, from the
policy pack's lexicons and the fast stage's detectors) is scored; at or above the rule's
threshold it gets a finding that names the clause and the words that weighed most.

On by default: its thresholds raise no false alarm on ordinary police wording (the engine's
real-text tests, the real published posts) and it still finds some of what the patterns miss on
blind posts, for about an eighth of the check's throughput (docs/statistical-stage.md).
``set_enabled(False)`` turns it off. The engine reads no environment: the command line and the
web application turn it off when ``BLUELAMP_STATISTICAL_STAGE=off`` (``ENV``) is set."""

from __future__ import annotations

import re
from operator import attrgetter, itemgetter
from typing import NamedTuple

from bluelamp.engine.model import Finding
from bluelamp.engine.rules.base import registry
from bluelamp.engine.rules.detectors.lexicon import build as build_lexicon
from bluelamp.engine.rules.detectors.offensive import TERMS
from bluelamp.engine.stat.features import (
    feature_set,
    features,
    gated,
    lexicon_entries,
    lexicon_span,
    pack_lexicons,
    possible_lexicons,
    token_feature_ids,
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


#: What each detector concept needs, read from what the fast stage has found (memoised on the
#: post, most of it already computed by the rules): a Subject attribute that is true, an
#: identifier of a kind, an age under 18 or not.
_ATTRIBUTES = {
    "d:arrested": "arrested",
    "d:charged": "charged",
    "d:active": "proceedings_active",
}
_IDENTIFIERS = {"d:address": "address", "d:flat": "flat", "d:postcode": "postcode"}
_AGES = {"d:minor-age": True, "d:adult-age": False}
#: Finding every name in the post: tried last in its group, and its group last.
_NAMES = {"d:name": "identifying_names", "d:private-name": "private_names"}
_NAME_ORDER = ["private_names", "identifying_names"]
_DETECTED = frozenset(_ATTRIBUTES) | frozenset(_IDENTIFIERS) | frozenset(_AGES) | frozenset(_NAMES)


class _Prepared(NamedTuple):
    """What ``model`` needs for ``pack``, made once: each rule's concept gate, its concept
    bounds, and its weights as a list by feature number (Vocabulary.by_id)."""

    gates: dict[str, tuple[_Group, ...]]
    bounds: dict[str, tuple]
    vectors: dict[str, list[float]]


_PREPARED: dict[tuple[int, int], tuple] = {}


def _prepared(model: Model, pack) -> _Prepared:
    key = (id(model), id(pack))
    try:
        return _PREPARED[key][2]
    except KeyError:
        by_id = model.vocabulary.by_id
        vectors = {
            rule_id: [m.weights.get(name, 0.0) for name in by_id]
            for rule_id, m in model.rules.items()
        }
        made = _Prepared(_build_gates(model, pack), _build_bounds(model, pack), vectors)
        _PREPARED[key] = (model, pack, made)  # the objects kept, so their ids stay theirs
        return made


class _Group:
    """One group of a rule's concept gate: the post must hold one of its concepts. Tested
    cheapest first (a set test on the post's words, the fast stage's findings, the prefilter's
    bits for the lexicons, a lexicon search, the names last); whichever passes, the answer is
    the same."""

    __slots__ = (
        "ages",
        "attributes",
        "kinds",
        "lexicon_mask",
        "lexicon_words",
        "lexicons",
        "merged",
        "names",
        "offensive",
        "tests",
        "unknown",
        "words",
    )

    def __init__(self, group: frozenset[str], pack) -> None:
        concepts = dict(pack_lexicons(pack))
        self.words = frozenset(k[2:] for k in group if k.startswith("w:"))
        self.attributes = tuple(a for k, a in _ATTRIBUTES.items() if k in group)
        self.kinds = frozenset(v for k, v in _IDENTIFIERS.items() if k in group)
        self.ages = frozenset(v for k, v in _AGES.items() if k in group)
        self.offensive = any(k.startswith("o:") for k in group)
        self.names = tuple(a for k, a in _NAMES.items() if k in group)
        # A concept not known here (the features decide): the group always passes.
        self.unknown = any(
            not k.startswith(("w:", "o:")) and k not in _DETECTED and k not in concepts
            for k in group
        )
        keys = sorted(k for k in group if k in concepts)
        self.lexicons = tuple((k, concepts[k], gated(concepts[k])) for k in keys)
        self.lexicon_words = frozenset().union(*(concepts[k].gate for k in keys))
        mask = 0
        for _, _, rx in self.lexicons:
            mask |= 1 << rx.index
        self.lexicon_mask = mask
        # Where the prefilter cannot say (no mask for the post): all the lexicons as one, one
        # search (a group may hold a dozen, whose gate words are common).
        self.merged = None
        if len(keys) > 1:
            entries = lexicon_entries(pack)
            self.merged = ("|".join(keys), build_lexicon([e for k in keys for e in entries[k]]))

        self.tests = self._tests()

    def _tests(self) -> tuple:
        """The group's tests, cheapest first, each a call returning something true or false."""
        if self.unknown:
            return (lambda post: True,)
        tests: list = []
        if self.words:
            words = self.words
            tests.append(lambda post: not words.isdisjoint(post.words))
        tests.extend(attrgetter(a) for a in self.attributes)
        if self.kinds:
            kinds = self.kinds
            tests.append(lambda post: any(i.kind in kinds for i in post.identifiers))
        if self.ages:
            ages = self.ages
            tests.append(lambda post: any((a.years < 18) in ages for a in post.ages))
        if self.offensive:
            tests.append(_offensive_may)
        if self.lexicons:
            tests.append(self._lexicon)
        # A private name is an identifying one too (Subject.identifying_names): the cheaper
        # first.
        tests.extend(attrgetter(a) for a in sorted(self.names, key=_NAME_ORDER.index))
        return tuple(tests)

    def holds(self, post) -> bool:
        # A plain loop: a generator in any() costs more than most of the tests.
        for test in self.tests:  # noqa: SIM110
            if test(post):
                return True
        return False

    def _lexicon(self, post) -> bool:
        live = getattr(post, "live", None)
        words = post.words
        if live is None:
            if self.lexicon_words.isdisjoint(words):
                return False
            if self.merged is not None:
                return lexicon_span(post, *self.merged) is not None
        elif not live & self.lexicon_mask:
            return False  # the prefilter rules every one of them out
        for key, lex, rx in self.lexicons:
            if (
                rx.admits(live)
                and not lex.gate.isdisjoint(words)
                and lexicon_span(post, key, lex) is not None
            ):
                return True
        return False


def _build_gates(model: Model, pack) -> dict[str, tuple[_Group, ...]]:
    """Each rule's concept gate (model.json "requires") as groups of tests on the post (one
    object for a group two rules share, so it is tested once a post). A post that fails is
    never featurised; one that passes is checked again on its features."""
    made: dict[frozenset[str], _Group] = {}
    out = {}
    for rule_id, m in model.rules.items():
        groups = [made.get(g) or made.setdefault(g, _Group(g, pack)) for g in m.requires]
        # A group that fails early spares the rest: the costly ones (names) last (a stable sort).
        out[rule_id] = tuple(sorted(groups, key=lambda g: bool(g.names)))
    return out


#: Below the threshold by more than any difference the order of a float sum can make: a bound
#: this far under it cannot be reached.
_MARGIN = 1e-6


def _build_bounds(model: Model, pack) -> dict[str, tuple]:
    """For each rule, the most its concept features (``x:``, ``d:`` and their pairs) can add to a
    score, as parts: (what needs no pack lexicon, by lexicon, by pair of lexicons). A post's
    bound is the sum of the parts whose lexicons may match in it (features.possible_lexicons)."""
    keys = {k for k, _ in pack_lexicons(pack)}
    out = {}
    for rule_id, m in model.rules.items():
        base = 0.0
        single: dict[str, float] = {}
        double: dict[tuple[str, str], float] = {}
        for feature, weight in m.weights.items():
            if weight <= 0 or feature[:2] not in ("x:", "d:"):
                continue
            lexicons = sorted(p for p in feature.split("&") if p in keys)
            if len(lexicons) == 1:
                single[lexicons[0]] = single.get(lexicons[0], 0.0) + weight
            elif len(lexicons) == 2:
                pair = (lexicons[0], lexicons[1])
                double[pair] = double.get(pair, 0.0) + weight
            else:  # no lexicon in it (a detector): counted as always possible
                base += weight
        out[rule_id] = (base, single, double)
    return out


def _may_reach(post, rules: list[RuleModel], model: Model) -> list[RuleModel]:
    """The rules whose score could reach their threshold (``score_bounds``). A rule left out
    could not get a finding whatever its concepts are, so they are never looked for; the rules
    kept are scored exactly, as before."""
    return [
        m
        for m, most in zip(rules, score_bounds(post, rules, model, early=True), strict=True)
        if most >= m.threshold - _MARGIN
    ]


def score_bounds(post, rules: list[RuleModel], model: Model, early: bool = False) -> list[float]:
    """For each of ``rules``, at least the score the post can get: the exact score of its word
    features (cheap: small integers into lists), plus every positive weight of the concepts and
    pairs of concepts that may be present (a detector's always may; a lexicon's only where the
    prefilter and the post's words allow it). With ``early``, a bound already at the rule's
    threshold is not raised further (it is then only known to be at least that)."""
    words = token_feature_ids(post, model.vocabulary)
    possible = sorted(key for key, _ in possible_lexicons(post))
    prepared = _prepared(model, post.pack)
    bounds, vectors = prepared.bounds, prepared.vectors
    found = []
    # One getter for the post's features, applied to each rule's list (a C loop each).
    get = itemgetter(*words) if len(words) > 1 else lambda v: tuple(v[i] for i in words)
    for m in rules:
        base, single, double = bounds[m.rule]
        most = m.bias + sum(get(vectors[m.rule])) + base
        if not (early and most >= m.threshold - _MARGIN):
            for i, a in enumerate(possible):
                most += single.get(a, 0.0)
                for b in possible[i + 1 :]:
                    most += double.get((a, b), 0.0)
        found.append(most)
    return found


def candidates(post, fired: set[str], model=None) -> list[RuleModel]:
    """The rules to score for this post: not already found by the fast stage, and, where the
    rule has anchor words, the post holds one (a set test on the words the post has computed
    anyway), and it passes the rule's concept gate (each group tested once a post)."""
    model = model or load()
    gates = _prepared(model, post.pack).gates
    seen: dict[_Group, bool] = {}
    found = []
    for rule_id, m in model.rules.items():
        if rule_id in fired or (m.anchors and m.anchors.isdisjoint(post.words)):
            continue
        for group in gates[rule_id]:
            holds = seen.get(group)
            if holds is None:
                holds = seen[group] = group.holds(post)
            if not holds:
                break
        else:
            found.append(m)
    return found


def consult(post, findings, model=None) -> list[Finding]:
    """Findings to add to the fast stage's ``findings`` for the Subject ``post``."""
    if not _state["enabled"]:
        return []
    fired = {f.rule for f in findings}
    model = model or load()
    rules = candidates(post, fired, model)
    if not rules:
        return []
    rules = _may_reach(post, rules, model)
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

"""The statistical stage as the check pipeline calls it: for each judgement rule the fast stage
did not fire, a post holding one of the rule's anchor words is scored; at or above the rule's
threshold it gets a finding that names the clause and the words that weighed most.

Off by default: on blind posts it adds recall, but on near-miss sentences of ordinary police
wording (the engine's real-text tests) it still raises false alarms, so it is offered for review
work and measurement until those are gone. ``set_enabled(True)`` turns it on. The engine reads no
environment: the command line and the web application turn it on when
``BLUELAMP_STATISTICAL_STAGE=on`` (``ENV``) is set."""

from __future__ import annotations

from bluelamp.engine.model import Finding
from bluelamp.engine.rules.base import registry
from bluelamp.engine.stat.features import features
from bluelamp.engine.stat.model import RuleModel, load

ENV = "BLUELAMP_STATISTICAL_STAGE"
_ON = ("on", "1", "true", "yes")
_state = {"enabled": False}


def setting_enabled(value: str | None) -> bool:
    """What a setting's text (the environment variable's, when a caller reads it) means: off
    unless it says on."""
    return value is not None and value.strip().lower() in _ON


def configure(environ) -> None:
    """On or off as ``environ`` (a caller's environment mapping) says: the one reading of
    ``ENV``, for the command line and the web application alike."""
    set_enabled(setting_enabled(environ.get(ENV)))


def enabled() -> bool:
    return _state["enabled"]


def set_enabled(flag: bool) -> None:
    _state["enabled"] = bool(flag)


def candidates(post, fired: set[str], model=None) -> list[RuleModel]:
    """The rules to score for this post: not already found by the fast stage, and the post holds
    one of the rule's anchor words (a set test on the words the post has computed anyway)."""
    model = model or load()
    words = post.words
    return [
        m
        for rule_id, m in model.rules.items()
        if rule_id not in fired and not m.anchors.isdisjoint(words)
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
    present = features(post)
    scores = model.scores(present, [m.rule for m in rules])
    return [_finding(post, m, present) for m in rules if scores[m.rule] >= m.threshold]


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

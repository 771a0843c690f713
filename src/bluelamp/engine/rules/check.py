"""Run the registered rules on one post."""

from __future__ import annotations

from bluelamp.engine.model import Post, Report
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules.base import registry
from bluelamp.engine.rules.subject import Subject
from bluelamp.engine.stat import stage as statistical_stage

_ORDER = {rule_id: i for i, rule_id in enumerate(registry.ids())}


def check_post(post: Post, pack: PolicyPack) -> Report:
    """Every rule that applies, worst first, then in catalogue order, then by position."""
    subject = Subject(post, pack)
    findings = []
    for rule in registry:
        findings.extend(rule.check(subject, pack))
    # Where the patterns found nothing, the statistical stage may (engine/stat/stage.py).
    findings.extend(statistical_stage.consult(subject, findings))
    findings.sort(
        key=lambda f: (-f.severity, _ORDER[f.rule], f.start if f.start is not None else -1)
    )
    return Report(id=post.id, findings=tuple(findings))

"""The shape every rule has, and the registry that refuses duplicate ids."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from bluelamp.engine.model import Finding, Severity

if TYPE_CHECKING:
    from bluelamp.engine.policy_pack import PolicyPack
    from bluelamp.engine.rules.subject import Subject


class Rule:
    """One content clause of the policy as a check.

    ``check`` returns the findings for one post; the Subject carries the shared detectors,
    computed once per post and reused by every rule that needs them.
    """

    id: ClassVar[str]
    clause: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[str]
    explanation: ClassVar[str]
    law: ClassVar[str] = ""
    #: Severity label for the catalogue where it depends on the post (e.g. by tier).
    severity_note: ClassVar[str] = ""

    def check(self, post: Subject, pack: PolicyPack) -> list[Finding]:
        raise NotImplementedError

    def finding(
        self,
        post: Subject,
        message: str,
        span: tuple[int, int] | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        start, end = span if span else (None, None)
        return Finding(
            rule=self.id,
            clause=self.clause,
            severity=severity if severity is not None else self.severity,
            message=message,
            start=start,
            end=end,
            excerpt=post.text[start:end] if span else None,
        )


def first_of_overlapping(spans):
    """The spans (start, end, …) in order, dropping any that overlaps one already kept: one
    piece of evidence, one finding."""
    kept = []
    for span in sorted(spans):
        if any(span[0] < k[1] and span[1] > k[0] for k in kept):
            continue
        kept.append(span)
    return kept


class DuplicateRuleError(ValueError):
    pass


class Registry:
    """Rules by id, in catalogue order (the order of the contract's table)."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(self, cls: type[Rule]) -> type[Rule]:
        for attr in ("id", "clause", "severity", "title", "explanation"):
            if not getattr(cls, attr, None) and attr != "severity":
                raise TypeError(f"rule {cls.__name__} has no {attr}")
        if cls.id in self._rules:
            raise DuplicateRuleError(f"a rule with id {cls.id!r} is already registered")
        self._rules[cls.id] = cls()
        return cls

    def __iter__(self):
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def get(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def ids(self) -> list[str]:
        return list(self._rules)

    def order(self, rule_id: str) -> int:
        return list(self._rules).index(rule_id)


registry = Registry()
register = registry.register

"""``{{ finding.rule|rule_title }}``: a rule id as people read it, the contract's title."""

from __future__ import annotations

from django import template

from bluelamp.engine.rules.base import registry

register = template.Library()


@register.filter
def rule_title(rule_id: object) -> str:
    """The rule's title ("Messaging locked during a major incident"), or the id if unknown."""
    key = str(rule_id or "")
    return registry.get(key).title if key in registry else key

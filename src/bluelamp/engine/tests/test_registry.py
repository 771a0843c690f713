"""The rule registry and catalogue: ids, clauses and severities as the contract fixes them."""

from __future__ import annotations

import re

import pytest

from bluelamp.engine.model import Severity
from bluelamp.engine.policy_pack import validate_against_rules
from bluelamp.engine.rules import registry
from bluelamp.engine.rules.base import DuplicateRuleError, Registry, Rule

from .conftest import SHARED_SPEC

CONTRACT = [
    ("protective-marking", "4.9", "block"),
    ("personal-data", "4.12", "block"),
    ("child-identification", "4.10", "block"),
    ("sexual-offence-victim", "4.10", "block"),
    ("contempt-risk", "4.1", "block"),
    ("named-before-charge", "4.10", "review"),
    ("operational-security", "4.10", "block"),
    ("appeal-account", "4.8", "block"),
    ("appeal-link", "4.11", "block"),
    ("political-opinion", "5.10", "block"),
    ("election-period", "6.12", "review"),
    ("offensive-language", "4.6", "block"),
    ("evidential-risk", "4.25", "review"),
    ("jigsaw-identification", "4.23", "review"),
    ("disclosure-log", "4.24", "record"),
    ("force-link", "4.14", "advise"),
    ("live-broadcast", "4.20", "review"),
    ("major-incident", "4.16", "block"),
    ("media-location", "3.15", "block"),
    ("media-faces", "4.10", "review"),
]
# Bluelamp's own rules, after the contract's (the contract does not list them).
OWN = [("platform-length", "4.1", "block")]


def test_catalogue_has_every_contract_rule_in_contract_order():
    assert [(r.id, r.clause, r.severity.label) for r in registry] == CONTRACT + OWN


@pytest.mark.skipif(not (SHARED_SPEC / "rules.md").exists(), reason="shared spec not beside repo")
def test_catalogue_matches_the_table_in_the_shared_contract():
    table = (SHARED_SPEC / "rules.md").read_text(encoding="utf-8").split("## The rules", 1)[1]
    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|", table, re.MULTILINE)
    assert [r[0] for r in rows] == [c[0] for c in CONTRACT]
    for rule_id, clauses, severity in rows:
        rule = registry.get(rule_id)
        assert clauses.strip().startswith(rule.clause)
        assert severity.strip().split(";")[0] == rule.severity.label


def test_every_rule_explains_itself_with_its_clause():
    for rule in registry:
        assert rule.title and len(rule.explanation) > 80
        assert rule.clause in rule.explanation, rule.id


def test_registry_refuses_a_duplicate_id():
    reg = Registry()

    class One(Rule):
        id = "same"
        clause = "4.9"
        severity = Severity.BLOCK
        title = "t"
        explanation = "e"

    class Two(One):
        pass

    reg.register(One)
    with pytest.raises(DuplicateRuleError, match="same"):
        reg.register(Two)


def test_pack_and_catalogue_agree(pack):
    assert validate_against_rules(pack, registry.ids()) == []

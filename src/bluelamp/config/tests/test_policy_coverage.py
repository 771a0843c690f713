"""Honest coverage: every artefact a clause of the shipped policy pack names (a rule, a workflow
table, a page or endpoint, a command, a record) exists in this build, so `bluelamp policy`
cannot claim a workflow that is not there. The check lives on the web application's side
because URL names and models need Django; the pack's own form is checked by the engine."""

from __future__ import annotations

import argparse
import importlib.util

import pytest
from django.apps import apps
from django.core.management import get_commands
from django.urls import URLPattern, URLResolver, get_resolver

from bluelamp.cli import build_parser
from bluelamp.engine.policy_pack import Clause, load_pack, split_artefact
from bluelamp.engine.rules import registry

PACK = load_pack()

#: What each kind of enforcement must be carried by, at least one of these kinds of artefact.
CARRIERS = {
    "rule": ("rule",),
    "workflow": ("workflow", "url", "command"),
    "record": ("model", "url", "command"),
}


def url_names(resolver=None, namespace: str = "") -> set[str]:
    """Every URL name the project answers to, with its namespaces ("publishing:archive")."""
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def command_exists(words: str) -> bool:
    """True when ``bluelamp <words>`` is a command: subcommands as far as they go, and after
    `manage`, a Django management command."""
    parser = build_parser()
    parts = words.split()
    for i, word in enumerate(parts):
        if i and parts[i - 1] == "manage":
            return word in get_commands() and i == len(parts) - 1
        choices = _subparsers(parser)
        if word not in choices:
            return False
        parser = choices[word]
    return True


def model_exists(label: str) -> bool:
    try:
        apps.get_model(label)
    except (LookupError, ValueError):
        return False
    return True


def missing(clause: Clause, urls: set[str]) -> list[str]:
    """The clause's artefacts that do not exist, as messages naming the clause."""
    rules = set(registry.ids())
    problems = []
    for artefact in clause.artefacts:
        kind, name = split_artefact(artefact)
        found = {
            "rule": lambda n: n in rules,
            "workflow": lambda n: (
                importlib.util.find_spec(f"bluelamp.engine.workflows.{n}") is not None
            ),
            "url": lambda n: n in urls,
            "command": command_exists,
            "model": model_exists,
        }[kind](name)
        if not found:
            problems.append(f"clause {clause.id} names {artefact!r}, which does not exist")
    return problems


@pytest.mark.parametrize("clause", PACK.clauses, ids=lambda c: c.id)
def test_every_artefact_of_every_clause_exists(clause):
    assert missing(clause, url_names()) == []


def uncarried(clause: Clause) -> list[str]:
    """Each kind of enforcement (other than guidance) the clause claims with nothing named to
    carry it."""
    kinds = {split_artefact(a)[0] for a in clause.artefacts}
    return [
        f"clause {clause.id} is enforced by {enforcement} but names no "
        f"{' or '.join(carriers)} artefact"
        for enforcement, carriers in CARRIERS.items()
        if enforcement in clause.enforcement and not kinds & set(carriers)
    ]


@pytest.mark.parametrize("clause", PACK.clauses, ids=lambda c: c.id)
def test_enforcement_other_than_guidance_names_what_carries_it(clause):
    assert uncarried(clause) == []


@pytest.mark.parametrize(
    "artefact",
    [
        "rule:no-such-rule",
        "workflow:lost_devices_nowhere",
        "url:social_accounts:no_such_page",
        "url:no_such_namespace:home",
        "command:audit rewrite",
        "command:manage no_such_command",
        "model:social_accounts.NoSuchModel",
        "model:nowhere.Account",
    ],
)
def test_an_artefact_that_does_not_exist_fails_naming_clause_and_artefact(artefact):
    clause = Clause(
        id="5.5", title="t", summary="s", enforcement=("workflow",), how="h", artefacts=(artefact,)
    )
    assert missing(clause, url_names()) == [f"clause 5.5 names {artefact!r}, which does not exist"]


def test_the_resolvers_find_what_does_exist():
    clause = Clause(
        id="4.31",
        title="t",
        summary="s",
        enforcement=("workflow",),
        how="h",
        artefacts=(
            "rule:personal-data",
            "workflow:data_requests",
            "url:core:home",
            "url:publishing:archive",
            "command:audit verify",
            "command:deadlines",
            "command:manage data_requests_digest",
            "model:social_accounts.Account",
        ),
    )
    assert missing(clause, url_names()) == []


def test_a_clause_claiming_a_workflow_or_record_with_no_artefact_is_caught():
    clause = Clause(id="5.6", title="t", summary="s", enforcement=("workflow", "record"), how="h")
    assert uncarried(clause) == [
        "clause 5.6 is enforced by workflow but names no workflow or url or command artefact",
        "clause 5.6 is enforced by record but names no model or url or command artefact",
    ]

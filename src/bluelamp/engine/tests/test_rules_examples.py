"""The contract's 90 worked examples: each post fires exactly the rules it expects."""

from __future__ import annotations

import pytest

from bluelamp.engine.model import post_from_dict
from bluelamp.engine.rules import check_post

from .conftest import load_jsonl, spec_examples_path

EXAMPLES = load_jsonl(spec_examples_path())


def test_the_contract_has_its_ninety_examples():
    assert len(EXAMPLES) == 90


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_example_fires_exactly_the_expected_rules(example, pack):
    # given a worked example of the contract
    post = post_from_dict(example)
    # when it is checked
    report = check_post(post, pack)
    # then exactly the expected rules fire, and every span points into the text
    assert {f.rule for f in report.findings} == set(example["expect"]), example["why"]
    for f in report.findings:
        if f.start is not None:
            assert 0 <= f.start < f.end <= len(example["text"])
            assert f.excerpt == example["text"][f.start : f.end]

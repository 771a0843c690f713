"""The conduct-case workflow: every (state, action) pair walked against the table written out
again here by hand."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.engine.workflows import conduct_cases as flow

EXPECTED = {
    ("reported", "assess"): "assessing",
    ("reported", "refer"): "referred",
    ("reported", "close"): "closed",
    ("assessing", "refer"): "referred",
    ("assessing", "request_removal"): "awaiting_removal",
    ("assessing", "close"): "closed",
    ("referred", "request_removal"): "awaiting_removal",
    ("referred", "close"): "closed",
    ("awaiting_removal", "prove_removal"): "removal_done",
    ("awaiting_removal", "escalate"): "removal_overdue",
    ("removal_overdue", "prove_removal"): "removal_done",
    ("removal_overdue", "refer"): "referred",
    ("removal_overdue", "close"): "closed",
    ("removal_done", "refer"): "referred",
    ("removal_done", "close"): "closed",
}

PAIRS = list(itertools.product(flow.STATES, flow.ACTIONS))


@pytest.mark.parametrize(("state", "action"), PAIRS, ids=[f"{s}-{a}" for s, a in PAIRS])
def test_every_state_and_action_pair_is_allowed_exactly_as_the_table_says(state, action):
    allowed = flow.allowed(state, action)
    assert allowed == ((state, action) in EXPECTED)
    if allowed:
        assert flow.next_state(state, action) == EXPECTED[(state, action)]
    else:
        with pytest.raises(ValueError, match="not allowed"):
            flow.next_state(state, action)


@pytest.mark.parametrize("state", flow.STATES)
def test_actions_from_lists_the_allowed_actions_in_declaration_order(state):
    expected = tuple(a for a in flow.ACTIONS if (state, a) in EXPECTED)
    assert flow.actions_from(state) == expected


def test_only_a_closed_case_is_terminal():
    assert flow.WORKFLOW.terminal == {"closed"}


def test_a_referred_case_never_goes_back_to_assessment():
    assert not any(
        target == "assessing" for (state, _), target in EXPECTED.items() if state != "reported"
    )

"""The monthly review table, against a hand-written copy of every (state, action) pair."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.engine.workflows import reviews as flow

EXPECTED = {
    ("open", "decide_item"): "open",
    ("escalated_manager", "decide_item"): "escalated_manager",
    ("escalated_ccd", "decide_item"): "escalated_ccd",
    ("open", "complete"): "done",
    ("escalated_manager", "complete"): "done",
    ("escalated_ccd", "complete"): "done",
    ("open", "escalate"): "escalated_manager",
    ("escalated_manager", "escalate"): "escalated_ccd",
}

PAIRS = list(itertools.product(flow.STATES, flow.ACTIONS))


@pytest.mark.parametrize(("state", "action"), PAIRS, ids=[f"{s}-{a}" for s, a in PAIRS])
def test_every_state_and_action_of_a_monthly_review(state, action):
    assert flow.WORKFLOW.allowed(state, action) == ((state, action) in EXPECTED)
    if (state, action) in EXPECTED:
        assert flow.WORKFLOW.next_state(state, action) == EXPECTED[(state, action)]


def test_a_done_review_is_history():
    assert flow.WORKFLOW.terminal == {"done"}

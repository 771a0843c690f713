"""The crisis period table, against a hand-written copy of every (state, action) pair."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.engine.workflows import crisis_periods as flow

EXPECTED = {
    ("scheduled", "start"): "active",
    ("scheduled", "end"): "ended",
    ("active", "end"): "ended",
}


@pytest.mark.parametrize(("state", "action"), list(itertools.product(flow.STATES, flow.ACTIONS)))
def test_every_state_and_action_of_a_crisis_period(state, action):
    assert flow.WORKFLOW.allowed(state, action) == ((state, action) in EXPECTED)
    if (state, action) in EXPECTED:
        assert flow.WORKFLOW.next_state(state, action) == EXPECTED[(state, action)]


def test_an_ended_period_is_history():
    assert flow.WORKFLOW.terminal == {"ended"}

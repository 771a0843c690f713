"""The spoof-candidate table, against a hand-written copy of every (state, action) pair."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.engine.workflows import spoofs as flow

EXPECTED = {
    ("new", "mark_spoof"): "spoof",
    ("new", "mark_unofficial"): "unofficial",
    ("new", "mark_harmless"): "harmless",
    ("spoof", "request_takedown"): "takedown_requested",
    ("spoof", "reopen"): "new",
    ("takedown_requested", "record_outcome"): "closed",
    ("unofficial", "record_outcome"): "closed",
    ("unofficial", "reopen"): "new",
    ("harmless", "reopen"): "new",
}

PAIRS = list(itertools.product(flow.STATES, flow.ACTIONS))


@pytest.mark.parametrize(("state", "action"), PAIRS, ids=[f"{s}-{a}" for s, a in PAIRS])
def test_every_state_and_action_of_a_spoof_candidate(state, action):
    assert flow.WORKFLOW.allowed(state, action) == ((state, action) in EXPECTED)
    if (state, action) in EXPECTED:
        assert flow.WORKFLOW.next_state(state, action) == EXPECTED[(state, action)]


def test_a_closed_candidate_is_history():
    assert flow.WORKFLOW.terminal == {"closed"}

"""The removal-request workflow: every (state, action) pair walked against the table written
out again here by hand."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.engine.workflows import data_requests as flow

EXPECTED = {
    ("received", "set_regime"): "received",
    ("awaiting_identity", "set_regime"): "awaiting_identity",
    ("considering", "set_regime"): "considering",
    ("actioning", "set_regime"): "actioning",
    ("received", "add_post"): "received",
    ("received", "ask_identity"): "awaiting_identity",
    ("received", "confirm_identity"): "considering",
    ("received", "extend"): "received",
    ("awaiting_identity", "add_post"): "awaiting_identity",
    ("awaiting_identity", "receive_identity"): "considering",
    ("awaiting_identity", "extend"): "awaiting_identity",
    ("considering", "add_post"): "considering",
    ("considering", "decide_post"): "considering",
    ("considering", "extend"): "considering",
    ("considering", "start_actioning"): "actioning",
    ("considering", "respond"): "responded",
    ("actioning", "complete_task"): "actioning",
    ("actioning", "extend"): "actioning",
    ("actioning", "respond"): "responded",
    ("responded", "close"): "closed",
}

PAIRS = list(itertools.product(flow.STATES, flow.ACTIONS))


@pytest.mark.parametrize(("state", "action"), PAIRS, ids=[f"{s}-{a}" for s, a in PAIRS])
def test_every_state_and_action_pair_is_allowed_exactly_as_the_table_says(state, action):
    # Given a state and an action
    # When the workflow is asked
    allowed = flow.allowed(state, action)
    # Then it answers as the hand-written table does, and leads where the table says
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


def test_only_a_closed_request_is_terminal():
    assert flow.WORKFLOW.terminal == {"closed"}


def test_nothing_can_be_decided_once_the_requester_has_been_answered():
    for state in ("responded", "closed"):
        assert not flow.allowed(state, "decide_post")
        assert not flow.allowed(state, "extend")
        assert not flow.allowed(state, "set_regime")


def test_the_open_states_are_those_before_the_response():
    assert set(flow.OPEN_STATES) == set(flow.STATES) - {"responded", "closed"}

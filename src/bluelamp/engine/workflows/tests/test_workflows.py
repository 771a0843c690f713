"""The transition tables: every (state, action) pair, walked against the table written out
again here by hand, so that a change to a workflow is a deliberate change to two places."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.engine.workflows import (
    UnknownActionError,
    UnknownStateError,
    Workflow,
    accounts,
    applications,
)

# --- Applications ---------------------------------------------------------------------------

APPLICATION_EXPECTED = {
    ("awaiting_manager", "manager_approve"): "awaiting_ccd",
    ("awaiting_manager", "manager_reject"): "rejected_by_manager",
    ("awaiting_manager", "withdraw"): "withdrawn",
    ("awaiting_ccd", "ccd_approve"): "approved",
    ("awaiting_ccd", "ccd_refuse"): "refused_by_ccd",
    ("awaiting_ccd", "withdraw"): "withdrawn",
}

ACCOUNT_EXPECTED = {
    **{
        (state, action): state
        for state in ("active", "conversion_requested", "suspended")
        for action in ("record_change", "change_roster")
    },
    ("active", "hand_over"): "active",
    ("suspended", "hand_over"): "suspended",
    ("active", "request_conversion"): "conversion_requested",
    ("conversion_requested", "approve_conversion"): "converted_to_personal",
    ("conversion_requested", "refuse_conversion"): "active",
    ("active", "suspend"): "suspended",
    ("suspended", "reinstate"): "active",
    ("active", "close"): "closed",
    ("conversion_requested", "close"): "closed",
    ("suspended", "close"): "closed",
}

CASES = [
    (applications, APPLICATION_EXPECTED, state, action)
    for state, action in itertools.product(applications.STATES, applications.ACTIONS)
] + [
    (accounts, ACCOUNT_EXPECTED, state, action)
    for state, action in itertools.product(accounts.STATES, accounts.ACTIONS)
]


@pytest.mark.parametrize(
    ("module", "expected", "state", "action"),
    CASES,
    ids=[f"{m.__name__.rsplit('.', 1)[1]}-{s}-{a}" for m, _, s, a in CASES],
)
def test_every_state_and_action_pair_is_allowed_exactly_as_the_table_says(
    module, expected, state, action
):
    # Given a state and an action
    # When the workflow is asked
    allowed = module.allowed(state, action)
    # Then it answers as the hand-written table does, and leads where the table says
    assert allowed == ((state, action) in expected)
    if allowed:
        assert module.next_state(state, action) == expected[(state, action)]
    else:
        with pytest.raises(ValueError, match="not allowed"):
            module.next_state(state, action)


def test_the_decided_applications_are_terminal():
    assert applications.WORKFLOW.terminal == {
        "approved",
        "rejected_by_manager",
        "refused_by_ccd",
        "withdrawn",
    }


def test_closed_and_converted_accounts_are_terminal_and_not_live():
    assert accounts.WORKFLOW.terminal == {"closed", "converted_to_personal"}
    assert set(accounts.LIVE_STATES) == set(accounts.STATES) - accounts.WORKFLOW.terminal


def test_actions_from_lists_the_buttons_a_page_may_show():
    assert applications.actions_from("awaiting_manager") == (
        "manager_approve",
        "manager_reject",
        "withdraw",
    )
    assert applications.actions_from("approved") == ()
    assert "suspend" not in accounts.actions_from("suspended")
    assert "reinstate" in accounts.actions_from("suspended")


def test_an_unknown_state_or_action_is_a_programming_error_not_a_refusal():
    with pytest.raises(UnknownStateError):
        applications.allowed("pending", "withdraw")
    with pytest.raises(UnknownActionError):
        accounts.allowed("active", "delete")


def test_rows_list_every_transition_once():
    assert {(s, a): t for s, a, t in applications.WORKFLOW.rows()} == APPLICATION_EXPECTED
    assert {(s, a): t for s, a, t in accounts.WORKFLOW.rows()} == ACCOUNT_EXPECTED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"transitions": {("a", "go"): "z"}}, "unknown state 'z'"),
        ({"transitions": {("a", "jump"): "b"}}, "unknown action 'jump'"),
        ({"transitions": {("a", "go"): "a"}}, "states never reached"),
        ({"actions": ("go", "stop"), "transitions": {("a", "go"): "b"}}, "actions never allowed"),
        ({"initial": "q"}, "initial state"),
        ({"states": ("a", "a", "b")}, "declared twice"),
    ],
)
def test_a_badly_written_table_is_refused_when_the_module_loads(kwargs, message):
    fields = {
        "name": "test",
        "states": ("a", "b"),
        "actions": ("go",),
        "initial": "a",
        "transitions": {("a", "go"): "b"},
        **kwargs,
    }
    with pytest.raises(ValueError, match=message):
        Workflow(**fields)

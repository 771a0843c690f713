"""The posts table: every (state, action) pair, walked against the table written out again here
by hand, so that a change to a post's life is a deliberate change to two places."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.engine.workflows import posts

EXPECTED = {
    ("draft", "submit"): "ready",
    ("draft", "send_for_approval"): "awaiting_approval",
    ("draft", "submit_scheduled"): "scheduled",
    ("draft", "withdraw"): "withdrawn",
    ("awaiting_approval", "approve"): "ready",
    ("awaiting_approval", "approve_scheduled"): "scheduled",
    ("awaiting_approval", "approve_late"): "held",
    ("awaiting_approval", "return"): "returned",
    ("awaiting_approval", "withdraw"): "withdrawn",
    ("awaiting_approval", "approver_edit"): "awaiting_author",
    ("awaiting_author", "approver_edit"): "awaiting_author",
    ("awaiting_author", "accept_change"): "awaiting_approval",
    ("awaiting_author", "reject_change"): "draft",
    ("awaiting_author", "revise"): "draft",
    ("awaiting_author", "approve"): "ready",
    ("awaiting_author", "approve_scheduled"): "scheduled",
    ("awaiting_author", "approve_late"): "held",
    ("awaiting_author", "return"): "returned",
    ("awaiting_author", "withdraw"): "withdrawn",
    ("returned", "revise"): "draft",
    ("returned", "withdraw"): "withdrawn",
    **{
        (state, action): target
        for state in ("ready", "scheduled", "held", "failed")
        for action, target in (("publish", "publishing"), ("revise", "draft"))
    },
    **{(state, "withdraw"): "withdrawn" for state in ("ready", "scheduled", "held", "failed")},
    ("ready", "schedule"): "scheduled",
    ("held", "schedule"): "scheduled",
    ("held", "release"): "ready",
    ("failed", "schedule"): "scheduled",
    ("ready", "hold"): "held",
    ("scheduled", "hold"): "held",
    ("publishing", "hold"): "held",
    ("scheduled", "unschedule"): "ready",
    ("publishing", "confirm"): "published",
    ("publishing", "fail"): "failed",
    ("published", "remove"): "removed",
    ("published", "correct"): "published",
}


@pytest.mark.parametrize("state,action", list(itertools.product(posts.STATES, posts.ACTIONS)))
def test_every_state_and_action_is_as_written_out_here(state, action):
    expected = EXPECTED.get((state, action))
    assert posts.allowed(state, action) is (expected is not None)
    if expected is not None:
        assert posts.next_state(state, action) == expected


def test_removed_and_withdrawn_are_the_end():
    assert posts.WORKFLOW.terminal == {"removed", "withdrawn"}

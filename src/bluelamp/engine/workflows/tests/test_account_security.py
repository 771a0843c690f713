"""The lost-device report, checklist and rotation-task tables: every (state, action) pair
walked against the tables written out again here by hand."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.engine.workflows import account_security as flow

REPORT_EXPECTED = {
    ("open", "complete_step"): "open",
    ("escalated", "complete_step"): "escalated",
    ("open", "suspend_publishing"): "open",
    ("escalated", "suspend_publishing"): "escalated",
    ("open", "resume_publishing"): "open",
    ("escalated", "resume_publishing"): "escalated",
    ("closed", "resume_publishing"): "closed",
    ("open", "escalate"): "escalated",
    ("open", "close"): "closed",
    ("escalated", "close"): "closed",
}
CHECKLIST_EXPECTED = {("open", "tick"): "open", ("open", "secure"): "secured"}
TASK_EXPECTED = {
    ("open", "complete"): "done",
    ("escalated", "complete"): "done",
    ("open", "escalate"): "escalated",
    ("open", "cancel"): "cancelled",
    ("escalated", "cancel"): "cancelled",
}

TABLES = (
    (flow.REPORT_WORKFLOW, REPORT_EXPECTED),
    (flow.CHECKLIST_WORKFLOW, CHECKLIST_EXPECTED),
    (flow.TASK_WORKFLOW, TASK_EXPECTED),
)
CASES = [
    (workflow, expected, state, action)
    for workflow, expected in TABLES
    for state, action in itertools.product(workflow.states, workflow.actions)
]


@pytest.mark.parametrize(
    ("workflow", "expected", "state", "action"),
    CASES,
    ids=[f"{w.name}-{s}-{a}" for w, _, s, a in CASES],
)
def test_every_state_and_action_pair_is_allowed_exactly_as_the_table_says(
    workflow, expected, state, action
):
    # Given a state and an action; when the workflow is asked
    allowed = workflow.allowed(state, action)
    # Then it answers as the hand-written table does, and leads where the table says
    assert allowed == ((state, action) in expected)
    if allowed:
        assert workflow.next_state(state, action) == expected[(state, action)]
    else:
        with pytest.raises(ValueError, match="not allowed"):
            workflow.next_state(state, action)


def test_the_terminal_states():
    # a closed report still lets CCD resume publishing on its accounts, and nothing else
    assert flow.REPORT_WORKFLOW.terminal == set()
    assert flow.REPORT_WORKFLOW.actions_from("closed") == ("resume_publishing",)
    assert flow.CHECKLIST_WORKFLOW.terminal == {"secured"}
    assert flow.TASK_WORKFLOW.terminal == {"done", "cancelled"}


def test_an_escalated_report_is_still_open_to_ticks_and_suspension():
    for action in ("complete_step", "suspend_publishing", "resume_publishing"):
        assert flow.REPORT_WORKFLOW.allowed("escalated", action)
    assert not flow.REPORT_WORKFLOW.allowed("escalated", "escalate")


def test_every_checklist_has_the_five_steps_of_5_5_and_5_6():
    assert flow.STEPS == ("password", "sessions", "tokens", "two_factor", "posts")

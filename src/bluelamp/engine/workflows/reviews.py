"""A monthly review of an account's live content (CC/01 4.1).

On the first working day of each month the worker opens one review per account for its owner
(``open``), listing the live posts that may be out of date. The owner (or the deputy, or CCD)
decides each one (``decide_item``: keep with a reason, correct, or remove through publishing)
and, once every item is decided, completes the review (``complete``: ``done``). A review not
done in its month is escalated by the worker, first to the owner's line manager
(``escalated_manager``), then to Corporate Communications (``escalated_ccd``); it can still be
finished from either.
"""

from __future__ import annotations

from bluelamp.engine.workflows import Workflow

OPEN = "open"
ESCALATED_MANAGER = "escalated_manager"
ESCALATED_CCD = "escalated_ccd"
DONE = "done"

STATES = (OPEN, ESCALATED_MANAGER, ESCALATED_CCD, DONE)
#: States in which the review still waits for its owner.
OPEN_STATES = (OPEN, ESCALATED_MANAGER, ESCALATED_CCD)

DECIDE_ITEM = "decide_item"  # keep (with a reason), correct or remove one post
COMPLETE = "complete"  # every item decided
ESCALATE = "escalate"  # the worker: the month is over and the review is not done

ACTIONS = (DECIDE_ITEM, COMPLETE, ESCALATE)

TRANSITIONS: dict[tuple[str, str], str] = {
    **{(state, DECIDE_ITEM): state for state in OPEN_STATES},
    **{(state, COMPLETE): DONE for state in OPEN_STATES},
    (OPEN, ESCALATE): ESCALATED_MANAGER,
    (ESCALATED_MANAGER, ESCALATE): ESCALATED_CCD,
}

WORKFLOW = Workflow(
    name="monthly review",
    states=STATES,
    actions=ACTIONS,
    initial=OPEN,
    transitions=TRANSITIONS,
)

allowed = WORKFLOW.allowed
next_state = WORKFLOW.next_state

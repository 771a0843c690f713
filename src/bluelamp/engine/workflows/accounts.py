"""The life of an account in the registry (CC/01 3.5, 3.8, 4.18, 4.19, 5.7).

Recording changes, managing the roster and handing over keep the state; conversion to personal
use goes to CCD (4.19); CCD may suspend a non-compliant account and reinstate it, and the owner
or CCD may close it (3.5, 4.18). Closed and converted accounts are history.
"""

from __future__ import annotations

from bluelamp.engine.workflows import Workflow

ACTIVE = "active"
CONVERSION_REQUESTED = "conversion_requested"
SUSPENDED = "suspended"
CLOSED = "closed"
CONVERTED_TO_PERSONAL = "converted_to_personal"

STATES = (ACTIVE, CONVERSION_REQUESTED, SUSPENDED, CLOSED, CONVERTED_TO_PERSONAL)
#: States in which the account is still open on its platform, so the policy applies to it.
LIVE_STATES = (ACTIVE, CONVERSION_REQUESTED, SUSPENDED)

RECORD_CHANGE = "record_change"  # password, name, handle, bio, settings (3.8)
CHANGE_ROSTER = "change_roster"  # who has access, and the deputy (5.7)
HAND_OVER = "hand_over"  # to another roster member (4.18)
REQUEST_CONVERSION = "request_conversion"  # official to personal use (4.19)
APPROVE_CONVERSION = "approve_conversion"
REFUSE_CONVERSION = "refuse_conversion"
SUSPEND = "suspend"  # CCD, with a reason (3.5)
REINSTATE = "reinstate"
CLOSE = "close"  # by the owner (4.18) or by CCD (3.5)

ACTIONS = (
    RECORD_CHANGE,
    CHANGE_ROSTER,
    HAND_OVER,
    REQUEST_CONVERSION,
    APPROVE_CONVERSION,
    REFUSE_CONVERSION,
    SUSPEND,
    REINSTATE,
    CLOSE,
)

TRANSITIONS: dict[tuple[str, str], str] = {
    (ACTIVE, RECORD_CHANGE): ACTIVE,
    (ACTIVE, CHANGE_ROSTER): ACTIVE,
    (ACTIVE, HAND_OVER): ACTIVE,
    (ACTIVE, REQUEST_CONVERSION): CONVERSION_REQUESTED,
    (ACTIVE, SUSPEND): SUSPENDED,
    (ACTIVE, CLOSE): CLOSED,
    (CONVERSION_REQUESTED, RECORD_CHANGE): CONVERSION_REQUESTED,
    (CONVERSION_REQUESTED, CHANGE_ROSTER): CONVERSION_REQUESTED,
    (CONVERSION_REQUESTED, APPROVE_CONVERSION): CONVERTED_TO_PERSONAL,
    (CONVERSION_REQUESTED, REFUSE_CONVERSION): ACTIVE,
    (CONVERSION_REQUESTED, CLOSE): CLOSED,
    (SUSPENDED, RECORD_CHANGE): SUSPENDED,
    (SUSPENDED, CHANGE_ROSTER): SUSPENDED,
    (SUSPENDED, HAND_OVER): SUSPENDED,
    (SUSPENDED, REINSTATE): ACTIVE,
    (SUSPENDED, CLOSE): CLOSED,
}

WORKFLOW = Workflow(
    name="account",
    states=STATES,
    actions=ACTIONS,
    initial=ACTIVE,
    transitions=TRANSITIONS,
)


# The table's questions, as module functions for the services and tests that import them.
allowed = WORKFLOW.allowed
next_state = WORKFLOW.next_state
actions_from = WORKFLOW.actions_from

"""A request from the public to remove or correct their personal data (CC/01 4.26–4.31).

Information security records the request (``received``). If the requester's identity is in
doubt it asks for proof (``awaiting_identity``), and receiving it moves the relevant date of the
statutory clock; otherwise it confirms the identity straight away. While the request is
``considering``, the posts concerned are recorded and each one decided (remove, amend, restrict
or refuse). The decisions that change a post become tasks for the social media team
(``actioning``); when they are done, or when nothing was to be changed, the requester is
answered (``responded``) and the case closed.

Extending the statutory deadline (rule 4 of spec/deadlines.md) does not change the state: it is
allowed in every open state before the response, and the service refuses a second extension.
"""

from __future__ import annotations

from bluelamp.engine.workflows import Workflow

RECEIVED = "received"
AWAITING_IDENTITY = "awaiting_identity"
CONSIDERING = "considering"
ACTIONING = "actioning"
RESPONDED = "responded"
CLOSED = "closed"

STATES = (RECEIVED, AWAITING_IDENTITY, CONSIDERING, ACTIONING, RESPONDED, CLOSED)
#: States in which the statutory clock is running (the requester has not been answered).
OPEN_STATES = (RECEIVED, AWAITING_IDENTITY, CONSIDERING, ACTIONING)

ADD_POST = "add_post"  # link a post the request concerns
SET_REGIME = "set_regime"  # establish UK GDPR or Part 3 once known
ASK_IDENTITY = "ask_identity"
RECEIVE_IDENTITY = "receive_identity"  # moves the relevant date (rule 1)
CONFIRM_IDENTITY = "confirm_identity"  # identity not in doubt: go straight to deciding
DECIDE_POST = "decide_post"  # remove, amend, restrict or refuse one post
EXTEND = "extend"  # rule 4, with reasons and the date the notice went
START_ACTIONING = "start_actioning"  # tasks for the social media team
COMPLETE_TASK = "complete_task"
RESPOND = "respond"
CLOSE = "close"

ACTIONS = (
    ADD_POST,
    SET_REGIME,
    ASK_IDENTITY,
    RECEIVE_IDENTITY,
    CONFIRM_IDENTITY,
    DECIDE_POST,
    EXTEND,
    START_ACTIONING,
    COMPLETE_TASK,
    RESPOND,
    CLOSE,
)

TRANSITIONS: dict[tuple[str, str], str] = {
    **{(state, SET_REGIME): state for state in OPEN_STATES},
    (RECEIVED, ADD_POST): RECEIVED,
    (RECEIVED, ASK_IDENTITY): AWAITING_IDENTITY,
    (RECEIVED, CONFIRM_IDENTITY): CONSIDERING,
    (RECEIVED, EXTEND): RECEIVED,
    (AWAITING_IDENTITY, ADD_POST): AWAITING_IDENTITY,
    (AWAITING_IDENTITY, RECEIVE_IDENTITY): CONSIDERING,
    (AWAITING_IDENTITY, EXTEND): AWAITING_IDENTITY,
    (CONSIDERING, ADD_POST): CONSIDERING,
    (CONSIDERING, DECIDE_POST): CONSIDERING,
    (CONSIDERING, EXTEND): CONSIDERING,
    (CONSIDERING, START_ACTIONING): ACTIONING,
    (CONSIDERING, RESPOND): RESPONDED,  # every post refused: nothing to carry out
    (ACTIONING, COMPLETE_TASK): ACTIONING,
    (ACTIONING, EXTEND): ACTIONING,
    (ACTIONING, RESPOND): RESPONDED,
    (RESPONDED, CLOSE): CLOSED,
}

WORKFLOW = Workflow(
    name="removal_request",
    states=STATES,
    actions=ACTIONS,
    initial=RECEIVED,
    transitions=TRANSITIONS,
)


# The table's questions, as module functions for the services and tests that import them.
allowed = WORKFLOW.allowed
next_state = WORKFLOW.next_state
actions_from = WORKFLOW.actions_from

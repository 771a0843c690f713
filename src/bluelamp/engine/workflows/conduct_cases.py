"""A report that a member of staff may have breached the social media policy (CC/01 4.5, 6.2,
6.13, 6.15, 6.16).

Anyone reports a possible breach (``reported``). Corporate Communications (CCD) assesses it
(``assessing``): a minor matter stays with CCD; a serious one is referred to Professional
Standards (``referred``), who alone hold the case from then on. Whichever team holds the case
may ask the member of staff to remove the content by a deadline (``awaiting_removal``, 6.16);
they answer with proof of removal (``removal_done``), or the deadline passes and the request
is escalated (``removal_overdue``), from where CCD may still refer it to PSD. The team holding
the case records the outcome and closes it (``closed``).

Which team holds the case is not a state: it is the case's ``team`` (CCD until referral, PSD
after), which the permission checks read. The table says only what may happen next.
"""

from __future__ import annotations

from bluelamp.engine.workflows import Workflow

REPORTED = "reported"
ASSESSING = "assessing"
REFERRED = "referred"
AWAITING_REMOVAL = "awaiting_removal"
REMOVAL_DONE = "removal_done"
REMOVAL_OVERDUE = "removal_overdue"
CLOSED = "closed"

STATES = (
    REPORTED,
    ASSESSING,
    REFERRED,
    AWAITING_REMOVAL,
    REMOVAL_DONE,
    REMOVAL_OVERDUE,
    CLOSED,
)
OPEN_STATES = tuple(state for state in STATES if state != CLOSED)

ASSESS = "assess"  # CCD records its assessment (seriousness, the member of staff concerned)
REFER = "refer"  # a serious case goes to PSD (4.5)
REQUEST_REMOVAL = "request_removal"  # ask the member of staff to remove it, by a deadline (6.16)
PROVE_REMOVAL = "prove_removal"  # the member of staff's proof and statement
ESCALATE = "escalate"  # the deadline passed without proof
CLOSE = "close"  # the outcome

ACTIONS = (ASSESS, REFER, REQUEST_REMOVAL, PROVE_REMOVAL, ESCALATE, CLOSE)

TRANSITIONS: dict[tuple[str, str], str] = {
    (REPORTED, ASSESS): ASSESSING,
    (REPORTED, REFER): REFERRED,
    (REPORTED, CLOSE): CLOSED,  # nothing in it (a duplicate, not a breach at all)
    (ASSESSING, REFER): REFERRED,
    (ASSESSING, REQUEST_REMOVAL): AWAITING_REMOVAL,
    (ASSESSING, CLOSE): CLOSED,
    (REFERRED, REQUEST_REMOVAL): AWAITING_REMOVAL,
    (REFERRED, CLOSE): CLOSED,
    (AWAITING_REMOVAL, PROVE_REMOVAL): REMOVAL_DONE,
    (AWAITING_REMOVAL, ESCALATE): REMOVAL_OVERDUE,
    (REMOVAL_OVERDUE, PROVE_REMOVAL): REMOVAL_DONE,  # late, but done
    (REMOVAL_OVERDUE, REFER): REFERRED,  # a refusal to remove is itself for PSD (6.16)
    (REMOVAL_OVERDUE, CLOSE): CLOSED,
    (REMOVAL_DONE, REFER): REFERRED,
    (REMOVAL_DONE, CLOSE): CLOSED,
}

WORKFLOW = Workflow(
    name="conduct_case",
    states=STATES,
    actions=ACTIONS,
    initial=REPORTED,
    transitions=TRANSITIONS,
)

allowed = WORKFLOW.allowed
next_state = WORKFLOW.next_state
actions_from = WORKFLOW.actions_from

"""Applications for a corporate account (CC/01 3.2–3.6).

The applicant's line manager decides first (3.4, 3.6); CCD then approves, when the account
enters the registry, or refuses (3.2, 3.5). The applicant may withdraw while it is undecided.
"""

from __future__ import annotations

from bluelamp.engine.workflows import Workflow

AWAITING_MANAGER = "awaiting_manager"
AWAITING_CCD = "awaiting_ccd"
APPROVED = "approved"
REJECTED_BY_MANAGER = "rejected_by_manager"
REFUSED_BY_CCD = "refused_by_ccd"
WITHDRAWN = "withdrawn"

STATES = (AWAITING_MANAGER, AWAITING_CCD, APPROVED, REJECTED_BY_MANAGER, REFUSED_BY_CCD, WITHDRAWN)

MANAGER_APPROVE = "manager_approve"
MANAGER_REJECT = "manager_reject"
CCD_APPROVE = "ccd_approve"
CCD_REFUSE = "ccd_refuse"
WITHDRAW = "withdraw"

ACTIONS = (MANAGER_APPROVE, MANAGER_REJECT, CCD_APPROVE, CCD_REFUSE, WITHDRAW)

#: The decisions, and which step each belongs to.
MANAGER_DECISIONS = (MANAGER_APPROVE, MANAGER_REJECT)
CCD_DECISIONS = (CCD_APPROVE, CCD_REFUSE)
#: Decisions that say no, which need a reason (3.5).
NEGATIVE_DECISIONS = (MANAGER_REJECT, CCD_REFUSE)

TRANSITIONS: dict[tuple[str, str], str] = {
    (AWAITING_MANAGER, MANAGER_APPROVE): AWAITING_CCD,
    (AWAITING_MANAGER, MANAGER_REJECT): REJECTED_BY_MANAGER,
    (AWAITING_MANAGER, WITHDRAW): WITHDRAWN,
    (AWAITING_CCD, CCD_APPROVE): APPROVED,
    (AWAITING_CCD, CCD_REFUSE): REFUSED_BY_CCD,
    (AWAITING_CCD, WITHDRAW): WITHDRAWN,
}

WORKFLOW = Workflow(
    name="account application",
    states=STATES,
    actions=ACTIONS,
    initial=AWAITING_MANAGER,
    transitions=TRANSITIONS,
)


# The table's questions, as module functions for the services and tests that import them.
allowed = WORKFLOW.allowed
next_state = WORKFLOW.next_state
actions_from = WORKFLOW.actions_from

"""Keeping the accounts safe (CC/01 3.7, 3.8, 5.5–5.7, 5.9): three tables.

A **lost-device report** (5.5, 5.6) is ``open`` from the moment it is filed: each affected
account has its own checklist, ticked step by step. Not secured within the pack's hours, it is
``escalated`` to Corporate Communications' duty contact (still open to ticks). CCD may suspend
publishing on the affected accounts while it is open, and resume it then or after the report is
``closed`` (when the last account's checklist is complete).

An account's **checklist** is ``open`` until its last step is ticked, then ``secured`` (the time
to secure is measured from the loss to that moment).

A **rotation task** (5.7, 5.9, 3.7, 3.8) asks an account's administrator to change its password
by a due date: ``open``, ``escalated`` once overdue, ``done`` once the new credential is lodged
in the vault. A task whose account closes meanwhile is ``cancelled``.
"""

from __future__ import annotations

from bluelamp.engine.workflows import Workflow

# --- The lost-device report ------------------------------------------------------------------

OPEN = "open"
ESCALATED = "escalated"
CLOSED = "closed"

REPORT_STATES = (OPEN, ESCALATED, CLOSED)
REPORT_OPEN_STATES = (OPEN, ESCALATED)

COMPLETE_STEP = "complete_step"  # tick one step of one account's checklist
SUSPEND_PUBLISHING = "suspend_publishing"  # CCD, on the affected accounts
RESUME_PUBLISHING = "resume_publishing"
ESCALATE = "escalate"  # not secured within the pack's hours
CLOSE = "close"  # the last checklist completed

REPORT_ACTIONS = (COMPLETE_STEP, SUSPEND_PUBLISHING, RESUME_PUBLISHING, ESCALATE, CLOSE)

REPORT_TRANSITIONS: dict[tuple[str, str], str] = {
    **{(state, COMPLETE_STEP): state for state in REPORT_OPEN_STATES},
    **{(state, SUSPEND_PUBLISHING): state for state in REPORT_OPEN_STATES},
    # Publishing stays suspended until CCD resumes it, which it may do after the report closes.
    **{(state, RESUME_PUBLISHING): state for state in REPORT_STATES},
    (OPEN, ESCALATE): ESCALATED,
    (OPEN, CLOSE): CLOSED,
    (ESCALATED, CLOSE): CLOSED,
}

REPORT_WORKFLOW = Workflow(
    name="lost_device_report",
    states=REPORT_STATES,
    actions=REPORT_ACTIONS,
    initial=OPEN,
    transitions=REPORT_TRANSITIONS,
)

# --- One account's checklist -----------------------------------------------------------------

SECURED = "secured"

CHECKLIST_STATES = (OPEN, SECURED)

TICK = "tick"  # a step that leaves others to do
SECURE = "secure"  # the last step

CHECKLIST_ACTIONS = (TICK, SECURE)

CHECKLIST_TRANSITIONS: dict[tuple[str, str], str] = {
    (OPEN, TICK): OPEN,
    (OPEN, SECURE): SECURED,
}

CHECKLIST_WORKFLOW = Workflow(
    name="lost_device_checklist",
    states=CHECKLIST_STATES,
    actions=CHECKLIST_ACTIONS,
    initial=OPEN,
    transitions=CHECKLIST_TRANSITIONS,
)

#: The steps of every checklist (5.5, 5.6), in the order they are shown.
STEP_PASSWORD = "password"  # change the password, lodged in the vault (3.7)
STEP_SESSIONS = "sessions"  # sign out every other session on the platform
STEP_TOKENS = "tokens"  # revoke the platform tokens Bluelamp holds
STEP_TWO_FACTOR = "two_factor"  # reset two-factor authentication
STEP_POSTS = "posts"  # look for posts made since the loss
STEPS = (STEP_PASSWORD, STEP_SESSIONS, STEP_TOKENS, STEP_TWO_FACTOR, STEP_POSTS)

# --- Rotation tasks --------------------------------------------------------------------------

DONE = "done"
CANCELLED = "cancelled"

TASK_STATES = (OPEN, ESCALATED, DONE, CANCELLED)
TASK_OPEN_STATES = (OPEN, ESCALATED)

COMPLETE = "complete"  # the new credential lodged in the vault
CANCEL = "cancel"  # the account closed meanwhile

TASK_ACTIONS = (COMPLETE, ESCALATE, CANCEL)

TASK_TRANSITIONS: dict[tuple[str, str], str] = {
    (OPEN, COMPLETE): DONE,
    (ESCALATED, COMPLETE): DONE,
    (OPEN, ESCALATE): ESCALATED,
    (OPEN, CANCEL): CANCELLED,
    (ESCALATED, CANCEL): CANCELLED,
}

TASK_WORKFLOW = Workflow(
    name="rotation_task",
    states=TASK_STATES,
    actions=TASK_ACTIONS,
    initial=OPEN,
    transitions=TASK_TRANSITIONS,
)

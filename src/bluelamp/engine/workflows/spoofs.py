"""Where a spoof or unofficial account candidate is (CC/01 6.11).

A candidate is an account on a platform that may pass itself off as the force's, found by hand,
from a list or by a search. Corporate Communications reviews it (``new``) and decides:

- ``spoof``: it impersonates the force; a takedown request is drafted for the platform and
  sent (``request_takedown``), and its outcome recorded (``record_outcome``: taken down, refused,
  no answer);
- ``unofficial``: run by officers or staff for genuine policing, but outside the registry; it is
  brought under 3.2 (an application, or closed by its owner), and the outcome recorded;
- ``harmless``: a fan page, a parody clearly labelled, a namesake. It may be reopened.

A recorded outcome closes the candidate.
"""

from __future__ import annotations

from bluelamp.engine.workflows import Workflow

NEW = "new"
SPOOF = "spoof"
TAKEDOWN_REQUESTED = "takedown_requested"
UNOFFICIAL = "unofficial"
HARMLESS = "harmless"
CLOSED = "closed"

STATES = (NEW, SPOOF, TAKEDOWN_REQUESTED, UNOFFICIAL, HARMLESS, CLOSED)

MARK_SPOOF = "mark_spoof"
MARK_UNOFFICIAL = "mark_unofficial"
MARK_HARMLESS = "mark_harmless"
REQUEST_TAKEDOWN = "request_takedown"
RECORD_OUTCOME = "record_outcome"
REOPEN = "reopen"

ACTIONS = (MARK_SPOOF, MARK_UNOFFICIAL, MARK_HARMLESS, REQUEST_TAKEDOWN, RECORD_OUTCOME, REOPEN)

TRANSITIONS: dict[tuple[str, str], str] = {
    (NEW, MARK_SPOOF): SPOOF,
    (NEW, MARK_UNOFFICIAL): UNOFFICIAL,
    (NEW, MARK_HARMLESS): HARMLESS,
    (SPOOF, REQUEST_TAKEDOWN): TAKEDOWN_REQUESTED,
    (SPOOF, REOPEN): NEW,
    (TAKEDOWN_REQUESTED, RECORD_OUTCOME): CLOSED,
    (UNOFFICIAL, RECORD_OUTCOME): CLOSED,
    (UNOFFICIAL, REOPEN): NEW,
    (HARMLESS, REOPEN): NEW,
}

WORKFLOW = Workflow(
    name="spoof candidate",
    states=STATES,
    actions=ACTIONS,
    initial=NEW,
    transitions=TRANSITIONS,
)

"""What the state × action × who tests share: a case arranged so each action could succeed where
its state allows it, who may take it, and the input each action's service takes."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from bluelamp.audit.models import AuditEvent
from bluelamp.conduct.choices import Team
from bluelamp.conduct.models import ConductCase
from bluelamp.conduct.tests.conftest import EVERYONE, NOW
from bluelamp.conduct.tests.factories import ConductCaseFactory
from bluelamp.engine.workflows import conduct_cases as flow

#: States in which Professional Standards hold the case in the arranged cases.
PSD_STATES = {flow.REFERRED}


def arrange(state: str, force) -> ConductCase:
    """A case in ``state``, about ``force.subject``, reported by ``force.reporter``; removal
    requested (and overdue) where the state says so."""
    team = Team.PSD if state in PSD_STATES else Team.CCD
    fields: dict[str, Any] = {
        "status": state,
        "team": team,
        "reported_by": force.reporter,
        "subject": force.subject,
    }
    if state in (flow.AWAITING_REMOVAL, flow.REMOVAL_DONE, flow.REMOVAL_OVERDUE, flow.CLOSED):
        fields.update(
            removal_what="The post of 27 February",
            removal_deadline=dt.date(2026, 2, 1),  # long past: escalation is due
            removal_requested_at=NOW - dt.timedelta(days=40),
        )
    return ConductCaseFactory(**fields)


def allowed_actor(action: str, case: ConductCase) -> str:
    """Who alone may take ``action`` on the arranged case."""
    if action == flow.PROVE_REMOVAL:
        return "subject"
    if action in (flow.ASSESS, flow.REFER):
        return "ccd"
    return "psd" if case.team == Team.PSD else "ccd"


INPUTS: dict[str, dict[str, Any]] = {
    flow.ASSESS: {"seriousness": "minor", "assessment": "A detainee's face: 6.7 and 4.10."},
    flow.REFER: {"reason": "Gross misconduct is possible."},
    flow.REQUEST_REMOVAL: {"what": "The post", "deadline": dt.date(2026, 3, 9)},
    flow.PROVE_REMOVAL: {"statement": "Deleted it on 3 March.", "link": "https://x.com/s/1"},
    flow.ESCALATE: {},
    flow.CLOSE: {"outcome": "advice", "note": ""},
}


def inputs(action: str) -> dict[str, Any]:
    return {**INPUTS[action], "now": NOW}


def state_of(case: ConductCase) -> tuple:
    row = ConductCase.objects.get(pk=case.pk)
    return (
        {f.name: getattr(row, f.name) for f in row._meta.concrete_fields},
        AuditEvent.objects.count(),
    )


CASES = list(itertools.product(flow.STATES, flow.ACTIONS, EVERYONE))
CASE_IDS = [f"{s}-{a}-{w}" for s, a, w in CASES]

"""Every step of a conduct case, defined once (``core.actions``): the engine's table
(``engine/workflows/conduct_cases.py``), who may take it (``rules``), its page form and API
serializer, and the one service. The case page (``views.case_action``), the member of staff's
removal page (``views.removal_detail``) and the API (``api.views``, built by
``core.rest.steps.step_view``) all read ``CONDUCT_CASE_ACTIONS``; none checks state by hand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bluelamp.conduct import forms, rules
from bluelamp.conduct.api import serializers as api
from bluelamp.conduct.choices import Team
from bluelamp.conduct.models import ConductCase
from bluelamp.conduct.services.cases import (
    conduct_case_assess,
    conduct_case_close,
    conduct_case_escalate,
    conduct_case_refer,
    conduct_case_removal_prove,
    conduct_case_removal_request,
    refuse_state,
    removal_overdue,
)
from bluelamp.core.actions import Action, ActionSet
from bluelamp.core.errors import ApplicationError
from bluelamp.engine.workflows import conduct_cases as flow


@dataclass(frozen=True)
class CaseAction(Action):
    """A step of a conduct case, with the page's button words."""

    submit: str = ""
    hint: str = ""


def _proof(data: Mapping[str, Any]) -> dict[str, Any]:
    """The proof page's words (its screenshot is read from the upload by the page)."""
    return {"statement": data["statement"], "link": data["link"]}


def _proof_body(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "statement": data.get("statement", ""),
        "link": data.get("link", ""),
        "screenshot": data.get("screenshot") or b"",
        "screenshot_name": "screenshot",
    }


def _refusal(case: ConductCase, name: str, hint: str) -> ApplicationError:
    return refuse_state(case, name)


ERRORS = {
    "403": "permission_denied: your team does not hold this case, or the step is another's "
    "(only the member of staff asked gives proof of removal; only CCD assesses and refers).",
    "409": "invalid_transition (with `state` and `action`): the case's state does not allow it.",
}

CONDUCT_CASE_ACTIONS = ActionSet(
    entity="conduct_case",
    workflow=flow.WORKFLOW,
    state_refusal=_refusal,
    actions=[
        CaseAction(
            name=flow.ASSESS,
            steps=(flow.ASSESS,),
            permission=rules.ccd_while_held,
            form=forms.AssessForm,
            serializer=api.AssessSerializer,
            service=conduct_case_assess,
            label="Assess the report",
            submit="Record the assessment",
            done="Assessment recorded.",
            summary="Record CCD's assessment: seriousness, reasons, the member of staff",
            description="CCD only, while CCD hold the case. `subject` is a username.",
        ),
        CaseAction(
            name=flow.REFER,
            steps=(flow.REFER,),
            condition=lambda case: case.team == Team.CCD,
            permission=rules.ccd_while_held,
            form=forms.ReferForm,
            serializer=api.ReferSerializer,
            service=conduct_case_refer,
            label="Refer to Professional Standards",
            submit="Refer the case",
            hint="Once referred, only Professional Standards can see the case: CCD cannot.",
            done="Referred to Professional Standards.",
            summary="Refer the case to Professional Standards (4.5); CCD lose access",
        ),
        CaseAction(
            name=flow.REQUEST_REMOVAL,
            steps=(flow.REQUEST_REMOVAL,),
            permission=rules.holding_team,
            form=forms.RemovalRequestForm,
            serializer=api.RemovalRequestSerializer,
            service=conduct_case_removal_request,
            label="Ask for the content to be removed",
            submit="Send the request",
            hint="The member of staff is told what to remove and by when, not who reported it.",
            done="Removal requested.",
            summary="Ask the member of staff to remove the content by a deadline (6.16)",
        ),
        CaseAction(
            name=flow.PROVE_REMOVAL,
            steps=(flow.PROVE_REMOVAL,),
            permission=rules.the_subject,
            form=forms.ProofForm,
            from_form=_proof,
            serializer=api.ProofSerializer,
            from_body=_proof_body,
            service=conduct_case_removal_prove,
            label="Give proof of removal",
            submit="Send the proof",
            done="Thank you: your proof of removal has been sent.",
            summary="Give proof that the content is gone (the member of staff asked)",
            description="A statement, and the link or a screenshot (base64) or both.",
        ),
        CaseAction(
            name=flow.ESCALATE,
            steps=(flow.ESCALATE,),
            condition=removal_overdue,
            permission=rules.holding_team,
            form=forms.EscalateForm,
            service=conduct_case_escalate,
            label="Escalate: the removal is overdue",
            submit="Escalate",
            done="Escalated.",
            summary="Escalate a removal request past its deadline",
            description="The worker does this every day by itself; 409 before the deadline.",
        ),
        CaseAction(
            name=flow.CLOSE,
            steps=(flow.CLOSE,),
            permission=rules.holding_team,
            form=forms.CloseForm,
            serializer=api.CloseSerializer,
            service=conduct_case_close,
            label="Record the outcome and close",
            submit="Close the case",
            done="Case closed.",
            summary="Record the outcome and close the case",
        ),
    ],
)

#: The steps the team holding the case takes on its page (proof is the member of staff's own).
TEAM_ACTIONS = tuple(a for a in CONDUCT_CASE_ACTIONS.names() if a != flow.PROVE_REMOVAL)


def conduct_case_available_actions(*, user: Any, conduct_case: ConductCase) -> list[str]:
    return CONDUCT_CASE_ACTIONS.available(conduct_case, user)

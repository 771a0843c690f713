"""What CCD can do with a spoof candidate, declared once (``core.actions``): each step of
``engine.workflows.spoofs`` with who may (CCD), its form, its API body and its one service.
The pages and the API read these; the services check permission and state again."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bluelamp.core.actions import Action, ActionSet
from bluelamp.engine.workflows import spoofs as flow
from bluelamp.spoofs import forms, permissions, services
from bluelamp.spoofs.choices import Outcome


class ReasonBody(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class TakedownBody(serializers.Serializer):
    text = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="The request as sent; blank: the draft for the platform.",
    )
    reference = serializers.CharField(allow_blank=True, required=False, default="")


class OutcomeBody(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(allow_blank=True, required=False, default="")


def _reason_action(name: str, step: str, service, done: str, summary: str) -> Action:
    return Action(
        name=name,
        steps=(step,),
        permission=permissions.manage_refusal,
        form=forms.ReasonForm,
        serializer=ReasonBody,
        service=service,
        done=done,
        label=summary,
        summary=summary,
    )


CANDIDATE_ACTIONS = ActionSet(
    entity="candidate",
    workflow=flow.WORKFLOW,
    actions=(
        _reason_action(
            "mark_spoof",
            flow.MARK_SPOOF,
            services.candidate_mark_spoof,
            "Marked as a spoof: send the takedown request.",
            "Mark as a spoof",
        ),
        _reason_action(
            "mark_unofficial",
            flow.MARK_UNOFFICIAL,
            services.candidate_mark_unofficial,
            "Marked as unofficial but genuine: bring it under the registry (3.2).",
            "Mark as unofficial but genuine",
        ),
        _reason_action(
            "mark_harmless",
            flow.MARK_HARMLESS,
            services.candidate_mark_harmless,
            "Marked as harmless.",
            "Mark as harmless",
        ),
        Action(
            name="request_takedown",
            steps=(flow.REQUEST_TAKEDOWN,),
            permission=permissions.manage_refusal,
            form=forms.TakedownForm,
            serializer=TakedownBody,
            service=services.candidate_request_takedown,
            done="Takedown request recorded.",
            label="Record the takedown request",
            summary="Record that the takedown request was sent",
        ),
        Action(
            name="record_outcome",
            steps=(flow.RECORD_OUTCOME,),
            permission=permissions.manage_refusal,
            form=forms.OutcomeForm,
            serializer=OutcomeBody,
            service=services.candidate_record_outcome,
            done="Outcome recorded: closed.",
            label="Record the outcome",
            summary="Record how it ended (closes it)",
        ),
        _reason_action(
            "reopen",
            flow.REOPEN,
            services.candidate_reopen,
            "Reopened: back in the review queue.",
            "Reopen",
        ),
    ),
)

ADD = Action(
    name="add",
    permission=permissions.manage_refusal,
    form=forms.CandidateForm,
    service=services.candidate_add,
    done="Added and scored.",
    summary="Add a possible spoof account",
)


def candidate_available_actions(*, user: Any, candidate: Any) -> list[str]:
    return CANDIDATE_ACTIONS.available(candidate, user)

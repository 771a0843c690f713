"""Every workflow action on a lost-device report and a rotation task, defined once
(``core.actions``): the step in the engine's table (``engine/workflows/account_security.py``),
who may take it, its input on the pages (form) and in the API (serializer), and the one service
that does it. The pages (``views``) and the API (``api.views``, built by
``core.rest.steps.step_view``) both read these; neither checks the state by hand.

Escalation and closure are the system's (the sweep, the last step): they are in the table and
the services, not offered to anyone here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bluelamp.account_security import forms, permissions, selectors
from bluelamp.account_security.api import serializers as api
from bluelamp.account_security.models import LostDeviceReport, RotationTask
from bluelamp.account_security.services.lost_devices import (
    checklist_step_complete,
    lost_device_publishing_resume,
    lost_device_publishing_suspend,
    report_refusal,
)
from bluelamp.account_security.services.rotation import rotation_task_complete
from bluelamp.core.actions import Action, ActionSet
from bluelamp.core.errors import InvalidTransitionError
from bluelamp.engine.workflows import account_security as flow


def _step(*, lost_device_report: LostDeviceReport, checklist_id: Any = None, **kwargs: Any):
    checklist = selectors.checklist_of(lost_device_report, checklist_id)
    return checklist_step_complete(
        lost_device_report=lost_device_report, checklist=checklist, **kwargs
    )


def _any_suspended(report: LostDeviceReport) -> bool:
    return any(c.account.publishing_suspended for c in report.checklists.all())


def _any_open_unsuspended(report: LostDeviceReport) -> bool:
    return any(
        c.status == flow.OPEN and not c.account.publishing_suspended
        for c in report.checklists.all()
    )


def _reason(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reason": data.get("reason", "")}


_FORBIDDEN = (
    "permission_denied: not the account's owner or deputy nor CCD (a step), not CCD (suspension), "
    "or an auditor."
)
_CONFLICT = "invalid_transition (with `state` and `action`): the report is closed."
ERRORS = {"403": _FORBIDDEN, "409": _CONFLICT}

LOST_DEVICE_ACTIONS = ActionSet(
    entity="lost_device_report",
    workflow=flow.REPORT_WORKFLOW,
    state_refusal=lambda report, name, hint: report_refusal(report, name, hint),
    actions=[
        Action(
            name=flow.COMPLETE_STEP,
            steps=(flow.COMPLETE_STEP,),
            permission=permissions.step_refusal,
            form=forms.StepForm,
            serializer=api.StepSerializer,
            service=_step,
            label="Tick a step",
            summary="Tick one step of one account's checklist (5.5, 5.6)",
            description="`checklist_id` names the account's checklist on the report, `step` the "
            "step: `password` (give `password`, and `username` unless the vault has it: lodged "
            "in the vault, CCD told), `sessions`, `tokens` (done by hand on the platform: no "
            "connector revokes tokens yet), `two_factor`, `posts` (records the archive's posts "
            "since the loss). The account's owner or deputy, or CCD. The last step secures the "
            "account; the last account closes the report.",
        ),
        Action(
            name=flow.SUSPEND_PUBLISHING,
            steps=(flow.SUSPEND_PUBLISHING,),
            condition=_any_open_unsuspended,
            permission=permissions.ccd_refusal,
            form=forms.SuspendForm,
            serializer=api.SuspendSerializer,
            from_body=_reason,
            service=lost_device_publishing_suspend,
            label="Suspend publishing on these accounts",
            summary="CCD suspends publishing on the report's accounts not yet secured",
            description="Nothing is approved or published on them until CCD resumes publishing "
            "(409 `publishing_suspended` from the posts' endpoints meanwhile).",
        ),
        Action(
            name=flow.RESUME_PUBLISHING,
            steps=(flow.RESUME_PUBLISHING,),
            condition=_any_suspended,
            permission=permissions.ccd_refusal,
            form=forms.ConfirmForm,
            service=lost_device_publishing_resume,
            label="Resume publishing on these accounts",
            summary="CCD resumes publishing on the report's accounts",
        ),
    ],
)


def _task_refusal(task: RotationTask, name: str, hint: str) -> InvalidTransitionError:
    return InvalidTransitionError(
        hint or f"That cannot be done: the task is {task.get_status_display().lower()}.",
        state=task.status,
        action=name,
    )


ROTATION_ACTIONS = ActionSet(
    entity="rotation_task",
    workflow=flow.TASK_WORKFLOW,
    state_refusal=_task_refusal,
    actions=[
        Action(
            name=flow.COMPLETE,
            steps=(flow.COMPLETE,),
            permission=lambda user, task: permissions.administrator_refusal(user, task.account),
            form=forms.RotationForm,
            serializer=api.RotationSerializer,
            service=rotation_task_complete,
            label="Lodge the new password",
            summary="Lodge the account's new password in the vault (3.7); CCD is told (3.8)",
            description="The owner, the deputy or CCD. Every open task on the account is done.",
        ),
    ],
)


def report_available_actions(*, user: Any, report: LostDeviceReport) -> list[str]:
    return LOST_DEVICE_ACTIONS.available(report, user)


def task_available_actions(*, user: Any, task: RotationTask) -> list[str]:
    return ROTATION_ACTIONS.available(task, user)

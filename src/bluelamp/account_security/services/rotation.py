"""Password rotation as work (CC/01 5.7, 5.9, 3.7, 3.8): every trigger opens (or adds its
reason to) one task for the account's administrator, with a due date; lodging the new
credential in the vault completes it and tells CCD; an overdue task escalates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse

from bluelamp.account_security import permissions, selectors
from bluelamp.account_security.choices import Trigger
from bluelamp.account_security.models import LostDeviceReport, RotationTask
from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.core.mail import addresses, notify
from bluelamp.core.transitions import transition
from bluelamp.engine.workflows import account_security as flow
from bluelamp.social_accounts.choices import AccountStatus
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.services.credentials import account_credentials_record


def _task_refusal(task: RotationTask, action: str) -> InvalidTransitionError:
    return InvalidTransitionError(
        f"That cannot be done: the task is {task.get_status_display().lower()}.",
        state=task.status,
        action=action,
    )


def rotation_task_open(
    *,
    account: Account,
    trigger: str,
    detail: str,
    actor: Any = None,
    now: dt.datetime | None = None,
    due_at: dt.datetime | None = None,
    report: LostDeviceReport | None = None,
) -> RotationTask | None:
    """Ask the account's administrator to change its password by ``due_at`` (default: the
    pack's ``rotation_task_days`` from now). One open task per account: a further trigger adds
    its reason and brings the due date forward if sooner. The system may act (``actor``
    None). Closed accounts get no task (None)."""
    now = aware_now(now)
    due_at = due_at or now + dt.timedelta(days=selectors.rotation_task_days())
    reason = {"trigger": trigger, "detail": detail, "at": now.isoformat()}
    with transaction.atomic():
        account = (
            Account.objects.select_for_update(of=("self",))
            .select_related("owner", "deputy")
            .get(pk=account.pk)
        )
        if account.status == AccountStatus.CLOSED:
            return None
        task = selectors.open_task_for(account)
        if task is not None:
            fields = ["reasons", "updated_at"]
            task.reasons = [*task.reasons, reason]
            if due_at < task.due_at:
                task.due_at = due_at
                fields.append("due_at")
            if report is not None and task.lost_device_report_id is None:
                task.lost_device_report = report
                fields.append("lost_device_report")
            task.updated_at = now
            task.save(update_fields=fields)
            audit_record(
                actor=actor,
                actor_text=None if actor else "Bluelamp (rotation)",
                action="rotation_task.reason_added",
                target=task,
                after={"trigger": trigger, "detail": detail, "due_at": task.due_at.isoformat()},
                now=now,
            )
        else:
            task = RotationTask.objects.create(
                account=account,
                assignee=account.owner,
                trigger=trigger,
                reasons=[reason],
                lost_device_report=report,
                opened_at=now,
                due_at=due_at,
            )
            audit_record(
                actor=actor,
                actor_text=None if actor else "Bluelamp (rotation)",
                action="rotation_task.opened",
                target=task,
                after={
                    "account": account.pk,
                    "trigger": trigger,
                    "detail": detail,
                    "assignee": account.owner.username,
                    "due_at": due_at.isoformat(),
                },
                now=now,
            )
        notify(
            link=reverse("account_security:rotation_list"),
            subject=f"{account.at_handle}: change the password by {due_at:%d %b %Y %H:%M}",
            body=(
                f"The password of {account} must be changed ({Trigger(trigger).label.lower()}: "
                f"{detail}), CC/01 5.7, 5.9. Change it on the platform, then lodge the new one in "
                f"Bluelamp's vault from your rotation tasks ({task.reference}); Corporate "
                "Communications is told when you do (3.7, 3.8)."
            ),
            to=[addresses(account.owner, account.deputy)],
        )
    return task


def rotation_task_complete(
    *,
    rotation_task: RotationTask,
    actor: Any,
    username: str,
    password: str,
    now: dt.datetime | None = None,
) -> RotationTask:
    """Lodge the new credential in the vault (3.7): the vault's service records it, tells CCD
    (3.8) and, through ``credentials_recorded``, completes this task and any other open one on
    the account. The owner, the deputy or CCD may."""
    now = aware_now(now)
    with transaction.atomic():
        task = RotationTask.objects.select_for_update(of=("self",)).get(pk=rotation_task.pk)
        refusal = permissions.administrator_refusal(actor, task.account)
        if refusal:
            raise PermissionDeniedError(refusal)
        if not flow.TASK_WORKFLOW.allowed(task.status, flow.COMPLETE):
            raise _task_refusal(task, flow.COMPLETE)
        account_credentials_record(
            actor=actor, account=task.account, username=username, password=password, now=now
        )
        task.refresh_from_db()
    return task


def rotation_tasks_complete_for(*, account: Account, actor: Any, now: dt.datetime) -> int:
    """The new credential is in the vault: every open task on the account is done (called from
    the ``credentials_recorded`` signal, inside the vault's transaction)."""
    done = 0
    for task in RotationTask.objects.select_for_update(of=("self",)).filter(
        account=account, status__in=flow.TASK_OPEN_STATES
    ):
        transition(
            task,
            workflow=flow.TASK_WORKFLOW,
            action=flow.COMPLETE,
            actor=actor,
            audit_action="rotation_task.completed",
            now=now,
            changes={"completed_at": now, "completed_by": actor},
            after={"completed_by": getattr(actor, "username", None), "lodged_in_vault": True},
        )
        done += 1
    return done


def rotation_task_escalate(*, rotation_task: RotationTask, now: dt.datetime | None = None):
    """An overdue task: the administrator, their line manager and CCD's duty contact are told.
    The system acts."""
    now = aware_now(now)
    with transaction.atomic():
        task = (
            RotationTask.objects.select_for_update(of=("self",))
            .select_related("account", "assignee", "assignee__line_manager")
            .get(pk=rotation_task.pk)
        )
        transition(
            task,
            workflow=flow.TASK_WORKFLOW,
            action=flow.ESCALATE,
            actor=None,
            audit_action="rotation_task.escalated",
            now=now,
            changes={"escalated_at": now},
            refusal=_task_refusal,
            after={"due_at": task.due_at.isoformat()},
        )
        account = task.account
        notify(
            link=reverse("account_security:rotation_list"),
            subject=f"Overdue: {account.at_handle}'s password was due to change",
            body=(
                f"The password of {account} was due to change by {task.due_at:%d %b %Y %H:%M} "
                f"({task.reference}, {task.get_trigger_display().lower()}) and the new one has not "
                "been lodged in the vault (CC/01 5.7, 5.9). This is now escalated."
            ),
            to=[
                addresses(task.assignee, task.assignee.line_manager, account.deputy),
                selectors.duty_contact(),
            ],
        )
    return task


def rotation_tasks_cancel_for_closed(*, now: dt.datetime) -> int:
    count = 0
    with transaction.atomic():
        for task in RotationTask.objects.select_for_update(of=("self",)).filter(
            status__in=flow.TASK_OPEN_STATES, account__status=AccountStatus.CLOSED
        ):
            transition(
                task,
                workflow=flow.TASK_WORKFLOW,
                action=flow.CANCEL,
                actor=None,
                audit_action="rotation_task.cancelled",
                now=now,
            )
            count += 1
    return count


def rotation_tasks_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic work (``bluelamp worker``, ``bluelamp manage account_security_sweep``):
    open a task for every account whose password is older than the pack's
    ``password_rotation_days`` (5.9) and has none open, escalate overdue tasks, cancel those of
    closed accounts. Idempotent."""
    now = aware_now(now)
    pack = selectors.policy_pack()
    days = pack.thresholds["password_rotation_days"]
    limit = now - dt.timedelta(days=days)
    opened = 0
    stale = (
        Account.objects.exclude(status=AccountStatus.CLOSED)
        .exclude(rotation_tasks__status__in=flow.TASK_OPEN_STATES)
        .order_by("pk")
    )
    for account in stale:
        changed = account.password_changed_at or account.opened_at
        if changed is None or changed >= limit:
            continue
        when = f"{changed:%d %b %Y}" if account.password_changed_at else "never recorded"
        task = rotation_task_open(
            account=account,
            trigger=Trigger.PASSWORD_AGE,
            detail=f"last changed {when}, rotation every {days} days",
            now=now,
        )
        opened += task is not None
    escalated = 0
    for task in RotationTask.objects.filter(status=flow.OPEN, due_at__lt=now).order_by("pk"):
        rotation_task_escalate(rotation_task=task, now=now)
        escalated += 1
    cancelled = rotation_tasks_cancel_for_closed(now=now)
    return {"opened": opened, "escalated": escalated, "cancelled": cancelled}

"""Rotation tasks and lost-device checklists waiting for the signed-in person (the home page
and ``GET /api/v1/me/work``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import reverse

from bluelamp.account_security.models import Checklist, RotationTask
from bluelamp.core.worklist import WorkItem, WorkList
from bluelamp.engine.workflows import account_security as flow


def work(user: Any, now: dt.datetime) -> list[WorkList]:
    found = []
    tasks = list(
        RotationTask.objects.select_related("account")
        .filter(assignee=user, status__in=flow.TASK_OPEN_STATES)
        .order_by("due_at", "pk")
    )
    if tasks:
        found.append(
            WorkList(
                key="account_security.rotation",
                title="Passwords to change",
                url=reverse("account_security:rotation_list"),
                items=[
                    WorkItem(
                        title=f"Change the password of {task.account}",
                        url=reverse("account_security:rotation_list"),
                        due=task.due_at,
                        since=task.opened_at,
                        detail=task.get_trigger_display(),
                    )
                    for task in tasks
                ],
            )
        )
    checklists = list(
        Checklist.objects.select_related("report", "account")
        .filter(Q(account__owner=user) | Q(account__deputy=user))
        .filter(report__status__in=flow.REPORT_OPEN_STATES)
        .exclude(secured_at__isnull=False)
        .order_by("report__secure_by", "pk")
    )
    if checklists:
        found.append(
            WorkList(
                key="account_security.lost_devices",
                title="Accounts to secure after a lost device",
                url=reverse("account_security:home"),
                items=[
                    WorkItem(
                        title=f"Secure {c.account} ({c.report.reference})",
                        url=reverse("account_security:report_detail", args=[c.report.pk]),
                        due=c.report.secure_by,
                        since=c.report.reported_at,
                        detail=c.report.device,
                    )
                    for c in checklists
                ],
            )
        )
    return found

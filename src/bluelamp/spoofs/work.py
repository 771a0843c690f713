"""Spoof candidates waiting for review (the home page and ``GET /api/v1/me/work``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from bluelamp.core.worklist import WorkItem, WorkList
from bluelamp.spoofs import permissions
from bluelamp.spoofs.choices import CandidateStatus
from bluelamp.spoofs.models import Candidate


def work(user: Any, now: dt.datetime) -> list[WorkList]:
    # The auditor reads the queue but decides nothing.
    if not permissions.can_manage(user):
        return []
    waiting = list(
        Candidate.objects.filter(status__in=[CandidateStatus.NEW, CandidateStatus.SPOOF]).order_by(
            "added_at", "pk"
        )[:200]
    )
    if not waiting:
        return []
    return [
        WorkList(
            key="spoofs.candidates",
            title="Possible spoof accounts to review",
            url=reverse("spoofs:queue"),
            items=[
                WorkItem(
                    title=f"{c.get_platform_display()} @{c.handle}",
                    url=reverse("spoofs:detail", args=[c.pk]),
                    since=c.added_at,
                    detail=f"{c.get_status_display()}, score {c.score}",
                )
                for c in waiting
            ],
        )
    ]

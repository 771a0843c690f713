"""Conduct cases waiting for the signed-in person's team (the home page and
``GET /api/v1/me/work``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from bluelamp.conduct import selectors
from bluelamp.core.worklist import WorkItem, WorkList
from bluelamp.engine.workflows import conduct_cases as flow


def work(user: Any, now: dt.datetime) -> list[WorkList]:
    cases = list(
        selectors.handled_cases(user=user)
        .filter(status__in=flow.OPEN_STATES)
        .order_by("reported_at", "pk")[:200]
    )
    if not cases:
        return []
    return [
        WorkList(
            key="conduct.cases",
            title="Conduct cases your team holds",
            url=reverse("conduct:queue"),
            items=[
                WorkItem(
                    title=f"{case.reference}: {case.get_status_display()}",
                    url=reverse("conduct:case", args=[case.pk]),
                    due=case.removal_deadline,
                    since=case.reported_at,
                    detail=f"Clause {case.clause}" if case.clause else "",
                )
                for case in cases
            ],
        )
    ]

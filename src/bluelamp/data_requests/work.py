"""Removal and correction requests waiting for information security (the home page and
``GET /api/v1/me/work``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from bluelamp.core.worklist import WorkItem, WorkList
from bluelamp.data_requests import permissions, selectors
from bluelamp.engine import deadlines


def work(user: Any, now: dt.datetime) -> list[WorkList]:
    # The auditor may read the requests but has none to do.
    if not permissions.can_act(user):
        return []
    queue = selectors.removal_request_queue(user=user, today=deadlines.london_date(now))
    if not queue:
        return []
    return [
        WorkList(
            key="data_requests.due",
            title="Removal and correction requests due",
            url=reverse("data_requests:queue"),
            items=[
                WorkItem(
                    title=f"{due.request.reference} ({due.request.get_status_display()})",
                    url=reverse("data_requests:detail", args=[due.request.pk]),
                    due=due.deadline,
                    since=due.request.received_at,
                    detail=due.text,
                )
                for due in queue
            ],
        )
    ]

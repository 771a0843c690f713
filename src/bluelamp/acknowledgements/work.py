"""The policy acknowledgement the signed-in person owes (the home page and
``GET /api/v1/me/work``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from bluelamp.acknowledgements import selectors
from bluelamp.core.worklist import WorkItem, WorkList


def work(user: Any, now: dt.datetime) -> list[WorkList]:
    if not selectors.acknowledgement_due(user):
        return []
    url = reverse("acknowledgements:acknowledge")
    _pack_id, version = selectors.current_version()
    return [
        WorkList(
            key="acknowledgements.due",
            title="Policy to acknowledge",
            url=url,
            items=[
                WorkItem(
                    title=f"Read and acknowledge the social media policy (version {version})",
                    url=url,
                )
            ],
        )
    ]

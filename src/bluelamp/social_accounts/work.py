"""Applications and account health waiting for the signed-in person (the home page and
``GET /api/v1/me/work``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import reverse

from bluelamp.core.worklist import WorkItem, WorkList
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts import selectors
from bluelamp.social_accounts.models import Account


def work(user: Any, now: dt.datetime) -> list[WorkList]:
    found = []
    applications = list(selectors.application_list(user=user, waiting_for_me=True)[:200])
    if applications:
        found.append(
            WorkList(
                key="social_accounts.applications",
                title="Applications waiting for your decision",
                url=reverse("social_accounts:application_list") + "?waiting=1",
                items=[
                    WorkItem(
                        title=f"{a.display_name} (@{a.handle})",
                        url=reverse("social_accounts:application_detail", args=[a.pk]),
                        since=a.submitted_at,
                        detail=f"From {a.applicant}",
                    )
                    for a in applications
                ],
            )
        )
    accounts = Account.objects.filter(
        Q(owner=user) | Q(deputy=user), status__in=account_flow.LIVE_STATES
    ).order_by("platform", "handle")
    unhealthy = []
    for account in accounts:
        issues = selectors.account_health(account, now=now)
        if issues:
            unhealthy.append(
                WorkItem(
                    title=str(account),
                    url=reverse("social_accounts:account_detail", args=[account.pk]),
                    detail="; ".join(issue.title for issue in issues),
                )
            )
    if unhealthy:
        found.append(
            WorkList(
                key="social_accounts.health",
                title="Your accounts with health problems",
                url=reverse("social_accounts:account_list"),
                items=unhealthy,
            )
        )
    return found

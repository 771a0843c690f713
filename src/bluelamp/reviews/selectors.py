"""Every read of monthly reviews and appeal cases. A scoped fetch answers 404 alike for
"missing" and "not yours"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from bluelamp.core.errors import NotFoundError
from bluelamp.publishing.models import Post
from bluelamp.reviews import permissions
from bluelamp.reviews.models import AppealRemovalTask, Case, Review, ReviewItem


def review_list(*, user: Any, status: str = "") -> QuerySet[Review]:
    rows = Review.objects.select_related("account", "owner").annotate(
        item_count=Count("items"), undecided_count=Count("items", filter=Q(items__decision=""))
    )
    scope = permissions.review_visibility(user)
    if scope is not None:
        rows = rows.filter(scope)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-month", "account__handle", "pk")


def review_get(*, user: Any, pk: Any) -> Review:
    rows = Review.objects.select_related("account", "owner", "completed_by").prefetch_related(
        Prefetch("items", queryset=ReviewItem.objects.select_related("post", "decided_by"))
    )
    scope = permissions.review_visibility(user)
    if scope is not None:
        rows = rows.filter(scope)
    review = rows.filter(pk=pk).first()
    if review is None:
        raise NotFoundError("There is no such review.")
    return review


def review_item_get(review: Review, pk: Any) -> ReviewItem:
    item = ReviewItem.objects.select_related("post").filter(review=review, pk=pk).first()
    if item is None:
        raise NotFoundError("There is no such post in this review.")
    return item


@dataclass
class Completion:
    label: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def completion(*, user: Any, month=None) -> tuple[list[Completion], list[Completion], Any]:
    """Review completion for one month (the latest by default): per account and per
    department (the account's team)."""
    rows = review_list(user=user)
    if month is None:
        month = rows.values_list("month", flat=True).order_by("-month").first()
    if month is None:
        return [], [], None
    rows = list(rows.filter(month=month))
    accounts = [
        Completion(
            f"@{r.account.handle} ({r.account.get_platform_display()})", int(r.status == "done"), 1
        )
        for r in rows
    ]
    teams: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        team = teams[r.account.team or "No department recorded"]
        team[0] += int(r.status == "done")
        team[1] += 1
    departments = [Completion(name, d, t) for name, (d, t) in sorted(teams.items())]
    return accounts, departments, month


def case_list(*, user: Any) -> QuerySet[Case]:
    if not permissions.can_see_cases(user):
        return Case.objects.none()
    return Case.objects.annotate(post_count=Count("links")).order_by("-created_at", "-pk")


def case_get(*, user: Any, pk: Any) -> Case:
    case = case_list(user=user).filter(pk=pk).first()
    if case is None:
        raise NotFoundError("There is no such case.")
    return case


def case_posts(case: Case) -> QuerySet[Post]:
    return Post.objects.filter(appeal_cases=case).select_related("account").order_by("pk")


def case_tasks(case: Case) -> QuerySet[AppealRemovalTask]:
    return AppealRemovalTask.objects.filter(case=case).select_related("post", "post__account")


def case_task_get(case: Case, pk: Any) -> AppealRemovalTask:
    task = case_tasks(case).filter(pk=pk).first()
    if task is None:
        raise NotFoundError("There is no such removal task on this case.")
    return task

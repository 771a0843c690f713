"""Who may see and do what in monthly reviews (CC/01 4.1) and appeal cases (4.11).

A review belongs to its account's owner: the owner (or the account's deputy) decides its items
and completes it; Corporate Communications may do so for any account (it may remove any
content, 4.3). The owner's line manager sees the reviews of their team (they are told when one
is late) and auditors read everything; neither changes anything. Everyone else is answered as if
the review did not exist. Appeal cases are recorded and resolved by CCD and by anyone who may
post on an account (they know when their appeal ends); auditors read them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role

READS_ALL = (Role.CCD, Role.AUDITOR)
CHART_ROLES = (Role.CCD, Role.AUDITOR, Role.LINE_MANAGER)
CASE_ROLES = (Role.CCD, Role.AUDITOR, Role.STAFF)


def review_visibility(user: Any) -> Q | None:
    """A filter for the reviews ``user`` may read; None means all of them."""
    if user_has_role(user, *READS_ALL):
        return None
    return (
        Q(account__owner=user)
        | Q(account__deputy=user)
        | Q(owner=user)
        | Q(owner__line_manager=user)
    )


def decide_refusal(user: Any, review: Any) -> str | None:
    """Why ``user`` may not decide items of ``review`` or complete it, or None."""
    if user_has_role(user, Role.CCD):
        return None
    account = review.account
    if user.pk in (review.owner_id, account.owner_id, account.deputy_id):
        return None
    return "Only the account's owner, its deputy or Corporate Communications may do the review."


def check_can_decide(user: Any, review: Any) -> None:
    refusal = decide_refusal(user, review)
    if refusal:
        raise PermissionDeniedError(refusal)


def can_see_chart(user: Any) -> bool:
    return user_has_role(user, *CHART_ROLES)


def can_see_cases(user: Any) -> bool:
    return user_has_role(user, *CASE_ROLES)


def case_refusal(user: Any, case: Any = None) -> str | None:
    """Why ``user`` may not record, link or resolve appeal cases, or None."""
    if user_has_role(user, Role.CCD, Role.STAFF):
        return None
    return "Only Corporate Communications and staff who post may record appeal cases."


def check_can_manage_case(user: Any) -> None:
    refusal = case_refusal(user)
    if refusal:
        raise PermissionDeniedError(refusal)

"""Reads of saved self-checks: a person's own, and only theirs (404 alike for missing and
someone else's, so nobody can learn that another person saved one)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bluelamp.core.errors import NotFoundError
from bluelamp.selfcheck import permissions
from bluelamp.selfcheck.models import SavedSelfCheck


def saved_check_list(*, user: Any) -> QuerySet[SavedSelfCheck]:
    if not permissions.can_run(user):
        raise NotFoundError()
    return SavedSelfCheck.objects.filter(owner=user)


def saved_check_get(*, user: Any, pk: int) -> SavedSelfCheck:
    saved = saved_check_list(user=user).filter(pk=pk).first()
    if saved is None:
        raise NotFoundError()
    return saved

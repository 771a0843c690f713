"""Reads for core: users, roles, and the sign-in lock-out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from bluelamp.core.errors import NotFoundError
from bluelamp.core.models import LoginFailure, Notification, User
from bluelamp.core.roles import Role


def lockout_key(username: str) -> str:
    """Failures are counted per username, ignoring case and surrounding spaces."""
    return username.strip().casefold()[:150]


def login_locked_until(*, username: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the lock on ``username`` lifts, or None if it is not locked.

    Locked while at least BLUELAMP_LOCKOUT_FAILURES failures lie within the last
    BLUELAMP_LOCKOUT_WINDOW; the lock lifts when enough of them age out of the window."""
    now = now or timezone.now()
    limit: int = settings.BLUELAMP_LOCKOUT_FAILURES
    window: dt.timedelta = settings.BLUELAMP_LOCKOUT_WINDOW
    recent = list(
        LoginFailure.objects.filter(username=lockout_key(username), at__gt=now - window)
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    return recent[-1] + window


def login_is_locked(*, username: str, now: dt.datetime | None = None) -> bool:
    """True while sign-in for ``username`` is refused."""
    return login_locked_until(username=username, now=now) is not None


def user_find(*, username: str) -> User | None:
    """The user signing in as ``username`` (exact match first, then ignoring case)."""
    user = User.objects.filter(username=username).first()
    return user or User.objects.filter(username__iexact=username).first()


def user_roles_stored(user: User) -> frozenset[Role]:
    """The roles recorded for ``user`` in the database, active or not, never cached (for
    recording a change; to decide what someone may do, use core.permissions.user_roles)."""
    names = user.groups.values_list("name", flat=True)
    return frozenset(role for name in names if (role := Role.from_group_name(name)))


def users_with_role(role: Role) -> QuerySet[User]:
    """Active users holding ``role``."""
    return User.objects.filter(is_active=True, groups__name=role.group_name).distinct()


def notifications_of(user: Any) -> QuerySet[Notification]:
    """``user``'s own notifications, newest first (nobody else's are ever shown)."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_notification_count(user: Any) -> int:
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get(*, user: Any, pk: Any) -> Notification:
    """One of ``user``'s notifications; NotFoundError alike when missing or someone else's."""
    try:
        found = notifications_of(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFoundError("There is no such notification.")
    return found

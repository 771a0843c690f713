"""Writes for core: users and their roles, and the record of signing in and out.

Every function is keyword-only, takes the acting user (None for the system), runs in one
transaction and writes its audit event in that transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone

from bluelamp.core import selectors
from bluelamp.core.auditing import record as audit_record
from bluelamp.core.errors import ConflictError, InvalidInputError, NotFoundError
from bluelamp.core.models import LoginFailure, Notification, User
from bluelamp.core.permissions import check_role, forget_roles
from bluelamp.core.roles import Role

ANONYMOUS = "anonymous"


def _user_snapshot(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "email": user.email,
        "staff_id": user.staff_id,
        "team": user.team,
        "line_manager": user.line_manager.username if user.line_manager_id else None,
        "is_active": user.is_active,
    }


def _role_values(roles: Iterable[Role]) -> list[str]:
    return sorted(Role(role).value for role in roles)


def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    email: str = "",
    display_name: str = "",
    first_name: str = "",
    last_name: str = "",
    staff_id: str = "",
    team: str = "",
    line_manager: User | None = None,
    roles: Iterable[Role] = (),
) -> User:
    """Create a user with ``roles``. A ``password`` of None leaves the account unusable until
    a password is set. Raises ConflictError for a username or staff id already in use."""
    username = username.strip()
    roles = [Role(role) for role in roles]
    if not username:
        raise InvalidInputError(errors={"username": ["Enter a username."]})
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ConflictError(f"The username {username!r} is already in use.")
        if staff_id and User.objects.filter(staff_id=staff_id).exists():
            raise ConflictError(f"The staff ID {staff_id!r} is already in use.")
        user = User(
            username=username,
            email=email,
            display_name=display_name,
            first_name=first_name,
            last_name=last_name,
            staff_id=staff_id,
            team=team,
            line_manager=line_manager,
        )
        if password is None:
            user.set_unusable_password()
        else:
            try:
                validate_password(password, user)
            except DjangoValidationError as exc:
                raise InvalidInputError(errors={"password": list(exc.messages)}) from None
            user.set_password(password)
        user.save()
        groups = Group.objects.filter(name__in=[role.group_name for role in roles])
        user.groups.set(groups)
        audit_record(
            actor=actor,
            action="user.created",
            target=user,
            after={**_user_snapshot(user), "roles": _role_values(roles)},
        )
    return user


def user_roles_set(*, actor: User | None, user: User, roles: Iterable[Role]) -> None:
    """Give ``user`` exactly ``roles``. Only CCD may change roles (the system may too)."""
    if actor is not None:
        check_role(actor, Role.CCD, message="Only Corporate Communications can change roles.")
    wanted = {Role(role) for role in roles}
    with transaction.atomic():
        before = selectors.user_roles_stored(user)
        if set(before) == wanted:
            return
        user.groups.set(Group.objects.filter(name__in=[r.group_name for r in wanted]))
        forget_roles(user)
        audit_record(
            actor=actor,
            action="user.roles_changed",
            target=user,
            before={"roles": _role_values(before)},
            after={"roles": _role_values(wanted)},
        )


def _field_value(user: User, name: str, snapshot: dict[str, Any]) -> Any:
    if name in snapshot:
        return snapshot[name]
    if name == "password":
        return "[changed]"
    value = getattr(user, name, None)
    return value if value is None or isinstance(value, str | int | bool) else str(value)


def user_admin_change_record(
    *, actor: User, user: User, created: bool, changed_fields: Iterable[str], roles_before: set
) -> None:
    """Audit a change made on the admin site (which saves the user itself, being Django's):
    the fields it changed, and the roles before and after."""
    with transaction.atomic():
        roles_after = selectors.user_roles_stored(user)
        snapshot = _user_snapshot(user)
        if created:
            audit_record(
                actor=actor,
                action="user.created",
                target=user,
                after={**snapshot, "roles": _role_values(roles_after)},
            )
            return
        fields = sorted(set(changed_fields) - {"groups"})
        if fields:
            audit_record(
                actor=actor,
                action="user.updated",
                target=user,
                after={name: _field_value(user, name, snapshot) for name in fields},
            )
        if set(roles_before) != set(roles_after):
            audit_record(
                actor=actor,
                action="user.roles_changed",
                target=user,
                before={"roles": _role_values(roles_before)},
                after={"roles": _role_values(roles_after)},
            )


# --- Signing in and out ------------------------------------------------------------------------


def login_failure_record(
    *, username: str, ip_address: str | None, now: dt.datetime | None = None
) -> bool:
    """Record a failed sign-in for ``username``, audit it, and audit the lock-out if this
    failure is the one that locks the username. Returns True if the username is now locked."""
    now = now or timezone.now()
    key = selectors.lockout_key(username)
    with transaction.atomic():
        was_locked = selectors.login_is_locked(username=key, now=now)
        LoginFailure.objects.create(username=key, at=now, ip_address=ip_address)
        window = settings.BLUELAMP_LOCKOUT_WINDOW
        LoginFailure.objects.filter(at__lte=now - window).delete()  # keep the table small
        user = selectors.user_find(username=username.strip()) if key else None
        target = {
            "target_type": "core.user",
            "target_id": user.pk if user else "",
            "target_label": user.username if user else username.strip()[:150],
        }
        audit_record(
            actor=None,
            actor_text=ANONYMOUS,
            action="auth.login_failed",
            after={
                "username": username.strip()[:150],
                "reason": "locked" if was_locked else "bad_credentials",
                "ip_address": ip_address,
            },
            now=now,
            **target,
        )
        locked_until = selectors.login_locked_until(username=key, now=now)
        if locked_until is not None and not was_locked:
            audit_record(
                actor=None,
                actor_text=ANONYMOUS,
                action="auth.locked_out",
                after={
                    "username": username.strip()[:150],
                    "failures": settings.BLUELAMP_LOCKOUT_FAILURES,
                    "window_minutes": int(window.total_seconds() // 60),
                    "locked_until": locked_until.isoformat(),
                    "ip_address": ip_address,
                },
                now=now,
                **target,
            )
    return locked_until is not None


def login_success_record(*, user: User, ip_address: str | None) -> None:
    """Audit a sign-in and clear the username's failures."""
    with transaction.atomic():
        LoginFailure.objects.filter(username=selectors.lockout_key(user.get_username())).delete()
        audit_record(actor=user, action="auth.login", target=user, after={"ip_address": ip_address})


def logout_record(*, user: User, ip_address: str | None) -> None:
    """Audit a sign-out."""
    with transaction.atomic():
        audit_record(
            actor=user, action="auth.logout", target=user, after={"ip_address": ip_address}
        )


def login_lockout_clear(*, actor: User | None, username: str) -> int:
    """Lift the lock on ``username`` (CCD only). Returns how many failures were cleared."""
    if actor is not None:
        check_role(actor, Role.CCD, message="Only Corporate Communications can unlock accounts.")
    key = selectors.lockout_key(username)
    with transaction.atomic():
        cleared, _ = LoginFailure.objects.filter(username=key).delete()
        user = selectors.user_find(username=username.strip())
        audit_record(
            actor=actor,
            action="auth.unlocked",
            target_type="core.user",
            target_id=user.pk if user else "",
            target_label=user.username if user else username.strip()[:150],
            after={"username": username.strip()[:150], "failures_cleared": cleared},
        )
    return cleared


# --- Notifications ----------------------------------------------------------------------------
# Reading one's own notifications changes nothing of the force's records, so marking them read
# is not audited (it would flood the trail as sign-ins do); each person reaches only their own.


@transaction.atomic
def notification_mark_read(*, notification: Notification, actor: User) -> Notification:
    """Mark one of ``actor``'s notifications read (already read: unchanged)."""
    if notification.user_id != actor.pk:
        raise NotFoundError("There is no such notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of ``actor`` read; how many were."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )

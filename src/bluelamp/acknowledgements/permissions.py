"""Who must acknowledge the policy (everyone who may post or hold an account: staff, line
managers, CCD), who sees who has not (CCD and auditors), and who records training and sends
reminders (CCD)."""

from __future__ import annotations

from typing import Any

from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role

SUBJECT_ROLES = (Role.STAFF, Role.LINE_MANAGER, Role.CCD)
VIEW_ROLES = (Role.CCD, Role.AUDITOR)
MANAGE_ROLES = (Role.CCD,)


def is_subject(user: Any) -> bool:
    return user_has_role(user, *SUBJECT_ROLES)


def can_view(user: Any) -> bool:
    return user_has_role(user, *VIEW_ROLES)


def can_manage(user: Any) -> bool:
    return user_has_role(user, *MANAGE_ROLES)


def check_can_manage(user: Any) -> None:
    if not can_manage(user):
        raise PermissionDeniedError(
            "Only Corporate Communications may record training and send reminders."
        )


def check_is_subject(user: Any) -> None:
    if not is_subject(user):
        raise PermissionDeniedError("Only people who may post acknowledge the policy here.")

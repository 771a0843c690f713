"""Who may see and act on crisis periods.

Only Corporate Communications (CCD) declares and ends major incidents and sets and ends
election periods (CC/01 4.16, 6.12); auditors may read the list; everyone signed in sees the
banner only."""

from __future__ import annotations

from typing import Any

from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role

VIEW_ROLES = (Role.CCD, Role.AUDITOR)
MANAGE_ROLES = (Role.CCD,)


def can_view(user: Any) -> bool:
    """True for CCD and auditors."""
    return user_has_role(user, *VIEW_ROLES)


def can_manage(user: Any) -> bool:
    """True for CCD only."""
    return user_has_role(user, *MANAGE_ROLES)


def manage_refusal(user: Any, period: Any = None) -> str | None:
    """Why ``user`` may not declare, set or end a period, or None when they may (CCD)."""
    if can_manage(user):
        return None
    return "Only Corporate Communications may declare or end major incidents and election periods."


def check_can_manage(user: Any) -> None:
    """Raise PermissionDeniedError unless ``user`` is in CCD."""
    refusal = manage_refusal(user)
    if refusal:
        raise PermissionDeniedError(refusal)

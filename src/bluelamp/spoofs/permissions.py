"""Who may see and act on spoof candidates: Corporate Communications reviews them (CC/01 6.11);
auditors read; nobody else sees them."""

from __future__ import annotations

from typing import Any

from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role

VIEW_ROLES = (Role.CCD, Role.AUDITOR)
MANAGE_ROLES = (Role.CCD,)


def can_view(user: Any) -> bool:
    return user_has_role(user, *VIEW_ROLES)


def can_manage(user: Any) -> bool:
    return user_has_role(user, *MANAGE_ROLES)


def manage_refusal(user: Any, candidate: Any = None) -> str | None:
    """Why ``user`` may not add or review candidates, or None (CCD)."""
    if can_manage(user):
        return None
    return "Only Corporate Communications may review spoof and unofficial accounts."


def check_can_manage(user: Any) -> None:
    refusal = manage_refusal(user)
    if refusal:
        raise PermissionDeniedError(refusal)

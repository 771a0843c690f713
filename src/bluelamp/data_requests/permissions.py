"""Who may see and act on removal and correction requests.

The requester's details are personal data: only information security may see or act on a
request; an auditor may read it and change nothing. Everyone else is answered as if the
request did not exist."""

from __future__ import annotations

from typing import Any

from bluelamp.core.errors import NotFoundError, PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role


def can_view(user: Any) -> bool:
    """True for information security and auditors."""
    return user_has_role(user, Role.INFOSEC, Role.AUDITOR)


def can_act(user: Any) -> bool:
    """True for information security only."""
    return user_has_role(user, Role.INFOSEC)


def check_can_act(user: Any) -> None:
    """Raise unless ``user`` may act: 404 for those who may not even see requests (so their
    existence is not revealed), 403 for auditors, who may read but not change."""
    if not can_view(user):
        raise NotFoundError()
    if not can_act(user):
        raise PermissionDeniedError("Auditors may read removal requests but not change them.")

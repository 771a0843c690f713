"""Who may export an account's posts for disclosure: the one decision point, used by the page,
the API and the command line.

CC/01 4.4 gives the force (not every reader) the right to access every corporate account and
"share information with relevant parties where appropriate"; requests from outside go through
Information Security & Assurance (4.27, 4.28), and Corporate Communications runs every account
(4.3). So an export, which takes a whole account's record out of the service, is for those two
roles only. Auditors read every post in the service but the policy gives them no part in
sharing it: they are refused, as are PSD (who read posts for a conduct case, which has its own
evidence) and everyone else. Refusals change nothing and write no audit event."""

from __future__ import annotations

from typing import Any

from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role

#: The roles that may export.
EXPORTERS = (Role.CCD, Role.INFOSEC)

REFUSAL = (
    "Only Corporate Communications and Information Security may export posts for disclosure "
    "or a Freedom of Information request."
)


def export_refusal(user: Any) -> str | None:
    """Why ``user`` may not export, or None if they may."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return "Sign in to export posts."
    if not user_has_role(user, *EXPORTERS):
        return REFUSAL
    return None


def can_export(user: Any) -> bool:
    return export_refusal(user) is None


def check_can_export(user: Any) -> None:
    refusal = export_refusal(user)
    if refusal:
        raise PermissionDeniedError(refusal)

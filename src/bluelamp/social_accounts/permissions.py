"""Who may do what in the account registry, separate from whether the state allows it
(``engine.workflows``). Services call ``check_*`` before they change anything; pages call the
same functions to decide which buttons to show, and the services check again whatever a page
showed.

Roles (DESIGN.md), unioned when a user holds several:

- staff: apply; see and manage the accounts they own or deputise, see those they are on;
- line manager: also decide their own reports' applications and see their team's accounts;
- CCD: see everything, decide applications, suspend, reinstate, close and convert accounts;
- auditor: see everything, change nothing;
- information security and PSD: nothing here (unless they also hold one of the above).

A user who cannot see an object gets "not found" for it, exactly as for a missing one; a user
who can see it but may not act gets "permission denied" with the reason.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.engine.workflows import applications as application_flow

#: Roles that may use the registry's pages at all.
REGISTRY_ROLES = (Role.STAFF, Role.LINE_MANAGER, Role.CCD, Role.AUDITOR)
#: Roles that may apply for an account and manage the accounts they run.
ACTING_ROLES = (Role.STAFF, Role.LINE_MANAGER, Role.CCD)
#: Roles that see every account and application.
SEE_ALL_ROLES = (Role.CCD, Role.AUDITOR)


def can_use_registry(user: Any) -> bool:
    """True when the user may open the registry and applications pages."""
    return user_has_role(user, *REGISTRY_ROLES)


def can_see_health(user: Any) -> bool:
    """The account health dashboard is CCD's (and the auditor's, to read)."""
    return user_has_role(user, Role.CCD, Role.AUDITOR)


def sees_everything(user: Any) -> bool:
    return user_has_role(user, *SEE_ALL_ROLES)


def is_ccd(user: Any) -> bool:
    return user_has_role(user, Role.CCD)


# --- Which rows a user may see -----------------------------------------------------------------


def account_visibility(user: Any) -> Q | None:
    """A filter for the accounts ``user`` may see; None means all of them. A user with no
    registry role sees none (``Q(pk__in=[])``)."""
    if sees_everything(user):
        return None
    if not user_has_role(user, *ACTING_ROLES):
        return Q(pk__in=[])
    from bluelamp.social_accounts.models import RosterMembership

    mine = (
        Q(owner=user)
        | Q(deputy=user)
        | Q(pk__in=RosterMembership.objects.filter(user=user).values("account"))
    )
    if user_has_role(user, Role.LINE_MANAGER):
        team = RosterMembership.objects.filter(user__line_manager=user).values("account")
        mine |= (
            Q(supervisor=user)
            | Q(owner__line_manager=user)
            | Q(deputy__line_manager=user)
            | Q(pk__in=team)
        )
    return mine


def application_visibility(user: Any) -> Q | None:
    """A filter for the applications ``user`` may see; None means all of them."""
    if sees_everything(user):
        return None
    if not user_has_role(user, *ACTING_ROLES):
        return Q(pk__in=[])
    mine = Q(applicant=user)
    if user_has_role(user, Role.LINE_MANAGER):
        mine |= Q(applicant__line_manager=user) | Q(manager_decided_by=user)
    return mine


# --- Applications ------------------------------------------------------------------------------


def can_apply(user: Any) -> bool:
    """Any officer or member of staff may apply (3.3)."""
    return user_has_role(user, *ACTING_ROLES)


def apply_refusal(user: Any, application: Any = None) -> str | None:
    """Why ``user`` may not apply for an account, or None when they may."""
    return None if can_apply(user) else "You do not have permission to apply for an account."


def application_refusal(user: Any, application: Any, action: str) -> str | None:
    """Why ``user`` may not take ``action`` on ``application``, or None if they may.

    Only the person; the state is checked separately (``engine.workflows.applications``)."""
    if action not in application_flow.ACTIONS:
        raise ValueError(f"unknown application action {action!r}")
    is_applicant = application.applicant_id == getattr(user, "pk", None)
    if action == application_flow.WITHDRAW:
        if not is_applicant:
            return "Only the person who applied can withdraw an application."
        if not user_has_role(user, *ACTING_ROLES):
            return "You do not have permission to do that."
        return None
    if is_applicant:
        return "You cannot decide your own application."
    if action in application_flow.MANAGER_DECISIONS:
        if not user_has_role(user, Role.LINE_MANAGER):
            return "Only the applicant's line manager can give the line manager's decision."
        if application.applicant.line_manager_id != user.pk:
            return "Only the applicant's own line manager can give the line manager's decision."
        return None
    # CCD's decisions
    if not user_has_role(user, Role.CCD):
        return "Only Corporate Communications can give this decision."
    if application.manager_decided_by_id == user.pk:
        return (
            "You approved this application as the line manager; someone else in Corporate "
            "Communications must give the final decision."
        )
    return None


def check_application_action(user: Any, application: Any, action: str) -> None:
    """Raise PermissionDeniedError unless ``user`` may take ``action`` on ``application``."""
    reason = application_refusal(user, application, action)
    if reason:
        raise PermissionDeniedError(reason)


# --- Accounts ------------------------------------------------------------------------------------

_OWNER_ONLY = {account_flow.REQUEST_CONVERSION}
_OWNER_OR_DEPUTY = {account_flow.RECORD_CHANGE, account_flow.CHANGE_ROSTER}
_OWNER = {account_flow.HAND_OVER, account_flow.CLOSE}
_CCD_ONLY = {
    account_flow.APPROVE_CONVERSION,
    account_flow.REFUSE_CONVERSION,
    account_flow.SUSPEND,
    account_flow.REINSTATE,
}


def account_refusal(user: Any, account: Any, action: str) -> str | None:
    """Why ``user`` may not take ``action`` on ``account``, or None if they may.

    - recording changes and managing the roster: the owner, the deputy, or CCD (3.8, 5.7);
    - handing over and closing: the owner or CCD (4.18, 3.5);
    - asking to convert to personal use: the owner (4.19);
    - deciding a conversion, suspending and reinstating: CCD (3.5, 4.19).
    """
    if action not in account_flow.ACTIONS:
        raise ValueError(f"unknown account action {action!r}")
    if not user_has_role(user, *ACTING_ROLES):
        return "You do not have permission to change accounts."
    pk = getattr(user, "pk", None)
    is_owner = account.owner_id == pk
    is_deputy = account.deputy_id is not None and account.deputy_id == pk
    ccd = is_ccd(user)
    if action in _CCD_ONLY:
        return None if ccd else "Only Corporate Communications can do that."
    if action in _OWNER_ONLY:
        return None if is_owner else "Only the account's owner can ask for that."
    if action in _OWNER:
        return (
            None
            if is_owner or ccd
            else "Only the account's owner or Corporate Communications can do that."
        )
    if action in _OWNER_OR_DEPUTY:
        if is_owner or is_deputy or ccd:
            return None
        return "Only the account's owner, its deputy or Corporate Communications can do that."
    raise AssertionError(action)  # pragma: no cover - every action is in one set


def check_account_action(user: Any, account: Any, action: str) -> None:
    """Raise PermissionDeniedError unless ``user`` may take ``action`` on ``account``."""
    reason = account_refusal(user, account, action)
    if reason:
        raise PermissionDeniedError(reason)


def credentials_reveal_refusal(user: Any, account: Any = None) -> str | None:
    """Why ``user`` may not see an account's password in clear, or None: CCD only (3.7)."""
    return None if is_ccd(user) else "Only Corporate Communications may reveal credentials."

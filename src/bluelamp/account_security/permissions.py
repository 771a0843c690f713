"""Who may see and do what with lost-device reports, rotation tasks and staff changes.

- anyone who works with the accounts (staff, line manager, CCD, information security, PSD, staff
  welfare) may report a lost device; an auditor reads and changes nothing;
- a report is seen by its reporter, by the administrators (owner, deputy) of the accounts on it,
  and by CCD, information security and auditors (the register);
- an account's checklist is ticked by its owner or deputy, or by CCD;
- only CCD suspends or resumes publishing, and applies the staff-changes feed;
- a rotation task is seen and done by the account's owner or deputy, and CCD (auditors read).

Those who may not see a report or task get "not found" for it, as for a missing one."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role

#: Roles that may report a lost device.
REPORTING_ROLES = (Role.STAFF, Role.LINE_MANAGER, Role.CCD, Role.INFOSEC, Role.PSD, Role.WELFARE)
#: Roles that see every report and task, and the register.
SEE_ALL_ROLES = (Role.CCD, Role.INFOSEC, Role.AUDITOR)
#: Roles that see the account-security pages at all.
PAGE_ROLES = (*REPORTING_ROLES, Role.AUDITOR)

AUDITORS_READ_ONLY = "Auditors may read account-security records but not change them."
NOT_ADMINISTRATOR = "Only the account's owner or deputy, or Corporate Communications, may do this."
CCD_ONLY = "Only Corporate Communications may do this."


def can_report(user: Any) -> bool:
    return user_has_role(user, *REPORTING_ROLES)


def can_see_all(user: Any) -> bool:
    return user_has_role(user, *SEE_ALL_ROLES)


def is_ccd(user: Any) -> bool:
    return user_has_role(user, Role.CCD)


def administers(user: Any, account: Any) -> bool:
    """The account's owner or deputy (who manage its password and roster, 5.7)."""
    return getattr(user, "pk", None) is not None and user.pk in (
        account.owner_id,
        account.deputy_id,
    )


def report_visibility(user: Any) -> Q | None:
    """The reports ``user`` may see, as a filter (None: every report)."""
    if can_see_all(user):
        return None
    return (
        Q(reporter=user) | Q(checklists__account__owner=user) | Q(checklists__account__deputy=user)
    )


def task_visibility(user: Any) -> Q | None:
    if user_has_role(user, Role.CCD, Role.AUDITOR):
        return None
    return Q(account__owner=user) | Q(account__deputy=user) | Q(assignee=user)


def administrator_refusal(user: Any, account: Any) -> str | None:
    if is_ccd(user) or (administers(user, account) and can_report(user)):
        return None
    if user_has_role(user, Role.AUDITOR):
        return AUDITORS_READ_ONLY
    return NOT_ADMINISTRATOR


def ccd_refusal(user: Any, entity: Any = None) -> str | None:
    if is_ccd(user):
        return None
    if user_has_role(user, Role.AUDITOR):
        return AUDITORS_READ_ONLY
    return CCD_ONLY


def report_refusal(user: Any, entity: Any = None) -> str | None:
    if can_report(user):
        return None
    if user_has_role(user, Role.AUDITOR):
        return AUDITORS_READ_ONLY
    return "You do not have a role that may report a lost device."


def step_refusal(user: Any, report: Any) -> str | None:
    """Whether ``user`` may tick a step on some checklist of ``report`` (the service checks the
    checklist's own account again)."""
    if is_ccd(user):
        return None
    if can_report(user) and any(administers(user, c.account) for c in report.checklists.all()):
        return None
    if user_has_role(user, Role.AUDITOR):
        return AUDITORS_READ_ONLY
    return NOT_ADMINISTRATOR

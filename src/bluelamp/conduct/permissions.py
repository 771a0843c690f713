"""Who may see and act on conduct cases, staff reports and media alerts.

Conduct cases are held by one team at a time: CCD until referral, then Professional Standards
alone (4.5); a member of that team who is the subject of a case does not see it. The member of
staff concerned sees only what they are asked to remove, never who reported it or what the team
thinks. Auditors see that cases exist (reference, state, dates), never their contents. Everyone
else is answered as if a case did not exist (404).

Staff reports are seen by the reporter and the team that receives them: welfare for abuse,
CCD's press office for journalists' approaches."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bluelamp.conduct.choices import ReportKind, Team
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role

TEAM_ROLE = {Team.CCD: Role.CCD, Team.PSD: Role.PSD}
RECEIVING_ROLE = {ReportKind.ABUSE: Role.WELFARE, ReportKind.JOURNALIST: Role.CCD}


def signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# --- Conduct cases ------------------------------------------------------------------------------


def teams_of(user: Any) -> list[str]:
    """The teams whose cases ``user`` may handle."""
    return [team for team, role in TEAM_ROLE.items() if user_has_role(user, role)]


def handled_cases(user: Any) -> Q:
    """A filter for the cases ``user`` handles: those their team holds, except any about them."""
    teams = teams_of(user)
    if not teams:
        return Q(pk__in=[])
    return Q(team__in=teams) & ~Q(subject=user)


def handles(user: Any, case: Any) -> bool:
    """True when ``user``'s team holds ``case`` and it is not about them."""
    return case.team in teams_of(user) and case.subject_id != getattr(user, "pk", None)


def may_see_register(user: Any) -> bool:
    """Auditors see the register of cases (reference, state, dates) and nothing more."""
    return user_has_role(user, Role.AUDITOR)


def may_see_conduct_queue(user: Any) -> bool:
    return user_has_role(user, Role.CCD, Role.PSD, Role.AUDITOR)


# --- Staff reports --------------------------------------------------------------------------------


def received_kinds(user: Any) -> list[str]:
    """The kinds of staff report ``user``'s team receives."""
    return [kind for kind, role in RECEIVING_ROLE.items() if user_has_role(user, role)]


def visible_reports(user: Any) -> Q:
    """The reporter's own, and those of the kinds their team receives."""
    if not signed_in(user):
        return Q(pk__in=[])
    return Q(reported_by=user) | Q(kind__in=received_kinds(user))


def receives(user: Any, report: Any) -> bool:
    return report.kind in received_kinds(user)


# --- Media alerts ---------------------------------------------------------------------------------

#: Who may tell the press office a post will attract attention: those who write posts.
ALERT_RAISERS = (Role.STAFF, Role.LINE_MANAGER, Role.CCD)


def may_raise_alert(user: Any) -> bool:
    return user_has_role(user, *ALERT_RAISERS)


def may_see_alerts(user: Any) -> bool:
    return user_has_role(user, Role.CCD, Role.AUDITOR)

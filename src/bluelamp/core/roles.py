"""The roles of DESIGN.md, and which Django permissions each role's group holds.

A role is a Django group. Membership is what ``core.permissions.user_has_role`` checks; the
group's permissions are what ``user.has_perm`` checks. Both are declared here, once, and kept in
step with the database by ``sync_role_groups`` after every ``migrate``.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from django.db import models


class Role(models.TextChoices):
    """A role a user holds through membership of the group of the same label."""

    STAFF = "staff", "Staff"
    LINE_MANAGER = "line_manager", "Line manager"
    CCD = "ccd", "Corporate Communications (CCD)"
    INFOSEC = "infosec", "Information security"
    PSD = "psd", "Professional Standards (PSD)"
    WELFARE = "welfare", "Staff welfare"
    AUDITOR = "auditor", "Auditor"

    @property
    def group_name(self) -> str:
        return GROUP_NAMES[self]

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self]

    @classmethod
    def from_group_name(cls, name: str) -> Role | None:
        return _BY_GROUP_NAME.get(name)


# The group names are stored in the database: change one only with a migration that renames it.
GROUP_NAMES: dict[Role, str] = {
    Role.STAFF: "Staff",
    Role.LINE_MANAGER: "Line manager",
    Role.CCD: "Corporate Communications (CCD)",
    Role.INFOSEC: "Information security",
    Role.PSD: "Professional Standards (PSD)",
    Role.WELFARE: "Staff welfare",
    Role.AUDITOR: "Auditor",
}
_BY_GROUP_NAME = {name: role for role, name in GROUP_NAMES.items()}

DESCRIPTIONS: dict[Role, str] = {
    Role.STAFF: (
        "Apply for accounts, draft and post on the accounts you are on the roster of, "
        "report a lost device and ask for a review."
    ),
    Role.LINE_MANAGER: (
        "Approve or reject your team's applications and supervise your team's accounts and posts."
    ),
    Role.CCD: (
        "Decide applications, run force accounts, manage every account, see and reveal "
        "credentials with a reason, remove content and declare major-incident and election periods."
    ),
    Role.INFOSEC: "Handle the public's removal and correction requests.",
    Role.PSD: "Handle the conduct cases referred to Professional Standards.",
    Role.WELFARE: "Receive staff reports of abuse, harassment and cyberbullying.",
    Role.AUDITOR: "Read everything and change nothing, including the audit trail.",
}

# Which permissions ("app_label.codename", shell-style wildcards allowed) each role's group
# holds. Later apps add their permissions here when they add their models. A wildcard matches
# Bluelamp's own apps only (see BLUELAMP_APP_LABELS), never Django's.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.STAFF: (),
    Role.LINE_MANAGER: (),
    Role.CCD: ("core.view_user",),
    Role.INFOSEC: (),
    Role.PSD: (),
    Role.WELFARE: (),
    # "Read everything, change nothing": every view permission of every Bluelamp app.
    Role.AUDITOR: ("*.view_*",),
}

BLUELAMP_APP_LABELS_PREFIX = "bluelamp."


def expand_permission_patterns(
    patterns: Iterable[str], available: Iterable[tuple[str, str]]
) -> set[tuple[str, str]]:
    """The (app_label, codename) pairs in ``available`` that any of ``patterns`` matches."""
    chosen: set[tuple[str, str]] = set()
    available = list(available)
    for pattern in patterns:
        for app_label, codename in available:
            if fnmatch.fnmatchcase(f"{app_label}.{codename}", pattern):
                chosen.add((app_label, codename))
    return chosen


def sync_role_groups(using: str = "default") -> None:
    """Make sure every role's group exists and holds exactly the permissions declared above.

    Runs after every ``migrate`` (post_migrate), so the code is the one source of truth: a
    permission added to a group by hand is taken away again at the next migration."""
    from django.apps import apps as global_apps
    from django.contrib.auth.models import Group, Permission

    bluelamp_labels = {
        config.label
        for config in global_apps.get_app_configs()
        if config.name.startswith(BLUELAMP_APP_LABELS_PREFIX)
    }
    permissions = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.using(using).select_related("content_type")
    }
    ours = [key for key in permissions if key[0] in bluelamp_labels]
    for role in Role:
        group, _ = Group.objects.using(using).get_or_create(name=role.group_name)
        wanted = expand_permission_patterns(ROLE_PERMISSIONS[role], ours)
        group.permissions.set([permissions[key] for key in sorted(wanted)])

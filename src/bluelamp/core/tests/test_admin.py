"""Changing users on the admin site is audited like any other change."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.core.models import User
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, user_of):
    client.force_login(user_of(username="root", is_staff=True, is_superuser=True))
    return client


def _change_form(user: User, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "display_name": user.display_name,
        "staff_id": user.staff_id,
        "team": user.team,
        "line_manager": "",
        "groups": [g.pk for g in user.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return data


def test_giving_a_role_on_the_admin_site_is_audited(admin_client_, user_of):
    # given a member of staff
    user = user_of(Role.STAFF, username="jo")
    auditor = Group.objects.get(name=Role.AUDITOR.group_name)
    staff = Group.objects.get(name=Role.STAFF.group_name)
    # when an administrator adds them to the auditors and changes their team
    response = admin_client_.post(
        reverse("admin:core_user_change", args=[user.pk]),
        _change_form(user, groups=[staff.pk, auditor.pk], team="Audit team"),
    )
    # then both changes are in the audit trail, by the administrator
    assert response.status_code == 302, response.content[:2000]
    roles = AuditEvent.objects.get(action="user.roles_changed")
    assert roles.before == {"roles": ["staff"]}
    assert roles.after == {"roles": ["auditor", "staff"]}
    assert roles.actor.username == "root"
    updated = AuditEvent.objects.get(action="user.updated")
    assert updated.after["team"] == "Audit team"


def test_users_cannot_be_deleted_on_the_admin_site(admin_client_, user_of):
    user = user_of(Role.STAFF)
    response = admin_client_.get(reverse("admin:core_user_delete", args=[user.pk]))
    assert response.status_code == 403

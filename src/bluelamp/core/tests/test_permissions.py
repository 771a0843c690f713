"""Roles are groups, checked on the server in one place; refusals do not depend on the UI."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from bluelamp.audit.models import AuditEvent
from bluelamp.core import services
from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.permissions import (
    HasRole,
    RoleRequiredMixin,
    check_role,
    require_role,
    user_has_role,
    user_roles,
)
from bluelamp.core.roles import GROUP_NAMES, Role, sync_role_groups

pytestmark = pytest.mark.django_db


def test_every_role_of_the_design_is_a_group_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUP_NAMES.values())
    assert len(Role) == 7


def test_the_auditor_group_holds_view_permissions_only():
    codenames = Group.objects.get(name=Role.AUDITOR.group_name).permissions.values_list(
        "codename", flat=True
    )
    assert "view_auditevent" in codenames
    assert all(code.startswith("view_") for code in codenames)


def test_a_permission_added_to_a_group_by_hand_is_removed_at_the_next_sync():
    # given a hand-made grant of a change permission to the auditors
    auditors = Group.objects.get(name=Role.AUDITOR.group_name)
    auditors.permissions.add(Permission.objects.get(codename="change_user"))
    # when the roles are synced (as after every migrate)
    sync_role_groups()
    # then the grant is gone: core.roles is the one source of truth
    assert not auditors.permissions.filter(codename="change_user").exists()


def test_a_user_holds_the_roles_of_their_groups(user_of):
    user = user_of(Role.STAFF, Role.LINE_MANAGER)
    assert user_roles(user) == {Role.STAFF, Role.LINE_MANAGER}
    assert user_has_role(user, Role.CCD, Role.LINE_MANAGER)
    assert not user_has_role(user, Role.CCD)


def test_an_inactive_user_holds_no_role(user_of):
    assert user_roles(user_of(Role.CCD, is_active=False)) == frozenset()


def test_an_anonymous_visitor_holds_no_role():
    assert user_roles(AnonymousUser()) == frozenset()
    assert user_roles(None) == frozenset()


def test_a_superuser_holds_no_role_by_being_a_superuser(user_of):
    root = user_of(is_superuser=True, is_staff=True)
    assert not user_has_role(root, Role.AUDITOR)


def test_check_role_raises_a_permission_error_with_its_code(user_of):
    with pytest.raises(PermissionDeniedError) as raised:
        check_role(user_of(Role.STAFF), Role.CCD)
    assert raised.value.code == "permission_denied"


def _request(user, path="/x/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


@require_role(Role.CCD)
def ccd_only(request):
    return HttpResponse("ok")


class AuditorOnly(RoleRequiredMixin, View):
    required_roles = (Role.AUDITOR,)

    def get(self, request):
        return HttpResponse("ok")


def test_require_role_lets_the_role_in_and_refuses_others_with_403(user_of):
    assert ccd_only(_request(user_of(Role.CCD))).status_code == 200
    with pytest.raises(PermissionDenied):
        ccd_only(_request(user_of(Role.STAFF)))


def test_require_role_sends_anonymous_visitors_to_sign_in():
    response = ccd_only(_request(AnonymousUser()))
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_the_role_mixin_refuses_other_roles(user_of):
    view = AuditorOnly.as_view()
    assert view(_request(user_of(Role.AUDITOR))).status_code == 200
    with pytest.raises(PermissionDenied):
        view(_request(user_of(Role.CCD)))


class CcdApi(APIView):
    permission_classes = (HasRole.any_of(Role.CCD),)

    def get(self, request):
        from rest_framework.response import Response

        return Response({"ok": True})


def test_the_api_permission_refuses_other_roles_with_the_standard_error_body(user_of):
    factory = APIRequestFactory()
    allowed = factory.get("/api/x")
    from rest_framework.test import force_authenticate

    force_authenticate(allowed, user=user_of(Role.CCD))
    assert CcdApi.as_view()(allowed).status_code == 200

    refused = factory.get("/api/x")
    force_authenticate(refused, user=user_of(Role.STAFF))
    response = CcdApi.as_view()(refused)
    assert response.status_code == 403
    assert response.data["code"] == "permission_denied"
    assert "message" in response.data


def test_only_ccd_can_change_roles_and_the_change_is_audited(user_of):
    # given a member of staff
    user = user_of(Role.STAFF)
    # when another member of staff tries to make them an auditor: refused, nothing changes
    with pytest.raises(PermissionDeniedError):
        services.user_roles_set(actor=user_of(Role.STAFF), user=user, roles=[Role.AUDITOR])
    assert user_roles(user) == {Role.STAFF}
    # when CCD does it: done and audited with before and after
    ccd = user_of(Role.CCD)
    services.user_roles_set(actor=ccd, user=user, roles=[Role.STAFF, Role.AUDITOR])
    assert user_roles(user) == {Role.STAFF, Role.AUDITOR}
    event = AuditEvent.objects.get(action="user.roles_changed")
    assert event.actor == ccd
    assert event.before == {"roles": ["staff"]}
    assert event.after == {"roles": ["auditor", "staff"]}


def test_creating_a_user_is_audited_without_the_password(user_of):
    ccd = user_of(Role.CCD)
    user = services.user_create(
        actor=ccd, username="newbie", password="a-long-password-1", roles=[Role.STAFF]
    )
    event = AuditEvent.objects.get(action="user.created")
    assert event.target_id == str(user.pk)
    assert event.after["roles"] == ["staff"]
    assert "a-long-password-1" not in str(event.after)


def test_creating_a_user_with_a_weak_password_is_refused_and_changes_nothing(user_of):
    from bluelamp.core.errors import InvalidInputError
    from bluelamp.core.models import User

    with pytest.raises(InvalidInputError) as raised:
        services.user_create(actor=None, username="weak", password="password")
    assert "password" in raised.value.fields["errors"]
    assert not User.objects.filter(username="weak").exists()
    assert not AuditEvent.objects.filter(action="user.created").exists()

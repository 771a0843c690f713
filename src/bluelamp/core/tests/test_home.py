"""The home page after sign-in: the user's roles, built from GOV.UK Frontend markup."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db


def test_home_lists_the_users_roles_with_what_each_may_do(client_as):
    client = client_as(Role.STAFF, Role.LINE_MANAGER)
    content = client.get(reverse("core:home")).content.decode()
    assert "Your roles" in content
    assert "Line manager" in content
    assert escape(Role.LINE_MANAGER.description) in content
    assert "Auditor" not in content


def test_a_user_with_no_role_is_told_whom_to_ask(client_as):
    content = client_as().get(reverse("core:home")).content.decode()
    assert "You do not have a role" in content


def test_only_auditors_see_the_audit_trail_in_the_navigation(client_as):
    assert b"Audit trail" not in client_as(Role.CCD).get(reverse("core:home")).content
    assert b"Audit trail" in client_as(Role.AUDITOR).get(reverse("core:home")).content


def test_pages_use_the_gov_uk_layout_without_crown_or_gov_uk_branding(client_as):
    content = client_as(Role.STAFF).get(reverse("core:home")).content.decode()
    for part in (
        'class="govuk-skip-link"',
        'class="govuk-generic-header"',
        "govuk-service-navigation",
        "govuk-phase-banner",
        'class="govuk-footer"',
        'id="main-content"',
    ):
        assert part in content, part
    assert "Bluelamp" in content
    for branding in ("GOV.UK", "govuk-header__logo", "crown", "Crown copyright", "govuk-logo"):
        assert branding not in content, branding


def test_signing_out_is_a_form_button_not_a_link(client_as):
    content = client_as(Role.STAFF).get(reverse("core:home")).content.decode()
    assert f'<form method="post" action="{reverse("core:logout")}"' in content


def test_an_unknown_page_is_a_gov_uk_404(client_as):
    response = client_as(Role.STAFF).get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.parametrize("role", [None, *Role])
def test_every_link_in_each_roles_navigation_opens(client_as, role):
    from bluelamp.core.context_processors import _navigation
    from bluelamp.core.permissions import user_roles

    client = client_as(*([role] if role else []))
    request = client.get(reverse("core:home")).wsgi_request
    items = _navigation(request, user_roles(client.user))
    for item in items:
        assert client.get(item["href"]).status_code == 200, (role, item["href"])


@pytest.mark.parametrize(
    ("role", "link"),
    [
        (Role.INFOSEC, "/removal-requests/"),
        (Role.AUDITOR, "/removal-requests/"),
        (Role.AUDITOR, "/posts/"),
        (Role.AUDITOR, "/audit/"),
        (Role.PSD, "/posts/"),
    ],
)
def test_each_role_is_offered_the_pages_of_its_own_work(client_as, role, link):
    page = client_as(role).get(reverse("core:home")).content.decode()
    assert f'class="govuk-service-navigation__link" href="{link}"' in page

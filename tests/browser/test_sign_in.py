"""Each demo role signs in through the real sign-in page and sees its home page."""

from __future__ import annotations

import pytest

from bluelamp.core.management.commands.demo_users import DEMO_USERS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("username", "name", "role"), [u[:3] for u in DEMO_USERS])
def test_each_demo_role_signs_in_and_sees_the_home_page(sign_in, username, name, role):
    page = sign_in(username)

    assert page.url.endswith("/")
    assert page.get_by_role("heading", level=1).inner_text().endswith(f"Hello, {name}")
    assert page.locator(".govuk-summary-list__key", has_text=role.label).count() == 1
    assert page.csp_violations == []


def test_a_wrong_password_is_refused_with_a_message(sign_in):
    page = sign_in("staff", password="not-the-password")

    assert "/sign-in/" in page.url
    assert page.get_by_role("alert").inner_text().count("Enter a correct username") >= 1


def test_signing_out_ends_the_session(sign_in):
    page = sign_in("staff")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    page.goto("/")

    assert "/sign-in/" in page.url

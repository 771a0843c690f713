"""A CCD officer's first password sign-in with two-factor on: the set-up page (QR code and key),
the first code, then the home page; the next sign-in asks for a code. Both pages pass axe."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import TOTP

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "bluelamp-demo-only"


def code(secret: str, steps_ahead: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = totp.time + steps_ahead * 30
    return f"{totp.token():06d}"


def password_step(page, username: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_ccd_sets_up_two_factor_then_gives_a_code_at_the_next_sign_in(
    page, demo_users, settings, axe_check
):
    settings.BLUELAMP_LOCAL_TWO_FACTOR = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    password_step(page, "ccd")
    assert "/sign-in/two-factor/set-up/" in page.url
    assert page.title() == "Set up two-factor sign-in – Bluelamp"
    assert page.get_by_role("img", name=re.compile("QR code")).is_visible()
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    axe_check(page)

    page.get_by_label("Code from your authenticator app").fill("12ab")
    page.get_by_role("button", name="Finish setting up").click()
    assert page.get_by_role("alert").inner_text().count("Enter the code as 6 numbers") >= 1
    assert page.title().startswith("Error: ")
    axe_check(page)

    page.get_by_label("Code from your authenticator app").fill(code(secret))
    page.get_by_role("button", name="Finish setting up").click()
    page.wait_for_load_state()
    assert page.url.endswith("/")
    assert page.get_by_role("heading", level=1).inner_text().endswith("Hello, Alex Morgan (CCD)")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    password_step(page, "ccd")
    assert "/sign-in/two-factor/" in page.url
    assert page.title() == "Enter your two-factor code – Bluelamp"
    axe_check(page)
    page.get_by_label("Code from your authenticator app").fill(code(secret, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.url.endswith("/")
    assert page.csp_violations == []

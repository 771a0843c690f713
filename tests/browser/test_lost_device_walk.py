"""A lost phone walked through the real pages in a browser (CC/01 5.5, 5.6): a PC reports it
from the home page; CCD and the accounts' administrator are e-mailed at once; the administrator
completes each account's checklist (the new password lodged in the vault); the report closes;
CCD's register shows the time to secure each account. Each page passes axe-core. The pages'
clock is fixed (``views.now``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from bluelamp.account_security import views

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 3, 24, 14, 0, tzinfo=dt.UTC)
STEPS = (
    "change the password and lodge it in the vault",
    "sign out every other session",
    "revoke the tokens and connected apps",
    "reset two-factor authentication",
    "look for posts made since the loss",
)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def _click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state()


@pytest.fixture
def accounts(demo_users):
    """Two accounts the demo PC is on the roster of, run by the demo sergeant."""
    from bluelamp.core.models import User
    from bluelamp.social_accounts.tests.factories import AccountFactory

    pc, sergeant = User.objects.get(username="staff"), User.objects.get(username="manager")
    return [
        AccountFactory(handle="WMPDudley", owner=sergeant, members=[pc]),
        AccountFactory(platform="facebook", handle="WMPWalsall", owner=sergeant, members=[pc]),
    ]


def test_a_pc_reports_a_lost_phone_and_the_accounts_are_secured(
    page, browser, live_server, sign_in, accounts, axe_check, settings, fill_date
):
    from cryptography.fernet import Fernet

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    mail.outbox = []
    # Given a PC on the roster of two accounts: two clicks from home to the form
    sign_in("staff")
    _click(page, "link", "Account security")
    axe_check(page)
    _click(page, "button", "Report a lost or stolen device")
    axe_check(page)
    # the accounts they are rostered on are suggested, ticked
    assert page.get_by_label("@WMPDudley on X").is_checked()
    assert page.get_by_label("@WMPWalsall on Facebook").is_checked()

    # When they report their force phone lost this morning
    page.get_by_label("What was lost").fill("iPhone 13, black case")
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Force-issued").check()
    page.get_by_label("Lost", exact=True).check()
    fill_date(page, "Date it was lost", "2026-03-24")
    page.get_by_label("Time it was lost (about)").fill("11:00")
    _click(page, "button", "Report it")

    # Then the report is open, and CCD and the administrator were e-mailed at once
    assert page.get_by_text("reported. Corporate Communications").is_visible()
    axe_check(page)
    recipients = {address for message in mail.outbox for address in message.to}
    assert "socialmedia@west-midlands.pnn.police.uk" in recipients
    assert "manager@example.police.uk" in recipients
    report_url = page.url

    # When the administrator ticks every step of each account's checklist
    other = browser.new_context(base_url=live_server.url, locale="en-GB")
    admin = other.new_page()
    admin.goto("/sign-in/")
    admin.get_by_label("Username").fill("manager")
    admin.get_by_label("Password", exact=True).fill("bluelamp-demo-only")
    admin.get_by_role("button", name="Sign in").click()
    admin.wait_for_load_state()
    admin.goto(report_url)
    axe_check(admin)
    for handle in ("@WMPDudley", "@WMPWalsall"):
        for step in STEPS:
            _click(admin, "link", f"Tick {step} for {handle}")
            if step.startswith("change the password"):
                axe_check(admin)
                admin.get_by_label("Username").fill(handle.lstrip("@").lower())
                admin.get_by_label("New password").fill("Correct-horse-battery-9")
            admin.get_by_label("Note (optional)").fill("Done on the platform")
            _click(admin, "button", "Mark as done")
            assert admin.get_by_text("ticked").first.is_visible(), admin.locator(
                "main"
            ).inner_text()[:800]

    # Then the report is closed, each account secured with who and when
    assert admin.get_by_text("Closed", exact=True).first.is_visible()
    assert admin.get_by_text("By Sgt 1234 Sam Patel").first.is_visible()
    axe_check(admin)
    other.close()

    # And CCD's register shows the time to secure each account (from 11:00 to 14:00)
    page.get_by_role("button", name="Sign out").click()
    sign_in("ccd")
    page.goto("/account-security/lost-devices/register/")
    axe_check(page)
    rows = page.locator("table.govuk-table tbody tr")
    assert rows.count() == 2
    for i in range(2):
        assert rows.nth(i).locator("td").last.inner_text().strip() == "3.0"
    assert page.get_by_role("img", name="Bar chart").is_visible()
    assert page.csp_violations == []

"""A member of staff is asked on their home page to acknowledge the current policy, and does;
Corporate Communications sees who has not, records training and sends reminders. Each page
passes axe-core."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_staff_acknowledge_and_ccd_follow_up(page, sign_in, axe_check, fill_date):
    sign_in("staff")
    page.goto("/")
    banner = page.locator("[data-policy-acknowledgement]")
    assert banner.is_visible()
    axe_check(page)
    banner.get_by_role("link", name="Read and acknowledge it").click()
    page.get_by_role("button", name="Acknowledge the policy").click()  # not ticked
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)
    page.get_by_label("I have read the policy and I accept it").check()
    page.get_by_role("button", name="Acknowledge the policy").click()
    page.wait_for_load_state()
    assert not page.locator("[data-policy-acknowledgement]").is_visible()
    assert "your acknowledgement is recorded" in page.content()

    page.context.clear_cookies()
    sign_in("ccd")
    page.goto("/policy/acknowledgements/")
    axe_check(page)
    assert "PC 4521 Jo Bloggs" in page.content()  # trained: not yet
    page.get_by_role("link", name="Record training").click()
    page.get_by_label("Who completed it").select_option(label="PC 4521 Jo Bloggs (staff)")
    page.get_by_label("Course").fill("Social media for officers and staff")
    fill_date(page, "Date completed", "2026-01-15")
    page.get_by_role("button", name="Record training").click()
    page.wait_for_load_state()
    assert "Training recorded for PC 4521 Jo Bloggs" in page.content()
    page.get_by_role("button", name="Send reminders").click()
    page.wait_for_load_state()
    assert "Reminders sent" in page.content() or "Nobody to remind" in page.content()
    axe_check(page)

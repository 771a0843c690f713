"""Corporate Communications adds a possible spoof account in the browser, sees it scored
against the registry, judges it a spoof, reads the takedown request drafted for the platform
and records that it was sent. Each page passes axe-core."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def registry(demo_users):
    from bluelamp.social_accounts.tests.factories import AccountFactory

    return AccountFactory(platform="x", handle="WMPolice", display_name="West Midlands Police")


def test_ccd_reviews_a_spoof_and_drafts_a_takedown(page, sign_in, axe_check, registry):
    sign_in("ccd")
    page.goto("/spoofs/")
    axe_check(page)
    page.get_by_role("link", name="Add an account").click()
    page.get_by_role("button", name="Add and score").click()  # nothing filled in
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)
    page.get_by_label("Platform").select_option("x")
    page.get_by_label("Handle").fill("@WMPolice_UK")
    page.get_by_label("Name the account shows").fill("West Midlands Police")
    page.get_by_role("button", name="Add and score").click()
    page.wait_for_load_state()
    assert "Uses the force's name" in page.content()
    axe_check(page)

    page.get_by_role("link", name="Mark as a spoof").click()
    page.get_by_label("Why").fill("Crest as its picture; asks people to DM crime reports")
    page.get_by_role("button", name="Mark as a spoof").click()
    page.wait_for_load_state()
    draft = page.get_by_test_id("takedown-draft").inner_text()
    assert "help.x.com/forms/impersonation" in draft and "@WMPolice" in draft
    axe_check(page)

    page.get_by_role("link", name="Record the takedown request").click()
    axe_check(page)
    page.get_by_label("The platform's reference").fill("X-0042")
    page.get_by_role("button", name="Record the takedown request").click()
    page.wait_for_load_state()
    assert "reference X-0042" in page.content()
    page.get_by_role("link", name="Record the outcome").click()
    page.get_by_label("Taken down by the platform").check()
    page.get_by_role("button", name="Record the outcome").click()
    page.wait_for_load_state()
    assert "Taken down by the platform" in page.content()
    axe_check(page)


@pytest.fixture
def fake_x(settings):
    from bluelamp.publishing.fakeplatforms import FakeX

    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    settings.BLUELAMP_X_BEARER_TOKEN = "good-token"
    yield fake
    fake.stop()


def test_ccd_searches_x_and_finds_a_lookalike(page, sign_in, axe_check, registry, fake_x):
    fake_x.add_account("WMP0lice", "West Midlands Police", "Report crime to us here")
    sign_in("ccd")
    page.goto("/spoofs/")
    assert "Facebook and Instagram" in page.content()
    page.get_by_role("link", name="Search X for lookalikes").click()
    assert "without special permission from Meta" in page.content()
    axe_check(page)
    page.get_by_role("button", name="Search X now").click()
    page.wait_for_load_state()
    assert "1 added for review" in page.content()
    axe_check(page)
    page.get_by_role("link", name="@WMP0lice").click()
    assert "Found by searching the platform" in page.content()
    axe_check(page)

    fake_x.fault("GET", "/2/users/by", "rate_limit", wait=900)
    page.goto("/spoofs/search/")
    page.get_by_role("button", name="Search X now").click()
    page.wait_for_load_state()
    assert "The search did not run" in page.content() and "rate limit" in page.content()
    axe_check(page)

"""Corporate Communications declares a major incident in the browser: a scheduled post is held,
the banner shows on every page (a member of staff's too), and CCD ends it with a reason. Each
page passes axe-core."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def scheduled_post(demo_users):
    from django.utils import timezone

    from bluelamp.core.models import User
    from bluelamp.publishing.services import compose
    from bluelamp.social_accounts.tests.factories import AccountFactory

    staff = User.objects.get(username="staff")
    account = AccountFactory(platform="x", handle="WMPCrisisWalk", tier="team", owner=staff)
    now = timezone.now()
    post = compose.post_create(
        actor=staff,
        account=account,
        text="Join us at the Handsworth community event on Saturday from 10am.",
        now=now,
    )
    return compose.post_submit(
        post=post, actor=staff, scheduled_for=now + dt.timedelta(hours=3), now=now
    )


def test_ccd_declares_and_ends_a_major_incident(page, sign_in, axe_check, scheduled_post):
    sign_in("ccd")
    page.goto("/crisis/")
    axe_check(page)
    page.get_by_role("link", name="Declare a major incident").click()
    page.get_by_role("button").filter(has_text="Declare").click()  # nothing filled in
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)
    page.get_by_label("Title of the major incident").fill("Flooding in Dudley town centre")
    page.get_by_label("Why it is declared").fill("Gold command opened at 09:10")
    page.get_by_role("button").filter(has_text="Declare").click()
    page.wait_for_load_state()
    banner = page.locator("[data-crisis=major-incident]")
    assert "Flooding in Dudley town centre" in banner.inner_text()
    axe_check(page)

    scheduled_post.refresh_from_db()
    assert scheduled_post.state == "held"
    assert "major incident" in scheduled_post.held_reason

    # the banner is on every page, for everyone
    page.context.clear_cookies()
    sign_in("staff")
    page.goto("/accounts/")
    assert page.locator("[data-crisis=major-incident]").is_visible()

    page.context.clear_cookies()
    sign_in("ccd")
    page.goto("/crisis/")
    page.get_by_role("link", name="End the major incident").click()
    page.get_by_label("Why it is ended").fill("Stood down by Gold at 16:00")
    page.get_by_role("button").filter(has_text="End").click()
    page.wait_for_load_state()
    assert page.locator("[data-crisis=major-incident]").count() == 0
    scheduled_post.refresh_from_db()
    assert scheduled_post.state == "held"  # released only by a person

"""A major incident declared and ended in the browser, and the posts it held released in bulk:
the author's held post offers no "Publish it now" while the incident holds it; after it ends,
Corporate Communications opens the held posts, is told what is missing when nothing is
selected, then releases both at once; each goes back to its own time and its author is told.
Each page passes axe-core."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.browser

TEXTS = (
    "Join us at the Handsworth community event on Saturday from 10am.",
    "Our beat surgery at Shard End library is on Tuesday at 6pm.",
)


@pytest.fixture
def scheduled_posts(demo_users):
    from django.utils import timezone

    from bluelamp.core.models import User
    from bluelamp.publishing.services import compose
    from bluelamp.social_accounts.tests.factories import AccountFactory

    staff = User.objects.get(username="staff")
    account = AccountFactory(platform="x", handle="WMPReleaseWalk", tier="team", owner=staff)
    now = timezone.now()
    posts = []
    for hours, text in enumerate(TEXTS, start=3):
        post = compose.post_create(actor=staff, account=account, text=text, now=now)
        posts.append(
            compose.post_submit(
                post=post, actor=staff, scheduled_for=now + dt.timedelta(hours=hours), now=now
            )
        )
    return posts


def test_a_major_incident_declared_and_ended_and_its_held_posts_released_in_bulk(
    page, sign_in, axe_check, scheduled_posts
):
    from bluelamp.core.models import Notification

    sign_in("ccd")
    page.goto("/crisis/")
    page.get_by_role("link", name="Declare a major incident").click()
    page.get_by_label("Title of the major incident").fill("Explosion at Tyseley")
    page.get_by_label("Why it is declared").fill("Gold command opened at 07:40")
    page.get_by_role("button").filter(has_text="Declare").click()
    page.wait_for_load_state()
    assert page.locator("[data-crisis=major-incident]").is_visible()
    for post in scheduled_posts:
        post.refresh_from_db()
        assert (post.state, post.verdict) == ("held", "review")

    # the author's held post: no "Publish it now", and it says why
    page.context.clear_cookies()
    sign_in("staff")
    page.goto(f"/posts/{scheduled_posts[0].public_id}/")
    assert page.get_by_role("button", name="Publish it now").count() == 0
    assert page.get_by_role("button", name="Schedule it").count() == 0
    assert "Corporate Communications releases held posts when it ends" in page.content()
    axe_check(page)

    # CCD ends the incident, then opens the held posts
    page.context.clear_cookies()
    sign_in("ccd")
    page.goto("/crisis/")
    page.get_by_role("link", name="End the major incident").click()
    page.get_by_label("Why it is ended").fill("Stood down by Gold at 11:00")
    page.get_by_role("button").filter(has_text="End").click()
    page.wait_for_load_state()
    assert page.locator("[data-crisis=major-incident]").count() == 0
    page.locator("[data-held-posts-link]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Held posts"
    assert page.locator("[data-held-posts] tbody tr").count() == 2
    axe_check(page)

    # nothing selected: the error summary says what is missing
    page.get_by_label("Release them").check()
    page.get_by_role("button", name="Do this to the posts selected").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible() and "Select at least one held post" in summary.inner_text()
    axe_check(page)

    # both selected and released at once
    for post in scheduled_posts:
        page.get_by_label(f"Post {post.pk} on @WMPReleaseWalk").check()
    page.get_by_label("Release them").check()
    page.get_by_role("button", name="Do this to the posts selected").click()
    page.wait_for_load_state()
    assert "2 of 2 held posts released" in page.content()
    assert "No post is held" in page.content()
    axe_check(page)
    for post in scheduled_posts:
        post.refresh_from_db()
        assert (post.state, post.verdict, post.held_reason) == ("scheduled", "pass", "")
    assert (
        Notification.objects.filter(
            user__username="staff", subject__contains="was released"
        ).count()
        == 2
    )

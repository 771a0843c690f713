"""Posts in flight, the publishing calendar and replies, in a browser (Debian's Chromium, axe on
every page): CCD finds a scheduled post across the force, filters the list, walks the calendar
month and week by keyboard-friendly links; a line manager approves two posts at once and reads
each result; an officer writes a reply to a post on X by pasting its address, previews it, and
publishes it, and the fake X records ``in_reply_to_tweet_id``."""

from __future__ import annotations

import datetime as dt
import re

import pytest

pytestmark = pytest.mark.browser

THEIRS = "1866152345678901234"
REPLY = "Thanks for telling us: officers from the Dudley team are on their way to the park now."


@pytest.fixture
def fake_x(settings):
    from cryptography.fernet import Fernet

    from bluelamp.publishing.fakeplatforms import FakeX

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


def _account(handle: str, team: str = "Dudley NPU"):
    from bluelamp.core.models import User
    from bluelamp.publishing.services.connections import connection_save
    from bluelamp.social_accounts.tests.factories import AccountFactory

    staff = User.objects.get(username="staff")
    account = AccountFactory(
        platform="x",
        handle=handle,
        owner=staff,
        tier="team",
        team=team,
        supervisor=User.objects.get(username="manager"),
    )
    connection_save(actor=User.objects.get(username="ccd"), account=account, token="good-token")
    return account


def _post(account, text: str, *, when=None, second_opinion=False):
    from bluelamp.core.models import User
    from bluelamp.publishing.services import compose

    staff = User.objects.get(username="staff")
    post = compose.post_create(
        actor=staff, account=account, text=text, second_opinion=second_opinion
    )
    return compose.post_submit(post=post, actor=staff, scheduled_for=when)


def test_ccd_sees_posts_in_flight_and_the_calendar_and_a_manager_approves_several(
    page, sign_in, axe_check, demo_users, fake_x
):
    from django.utils import timezone

    dudley = _account("WMPDudleyWalk")
    _account("WMPWalsallWalk", team="Walsall NPU")
    when = (timezone.localtime() + dt.timedelta(days=1)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    _post(dudley, "Road safety week starts tomorrow: come to the stall.", when=when)
    first = _post(dudley, "The station open day is on Saturday from ten.", second_opinion=True)
    second = _post(dudley, "Bike marking at the library on Tuesday.", second_opinion=True)

    sign_in("ccd")
    page.get_by_role("link", name="Posts in flight").first.click()
    page.wait_for_load_state()
    assert page.title().startswith("Posts in flight")
    assert page.get_by_text("Road safety week starts tomorrow").is_visible()
    axe_check(page)
    page.get_by_label("State").select_option("scheduled")
    page.get_by_label("Department or team").select_option("Dudley NPU")
    page.get_by_role("button", name="Show posts").click()
    page.wait_for_load_state()
    assert page.get_by_text("1 post matching the filters").is_visible()
    assert not page.get_by_text("The station open day").is_visible()
    axe_check(page)

    page.get_by_role("link", name="Publishing calendar").click()
    page.wait_for_load_state()
    month = page.locator("[data-calendar=month]")
    assert month.is_visible()
    assert page.locator("caption").inner_text() == f"{when:%B %Y}"
    axe_check(page)
    page.get_by_role("link", name=re.compile("^Next")).press("Enter")  # by keyboard
    page.wait_for_load_state()
    following = (when.date().replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    assert page.locator("caption").inner_text() == f"{following:%B %Y}"
    page.get_by_role("link", name=re.compile("^Previous")).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Show a week").click()
    page.goto(f"/posts/calendar/?view=week&date={when.date().isoformat()}")
    assert page.locator("[data-calendar=week]").get_by_text("09:30").is_visible()
    axe_check(page)
    assert page.csp_violations == []

    page.context.clear_cookies()
    sign_in("manager")
    page.goto("/posts/approvals/")
    page.get_by_role("link", name="Approve several posts at once").click()
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_role("button", name="Approve the chosen posts").click()
    page.wait_for_load_state()
    assert page.get_by_text("Choose at least one post to approve").first.is_visible()
    axe_check(page)
    page.get_by_label(re.compile("The station open day")).check()
    page.get_by_label(re.compile("Bike marking")).check()
    page.get_by_label("Note for every post approved (optional)").fill("Both fine.")
    page.get_by_role("button", name="Approve the chosen posts").click()
    page.wait_for_load_state()
    results = page.locator("[data-bulk-results]")
    assert "2 of 2 posts approved." in results.inner_text()
    axe_check(page)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == second.state == "ready"
    assert page.csp_violations == []


def test_a_reply_by_address_is_previewed_and_published_with_in_reply_to(
    page, sign_in, axe_check, demo_users, fake_x
):
    fake_x.seed_post(THEIRS, "There is a loose dog in Priory Park, can someone help?")
    account = _account("WMPReplyWalk")
    _account("WMPSecondWalk")  # so that the page offers "Also post the same words on"
    sign_in("staff")
    page.goto("/posts/new/")
    page.get_by_label("Which account is it for?").select_option(str(account.pk))
    page.get_by_label("Reply", exact=True).check()
    page.get_by_label("If it is a reply: which post does it reply to?").fill(
        "https://x.com/someone"
    )
    page.get_by_label("What do you want to post?").fill(REPLY)
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    assert page.get_by_text("is an address on X but not of a post").first.is_visible()
    axe_check(page)
    page.get_by_label("If it is a reply: which post does it reply to?").fill(
        f"https://x.com/someone/status/{THEIRS}?s=20"
    )
    page.get_by_role("button", name="Check").click()
    page.wait_for_load_state()
    assert page.get_by_text("Also post the same words on (optional)").is_visible()
    preview = page.locator("[data-preview=x]")
    assert "As it will look on X" in preview.inner_text()
    assert "weighted characters" in preview.inner_text()
    axe_check(page)
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    assert page.locator(f"[data-answers='{THEIRS}']").is_visible()
    axe_check(page)
    page.get_by_role("button", name="Send it on").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    assert page.locator("[data-state=published]").is_visible()
    assert page.locator(f"[data-answers='{THEIRS}']").is_visible()
    axe_check(page)
    published = [p for p in fake_x.posts.values() if p["text"] == REPLY]
    assert len(published) == 1 and published[0]["in_reply_to_tweet_id"] == THEIRS
    sent = fake_x.calls("POST", "/2/tweets")[-1].json()
    assert sent["reply"] == {"in_reply_to_tweet_id": THEIRS}
    assert page.csp_violations == []

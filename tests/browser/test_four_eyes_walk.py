"""Four eyes that stay four, walked through the real pages in a browser: a line manager changes
the words of a post sent for a second opinion and cannot then approve it alone; the author sees
what changed, word by word, and accepts it; the manager approves it; the author publishes it to
a fake X (real HTTP on 127.0.0.1), and what goes out is the version that was approved. Every page
on the way passes axe-core and breaks no Content-Security-Policy."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

WRITTEN = "Lost dog found on Dudley High Street on Saturday. Call 101 to collect him."
CHANGED = "Lost dog found on Dudley High Street on Saturday morning. Call 101 to collect her."


@pytest.fixture
def fake_x(settings):
    from bluelamp.publishing.fakeplatforms import FakeX

    fake = FakeX()
    fake.start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


@pytest.fixture
def sent_post(demo_users, settings):
    """A post the demo member of staff wrote and sent for a second opinion, on an X account
    connected for publishing whose supervisor is the demo line manager."""
    from cryptography.fernet import Fernet

    from bluelamp.core.models import User
    from bluelamp.publishing.services import compose
    from bluelamp.publishing.services.connections import connection_save
    from bluelamp.social_accounts.tests.factories import AccountFactory

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    staff = User.objects.get(username="staff")
    manager = User.objects.get(username="manager")
    account = AccountFactory(handle="WMPDudleyFourEyes", owner=staff, supervisor=manager)
    connection_save(actor=User.objects.get(username="ccd"), account=account, token="good-token")
    post = compose.post_create(actor=staff, account=account, text=WRITTEN, second_opinion=True)
    return compose.post_submit(post=post, actor=staff)


def test_the_managers_change_goes_back_to_the_author_before_it_is_approved_and_published(
    page, sign_in, axe_check, sent_post, fake_x
):
    post_url = f"/posts/{sent_post.public_id}/"

    # Given the line manager deciding on the post, who changes its words
    sign_in("manager")
    page.goto("/posts/approvals/")
    page.get_by_role("link", name=re.compile("Lost dog found")).click()
    page.wait_for_load_state()
    page.get_by_text("Change the words yourself").click()
    page.get_by_label("Text of the post").fill(CHANGED)
    page.get_by_role("button", name="Save the changes").click()
    page.wait_for_load_state()

    # Then they are told the author must accept it, and are offered no Approve button
    assert page.get_by_text("saved as version 2").is_visible()
    assert page.locator("[data-approve-refused]").is_visible()
    assert page.get_by_role("button", name="Approve", exact=True).count() == 0
    assert page.locator("[data-pending-change]").is_visible()
    axe_check(page)

    # When the author opens the post, they see what changed, word by word
    page.context.clear_cookies()
    sign_in("staff")
    page.goto(post_url)
    assert page.locator("[data-state=awaiting_author]").is_visible()
    change = page.locator("[data-pending-change] [data-diff]")
    assert change.locator("ins", has_text="morning").is_visible()
    assert change.locator("del", has_text="him.").is_visible()
    assert change.locator("ins", has_text="her.").is_visible()
    axe_check(page)
    # ... and cannot publish it yet
    assert page.get_by_role("button", name="Publish now").count() == 0

    # And accepts it
    page.get_by_role("button", name="Accept the change").click()
    page.wait_for_load_state()
    assert page.locator("[data-state=awaiting_approval]").is_visible()
    axe_check(page)

    # Then the manager may approve it
    page.context.clear_cookies()
    sign_in("manager")
    page.goto(f"/posts/{sent_post.public_id}/approve/")
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("[data-state=ready]").is_visible()
    assert page.locator("[data-version]").get_attribute("data-version") == "2"

    # And the author publishes it: version 2, the approved one, goes out
    page.context.clear_cookies()
    sign_in("staff")
    page.goto(post_url)
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    assert page.locator("[data-state=published]").is_visible()
    assert [p["text"] for p in fake_x.posts.values()] == [CHANGED]
    assert page.locator("[data-version-card]").count() == 2
    axe_check(page)
    assert page.csp_violations == []

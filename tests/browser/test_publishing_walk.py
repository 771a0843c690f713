"""A post walked through the real pages in a browser: a member of staff writes a post with a
problem, sees the live check find it, fixes it, asks for a second opinion and sends it on; their
line manager approves it with a note; the author publishes it to a fake X (real HTTP on
127.0.0.1) and the post page shows it published, with its address. The compose and post pages
pass axe-core and break no Content-Security-Policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PROBLEM = "Lost dog found on Dudley High Street. Call me on 07700 900123 to collect him."
FIXED = "Lost dog found on Dudley High Street. Call 101 to collect him."


@pytest.fixture
def fake_x(settings):
    from bluelamp.publishing.fakeplatforms import FakeX

    fake = FakeX()
    fake.start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


@pytest.fixture
def dudley(demo_users, settings):
    """An X account that the demo member of staff is on the roster of, connected for publishing."""
    from cryptography.fernet import Fernet

    from bluelamp.core.models import User
    from bluelamp.publishing.services.connections import connection_save
    from bluelamp.social_accounts.tests.factories import AccountFactory

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    staff = User.objects.get(username="staff")
    manager = User.objects.get(username="manager")
    account = AccountFactory(handle="WMPDudleyWalk", owner=staff, supervisor=manager)
    connection_save(actor=User.objects.get(username="ccd"), account=account, token="good-token")
    return account


def test_a_post_is_written_fixed_approved_and_published(page, sign_in, axe_check, dudley, fake_x):
    # Given a member of staff on the account's roster, writing a post
    sign_in("staff")
    page.goto("/posts/new/")
    axe_check(page)
    page.get_by_label("Which account is it for?").select_option(str(dudley.pk))
    text = page.get_by_label("What do you want to post?")

    # When they type a private mobile number, the live check finds it
    text.fill(PROBLEM)
    live = page.locator("#live-check")
    live.get_by_text("A private mobile number is in the post").wait_for()
    assert live.locator("mark", has_text="07700 900123").first.is_visible()
    assert live.get_by_text("Block", exact=True).first.is_visible()
    axe_check(page)

    # The counter gives the length as X counts it once the server has checked: a link is 23
    text.fill("Details: https://west-midlands.police.uk/news/" + "a" * 300)
    count = page.locator("[data-count-for]")
    count.get_by_text("32 of 280 weighted characters on X").wait_for()

    # And when they fix it, the finding goes
    text.fill(FIXED)
    live.get_by_text("No problems found").wait_for()
    assert live.get_by_text("A private mobile number").count() == 0

    # They ask for a second opinion and save the draft, then send it on
    page.get_by_label("Ask my line manager for a second opinion").check()
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    assert re.search(r"/posts/[0-9a-f-]{36}/$", page.url)
    post_url = page.url
    axe_check(page)
    page.get_by_role("button", name="Send it on").click()
    page.wait_for_load_state()
    assert page.locator("[data-state=awaiting_approval]").is_visible()

    # Then the line manager approves it with a note
    page.context.clear_cookies()
    sign_in("manager")
    page.goto("/posts/approvals/")
    axe_check(page)
    page.get_by_role("link", name=re.compile("Lost dog found")).click()
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_label("Note (optional)").fill("Good to go: 101 is right.")
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("[data-state=ready]").is_visible()

    # And the author publishes it now, to the fake X
    page.context.clear_cookies()
    sign_in("staff")
    page.goto(post_url)
    assert page.get_by_text("Good to go: 101 is right.").is_visible()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()

    # The post page shows it published, with the platform's address
    assert page.locator("[data-state=published]").is_visible()
    link = page.locator("[data-platform-url]")
    assert link.is_visible()
    assert link.get_attribute("href").startswith("https://")
    assert len(fake_x.calls("POST", "/2/tweets")) == 1
    axe_check(page)

    # And their list of posts shows it published
    page.goto("/posts/")
    assert page.get_by_text("Published", exact=True).first.is_visible()
    axe_check(page)
    assert page.csp_violations == []


def test_without_javascript_the_check_button_shows_the_findings(browser, live_server, dudley):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/sign-in/")
        page.get_by_label("Username").fill("staff")
        page.get_by_label("Password", exact=True).fill("bluelamp-demo-only")
        page.get_by_role("button", name="Sign in").click()
        page.goto("/posts/new/")
        page.get_by_label("Which account is it for?").select_option(str(dudley.pk))
        page.get_by_label("What do you want to post?").fill(PROBLEM)
        page.get_by_role("button", name="Check").click()
        page.wait_for_load_state()
        assert page.get_by_text("A private mobile number is in the post").first.is_visible()
        assert page.get_by_label("What do you want to post?").input_value() == PROBLEM
    finally:
        context.close()


ASTRONAUT = (
    Path(__file__).resolve().parents[2] / "src/bluelamp/engine/tests/data/images/astronaut.jpg"
)


def test_the_post_page_with_an_image_a_record_and_errors_is_accessible(
    page, sign_in, axe_check, dudley
):
    # Given a draft about an incident, with a private number in it
    sign_in("staff")
    page.goto("/posts/new/")
    page.get_by_label("Which account is it for?").select_option(str(dudley.pk))
    page.get_by_label("What do you want to post?").fill(
        "We arrested a man in Dudley last night. Witnesses call 07700 900123."
    )
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Disclosure record (CC/01 4.24)").is_visible()

    # When they add a photo with a face, and try to send it on as it stands
    page.get_by_label("Upload an image").set_input_files(str(ASTRONAUT))
    page.get_by_label("Describe the image for people who cannot see it").fill(
        "An astronaut in a white suit"
    )
    page.locator("input[name=force_owns][value=yes]").check()
    page.get_by_role("button", name="Add the image").click()
    page.wait_for_load_state()
    assert page.locator("[data-faces='1']").is_visible()
    axe_check(page)
    page.get_by_role("button", name="Send it on").click()
    page.wait_for_load_state()

    # Then the page says what is wrong, and still passes axe-core
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)

    # And blurring the faces settles them
    page.get_by_role("button", name="Blur faces in image 1").click()
    page.wait_for_load_state()
    assert page.get_by_text("1: blurred").is_visible()
    axe_check(page)
    assert page.csp_violations == []


def test_the_connection_page_is_accessible_and_never_shows_the_token(
    page, sign_in, axe_check, dudley
):
    sign_in("ccd")
    page.goto(f"/posts/connections/{dudley.pk}/")
    axe_check(page)
    page.get_by_label("Access token").fill("has a space")
    page.get_by_role("button", name="Save the token").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_label("Access token").input_value() == ""
    axe_check(page)

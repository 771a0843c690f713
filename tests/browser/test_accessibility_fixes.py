"""The accessibility fixes, checked in a browser: the live check tells screen readers a short
summary only when the verdict changes, and the counter says when a post is too long; wide tables
scroll in their own box at 320 px, so the page itself never scrolls sideways; highlighted words
stand out from the page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PROBLEM = "Lost dog found on Dudley High Street. Call me on 07700 900123 to collect him."

# Every text the aria-live regions are given, in order.
RECORD = """() => {
  window.said = [];
  document.querySelectorAll('[aria-live]').forEach(node => {
    new MutationObserver(() => window.said.push(node.textContent)).observe(
      node, {childList: true, characterData: true, subtree: true});
  });
}"""


@pytest.fixture
def account(demo_users):
    from bluelamp.core.models import User
    from bluelamp.social_accounts.tests.factories import AccountFactory

    return AccountFactory(
        handle="WMPDudleyA11y",
        owner=User.objects.get(username="staff"),
        supervisor=User.objects.get(username="manager"),
    )


def test_the_live_check_announces_a_short_summary_only_when_it_changes(
    page, sign_in, axe_check, account
):
    sign_in("staff")
    page.goto("/posts/new/")
    page.get_by_label("Which account is it for?").select_option(str(account.pk))
    page.evaluate(RECORD)
    text = page.get_by_label("What do you want to post?")

    # Typed slowly, a key at a time, the problem is announced once, in a few words
    text.press_sequentially(PROBLEM, delay=5)
    page.locator("#live-check").get_by_text("A private mobile number is in the post").wait_for()
    for key in " Thanks":
        text.press(key if key != " " else "Space")
        page.wait_for_timeout(400)  # longer than the check's pause: each key is checked
    page.wait_for_timeout(600)
    said = page.evaluate("window.said")
    assert said == ["1 problem: block"], said
    # The findings region is not itself live, so the whole post is never read out again
    assert page.locator("#live-check").get_attribute("aria-live") is None

    # When the problem goes, that is said
    text.fill("Lost dog found on Dudley High Street. Call 101 to collect him.")
    page.locator("[data-live-status]").get_by_text("No problems found").wait_for()

    # Too long for X: the counter's words are said once the typing pauses
    text.fill("a" * 287)
    page.locator("[data-count-status]").get_by_text("7 too many for X", exact=False).wait_for()
    text.fill("a" * 200)
    page.locator("[data-count-status]").get_by_text("Now within the limit", exact=False).wait_for()
    axe_check(page)


def test_highlighted_words_stand_out_from_the_page(page, sign_in, account):
    sign_in("staff")
    page.goto("/posts/new/")
    page.get_by_label("Which account is it for?").select_option(str(account.pk))
    page.get_by_label("What do you want to post?").fill(PROBLEM)
    mark = page.locator("#live-check mark").first
    mark.wait_for()
    colours = mark.evaluate(
        "m => { const s = getComputedStyle(m); return [s.color, s.backgroundColor, s.boxShadow]; }"
    )
    # Black words on GOV.UK yellow, underlined in black (19:1 against the white page)
    assert colours[0] == "rgb(11, 12, 13)" or colours[0] == "rgb(11, 12, 12)"
    assert colours[1] == "rgb(255, 221, 0)"
    assert "inset" in colours[2]


@pytest.mark.parametrize(
    ("username", "path"),
    [("ccd", "/accounts/"), ("auditor", "/audit/")],
)
def test_at_320_px_only_the_table_scrolls_sideways(
    page, sign_in, axe_check, account, username, path
):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(username)
    page.goto(path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    box = page.locator(".bl-table-scroll").first
    assert box.get_attribute("tabindex") == "0"
    axe_check(page)


def test_the_policy_page_and_the_guidance_where_it_matters(page, sign_in, axe_check, account):
    sign_in("staff")
    page.goto("/policy/")
    assert page.title().startswith("The policy: CC/01")
    page.locator("#clause-4-12").wait_for()
    axe_check(page)

    # The compose page gives 4.22 and, for replies, 4.17; the live check's clause is a link
    page.goto("/posts/new/")
    page.get_by_text("Before you post: what the policy advises").click()
    assert page.get_by_text("Audience is huge").is_visible()
    page.get_by_text("Replying to a journalist").click()
    assert page.get_by_text("Journalists on social media").is_visible()
    page.get_by_label("Which account is it for?").select_option(str(account.pk))
    page.get_by_label("What do you want to post?").fill(PROBLEM)
    cited = page.locator("#live-check a", has_text="CC/01 4.12")
    cited.wait_for()
    assert cited.get_attribute("href") == "/policy/#clause-4-12"
    axe_check(page)
    cited.click()
    page.wait_for_url("**/policy/#clause-4-12")

    # The self-check gives 6.3 to 6.10
    page.goto("/self-check/")
    page.get_by_text("What the policy advises for your own accounts").click()
    assert page.get_by_text("The media watch staff accounts").is_visible()
    axe_check(page)


def test_the_time_out_warns_lets_people_stay_and_keeps_their_draft(
    page, sign_in, axe_check, account, settings
):
    settings.SESSION_COOKIE_AGE = 10  # the warning comes 5 seconds before the end
    sign_in("staff")
    page.goto("/posts/new/")
    dialog = page.get_by_role("dialog", name="You are about to be signed out")

    # The warning comes, as a modal dialog with the focus on "Stay signed in"
    dialog.wait_for(timeout=10_000)
    stay = dialog.get_by_role("button", name="Stay signed in")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stay signed in"
    axe_check(page)
    stay.click()
    dialog.wait_for(state="hidden")

    # Left again, with words written: signed out, then signed in again, the words are back
    page.get_by_label("Which account is it for?").select_option(str(account.pk))
    page.get_by_label("What do you want to post?").fill("A post written slowly")
    page.wait_for_url("**/sign-in/**", timeout=20_000)
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password", exact=True).fill("bluelamp-demo-only")
    settings.SESSION_COOKIE_AGE = 3600
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/posts/new/")
    page.locator("[data-draft-restored]").wait_for()
    assert page.get_by_label("What do you want to post?").input_value() == "A post written slowly"
    assert page.get_by_label("Which account is it for?").input_value() == str(account.pk)


def test_dates_are_govuk_date_inputs_with_govuk_errors(page, sign_in, axe_check):
    sign_in("ccd")
    page.goto("/policy/training/new/")
    assert page.locator("input[type=date]").count() == 0
    group = page.get_by_role("group", name="Date completed")
    group.get_by_label("Day").fill("27")
    group.get_by_label("Month").fill("Marchember")
    group.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Record training").click()
    page.wait_for_load_state()

    summary = page.locator(".govuk-error-summary")
    link = summary.get_by_role("link", name="Date completed must be a real date")
    assert link.get_attribute("href") == "#id_completed_on_day"
    assert page.locator("#id_completed_on_day").count() == 1
    assert page.locator("#id_completed_on-error").count() == 1
    axe_check(page)

    # "March" is a month
    group.get_by_label("Month").fill("March")
    page.get_by_role("button", name="Record training").click()
    page.wait_for_load_state()
    assert page.get_by_text("Date completed must be a real date").count() == 0

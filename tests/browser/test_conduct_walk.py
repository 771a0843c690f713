"""A conduct case walked through the real pages in a browser: a line manager reports a possible
breach with a screenshot, CCD assess it and refer it to Professional Standards (and then cannot
see it), PSD ask the member of staff to remove the content, the member of staff gives proof
(without learning who reported it), and PSD close the case. Each page on the way passes
axe-core. The pages' clock is fixed (``views.now``)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from bluelamp.conduct import views

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 3, 24, 10, 0, tzinfo=dt.UTC)
WRONG = "A photo of the custody suite, with a detainee in view"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def _click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state()


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 60, 200)).save(out, format="PNG")
    return out.getvalue()


def _sign_out(page) -> None:
    _click(page, "button", "Sign out")


def test_a_report_goes_from_ccd_to_psd_to_removal_and_closure(page, sign_in, axe_check, fill_date):
    # Given a line manager who saw a post that may breach the policy
    sign_in("manager")
    page.goto("/conduct/")
    axe_check(page)
    _click(page, "link", "Report a possible breach")
    axe_check(page)
    page.get_by_label("What are you reporting?").select_option("post")
    page.get_by_label("Link to it").fill("https://x.com/jo_bloggs_personal/status/77")
    page.get_by_label("Screenshot (optional)").set_input_files(
        {"name": "post.png", "mimeType": "image/png", "buffer": _png()}
    )
    page.get_by_label("What is wrong with it?").fill(WRONG)
    page.get_by_label("Which part of the policy may it breach?").select_option("6.7")
    _click(page, "button", "Send the report")
    assert page.get_by_text(re.compile(r"CC-\d{5} has been sent")).is_visible()
    reference = re.search(r"CC-\d{5}", page.content()).group(0)
    _sign_out(page)

    # When CCD assess it, naming the member of staff, and refer it to Professional Standards
    sign_in("ccd")
    page.goto("/conduct/cases/")
    axe_check(page)
    _click(page, "link", reference)
    axe_check(page)
    assert page.get_by_text(WRONG).is_visible()
    case_url = page.url
    _click(page, "link", "Assess the report")
    page.get_by_label("How serious is it?").select_option("serious")
    page.get_by_label("Your assessment").fill("A detainee can be identified: 4.10 and 6.7.")
    page.get_by_label("The member of staff concerned (optional)").fill("staff")
    _click(page, "button", "Record the assessment")
    _click(page, "link", "Refer to Professional Standards")
    axe_check(page)
    page.get_by_label("Why it goes to Professional Standards").fill("Possible gross misconduct.")
    _click(page, "button", "Refer the case")
    # Then CCD no longer see it
    assert page.goto(case_url).status == 404
    _sign_out(page)

    # When PSD ask the member of staff to remove it within a week
    sign_in("psd")
    page.goto("/")
    _click(page, "link", "See conduct referrals")
    _click(page, "link", reference)
    assert page.get_by_text("Referred to Professional Standards").first.is_visible()
    _click(page, "link", "Ask for the content to be removed")
    axe_check(page)
    page.get_by_label("What they must remove").fill(
        "Your post of 20 March on X showing the custody suite."
    )
    fill_date(page, "Remove it by", "2026-03-31")
    _click(page, "button", "Send the request")
    _sign_out(page)

    # Then the member of staff sees what to remove and by when, but not who reported it
    sign_in("staff")
    page.goto("/conduct/")
    _click(page, "link", reference)
    axe_check(page)
    assert page.get_by_text("31 March 2026").first.is_visible()
    content = page.content()
    assert "Sgt 1234 Sam Patel" not in content and "custody suite, with a detainee" not in content
    page.get_by_label("Your statement").fill("I deleted the post on 24 March.")
    page.get_by_label("Where it was (link)").fill("https://x.com/jo_bloggs_personal/status/77")
    _click(page, "button", "Send the proof")
    assert page.get_by_text("your proof of removal has been sent").is_visible()
    _sign_out(page)

    # And PSD record the outcome and close the case
    sign_in("psd")
    page.goto(case_url)
    assert page.get_by_text("I deleted the post on 24 March.").is_visible()
    _click(page, "link", "Record the outcome and close")
    axe_check(page)
    page.get_by_label("Outcome", exact=True).select_option("management_action")
    _click(page, "button", "Close the case")
    assert page.get_by_text("Closed", exact=True).first.is_visible()
    axe_check(page)
    _sign_out(page)

    # And an auditor sees that the case exists, not what is in it
    sign_in("auditor")
    page.goto("/conduct/cases/")
    axe_check(page)
    assert page.get_by_text(reference).is_visible()
    assert WRONG not in page.content()
    assert page.csp_violations == []


def test_a_journalists_approach_and_a_post_flagged_for_media_attention_reach_the_press_office(
    page, sign_in, axe_check, demo_users
):
    from bluelamp.core.models import User
    from bluelamp.data_requests.tests.archive import make_post
    from bluelamp.social_accounts.tests.factories import AccountFactory

    post = make_post(
        AccountFactory(owner=User.objects.get(username="staff"), handle="WMPWalsall"),
        state="draft",
    )
    # Given a member of staff messaged by a journalist
    sign_in("staff")
    page.goto("/conduct/")
    _click(page, "link", "Report abuse or a journalist's approach")
    axe_check(page)
    page.get_by_label("What are you reporting?").select_option("journalist")
    page.get_by_label("What happened").fill("A reporter messaged me about Friday's raid.")
    page.get_by_label("The words, pasted as they appeared").fill(
        "Can you confirm who was arrested?"
    )
    page.get_by_label("Screenshot (optional)").set_input_files(
        {"name": "dm.png", "mimeType": "image/png", "buffer": _png()}
    )
    _click(page, "button", "Send the report")
    assert page.get_by_text(re.compile(r"JA-\d{5} sent")).is_visible()
    axe_check(page)
    report_url = page.url

    # And who expects their draft to attract media attention
    page.goto(f"/posts/{post.public_id}/")
    _click(page, "link", "This will attract media attention: tell the press office (CC/01 3.12)")
    axe_check(page)
    page.get_by_label("Why will it attract media attention?").fill("It names a local MP.")
    _click(page, "button", "Tell the press office")
    assert page.get_by_text("The press office has been told.").is_visible()
    _sign_out(page)

    # Then CCD's press office sees both
    sign_in("ccd")
    page.goto(report_url)
    axe_check(page)
    assert page.get_by_text("Can you confirm who was arrested?").is_visible()
    page.goto("/conduct/media-alerts/")
    axe_check(page)
    assert page.get_by_text("It names a local MP.").is_visible()
    assert page.csp_violations == []

"""Letters to a requester written and sent in a browser by information security: the extension
notice drafted on the extension step and sent with it, a refusal refused while it lacks what
the law requires and sent once complete (kept as a PDF), and that letter recorded as the
response. The pages' clock is fixed (``views.now``)."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.data_requests import views

pytestmark = pytest.mark.browser

#: Tuesday 24 March 2026, 10:00 UTC.
NOW = dt.datetime(2026, 3, 24, 10, 0, tzinfo=dt.UTC)
ICO_SENTENCE = "You have the right to complain to the Information Commissioner"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


@pytest.fixture
def refused_case(demo_users):
    """A UK GDPR request received on 2 March 2026, its one post refused with reasons."""
    from bluelamp.core.models import User
    from bluelamp.data_requests.choices import Outcome, RequestStatus
    from bluelamp.data_requests.tests.factories import PostDecisionFactory

    post = PostDecisionFactory(
        request__owner=User.objects.get(username="infosec"),
        request__status=RequestStatus.CONSIDERING,
        request__received_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC),
        outcome=Outcome.REFUSE,
        reasons="The appeal is accurate and the investigation is still open.",
    )
    return post.request


def _click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state()


def test_infosec_writes_and_sends_letters_tied_to_the_workflow(
    page, sign_in, axe_check, refused_case
):
    rr = refused_case
    sign_in("infosec")
    page.goto(f"/removal-requests/{rr.pk}/")
    assert page.get_by_text("No letters sent yet.").is_visible()

    # When they extend the deadline, the extension notice is drafted on the same page
    _click(page, "link", "Extend the deadline")
    axe_check(page)
    notice = page.get_by_label("Or send this extension notice now")
    assert "[Write the reasons for the extension]" in notice.input_value()
    assert "We will now answer you by Tuesday 2 June 2026." in notice.input_value()
    assert "West Midlands Police" in notice.input_value()  # signed with the pack's force
    page.get_by_label("Reasons for the extension").fill(
        "Your request concerns posts shared across many accounts."
    )
    _click(page, "button", "Extend by two months")

    # Then the notice was sent with the reasons in place and kept with the case
    assert page.get_by_text("Extend the deadline: done.").is_visible()
    assert page.get_by_text("Tuesday 2 June 2026").first.is_visible()  # the extended deadline
    notice_letter = rr.letters.get()
    row = page.locator(f"#letter-{notice_letter.pk}")
    assert "Extension notice" in row.inner_text()
    assert row.get_by_text("the extension notice", exact=True).is_visible()
    assert "Why we need more time: Your request concerns posts" in notice_letter.body

    # When they write the refusal and take out the Commissioner paragraph
    _click(page, "link", "Write a letter")
    axe_check(page)
    _click(page, "link", "Refusal")
    axe_check(page)
    letter = page.get_by_label("The letter")
    draft = letter.input_value()
    assert "Our reasons: The appeal is accurate" in draft
    assert ICO_SENTENCE in draft
    paragraphs = draft.split("\n\n")
    letter.fill("\n\n".join(p for p in paragraphs if not p.startswith(ICO_SENTENCE)))
    _click(page, "button", "Send the letter")

    # Then it is not sent, and the page says what is missing
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_text(
        "the right to complain to the Information Commissioner"
    ).first.is_visible()
    axe_check(page)
    assert rr.letters.count() == 1

    # When they put it back and send it
    page.get_by_label("The letter").fill(draft + "\n\nWe are sorry we cannot help further.")
    _click(page, "button", "Send the letter")

    # Then it is kept with the case, as a PDF
    assert page.get_by_text("Refusal letter sent and kept with the case.").is_visible()
    refusal = rr.letters.get(kind="refusal")
    assert refusal.body.endswith("We are sorry we cannot help further.")
    link = page.get_by_role("link", name="Download PDF of the refusal letter")
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF-")

    # And it is the response: the letter is offered, and its sent date is the response date
    _click(page, "link", "Record the response")
    axe_check(page)
    choice = page.get_by_label("The letter that answered the requester")
    assert choice.input_value() == str(refusal.pk)
    _click(page, "button", "Record the response")
    assert page.get_by_text("Record the response: done.").is_visible()
    assert page.locator(f"#letter-{refusal.pk}").get_by_text("the response").is_visible()
    rr.refresh_from_db()
    assert (rr.status, rr.response_letter, rr.responded_at) == ("responded", refusal, NOW)
    assert not page.csp_violations

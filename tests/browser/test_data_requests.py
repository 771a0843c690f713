"""A removal request walked through the real pages in a browser by information security: intake,
identity, a post decided, the social media team's task recorded, the outcome letter sent and
recorded as the response, and closure.
Each page on the way passes axe-core. The pages' clock is fixed (``views.now``)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bluelamp.data_requests import views

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 3, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def _click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state()


def test_infosec_takes_a_request_from_intake_to_closure(page, sign_in, axe_check, fill_date):
    # Given information security, recording a verbal request received yesterday
    sign_in("infosec")
    page.goto("/removal-requests/")
    axe_check(page)
    _click(page, "link", "Record a request")
    axe_check(page)
    page.get_by_label("Requester's name").fill("Bethany Quartermaine")
    page.get_by_label("How to contact them").fill("07700 900123")
    page.get_by_label("What they ask").fill("Remove the appeal with my photo: I was found.")
    page.get_by_label("What they want").select_option("erasure")
    page.get_by_label("Regime").select_option("ukgdpr")
    fill_date(page, "Date received", "2026-03-23")
    page.get_by_label("How it was received").select_option("verbal")
    _click(page, "button", "Record the request")
    assert re.search(r"/removal-requests/\d+/$", page.url)
    assert page.get_by_text("Thursday 23 April 2026").first.is_visible()  # statutory deadline
    axe_check(page)

    # When they confirm the identity, link a post and decide to remove it
    _click(page, "link", "Identity not in doubt")
    _click(page, "button", "Confirm the identity")
    _click(page, "link", "Link a post")
    page.get_by_label("Address of the post").fill("https://x.com/WMPDudley/status/123")
    page.get_by_label("Platform").fill("X")
    _click(page, "button", "Link the post")
    _click(page, "link", "Decide the X post")
    axe_check(page)
    page.get_by_label("Decision").select_option("remove")
    _click(page, "button", "Record the decision")

    # And the social media team removes it, and the requester is answered
    _click(page, "link", "Set the social media team's tasks")
    _click(page, "button", "Set the tasks")
    _click(page, "link", "Record as done")
    page.get_by_label("Who carried it out").fill("Sam Patel, social media team")
    fill_date(page, "Date it was carried out", "2026-03-24")
    page.get_by_label("Evidence").fill("X confirmation 88123")
    _click(page, "button", "Record it")
    # The response is the outcome letter, written from the case and sent first
    _click(page, "link", "Write a letter")
    _click(page, "link", "Outcome")
    assert "We have removed the post on X" in page.get_by_label("The letter").input_value()
    _click(page, "button", "Send the letter")
    _click(page, "link", "Record the response")
    assert (
        "Outcome letter sent 24 March 2026"
        in page.get_by_label("The letter that answered the requester").inner_text()
    )
    page.get_by_label("Note for the file (optional)").fill("The post was removed.")
    _click(page, "button", "Record the response")
    _click(page, "link", "Close the request")
    _click(page, "button", "Close it")

    # Then the request is closed and no longer in the queue
    assert page.get_by_text("Closed").first.is_visible()
    axe_check(page)
    page.goto("/removal-requests/")
    assert page.get_by_text("There are no open requests.").is_visible()
    assert not page.csp_violations

"""Information security links the post a removal request concerns from the archive, and records
the social media team's task as done from the platform's confirmed removal. Each page passes
axe-core."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bluelamp.data_requests import views
from bluelamp.data_requests.services.intake import removal_request_create

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 3, 24, 10, 0, tzinfo=dt.UTC)
TEXT = "Appeal: have you seen Bethany, 15, missing from Dudley? Thank you, she has been found."


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


@pytest.fixture
def removed_post(demo_users):
    """A published post on X, already deleted on the platform by CCD (the Removal the connector
    records), and a request about it."""
    from bluelamp.core.models import User
    from bluelamp.publishing.models import Post, Removal
    from bluelamp.social_accounts.tests.factories import AccountFactory

    ccd = User.objects.get(username="ccd")
    account = AccountFactory(platform="x", handle="WMPDudleyLink", owner=ccd)
    published = NOW - dt.timedelta(days=20)
    post = Post.objects.create(
        account=account,
        author=ccd,
        text=TEXT,
        state="removed",
        platform_post_id="1890001",
        platform_url="https://x.com/WMPDudleyLink/status/1890001",
        published_at=published,
        removed_at=NOW - dt.timedelta(hours=1),
        created_at=published,
        updated_at=published,
    )
    Removal.objects.create(
        post=post,
        requested_by=ccd,
        reason="RR removal request",
        outcome="deleted",
        platform_response={"data": {"deleted": True}},
        at=NOW - dt.timedelta(hours=1),
    )
    request = removal_request_create(
        actor=User.objects.get(username="infosec"),
        requester_name="Bethany's mother",
        requester_contact="07700 900123",
        request_text="Please take down the appeal about my daughter: she is home.",
        right="erasure",
        regime="ukgdpr",
        received_at=NOW - dt.timedelta(days=1),
        received_how="written",
        now=NOW,
    )
    return request


def _click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state()


def test_link_from_the_archive_and_record_the_task_from_the_confirmation(
    page, sign_in, axe_check, removed_post
):
    sign_in("infosec")
    page.goto(f"/removal-requests/{removed_post.pk}/")
    _click(page, "link", "Identity not in doubt")
    _click(page, "button", "Confirm the identity")
    _click(page, "link", "Find the post in the archive")
    page.get_by_label("Words in the post").fill("Bethany missing Dudley")
    _click(page, "button", "Search the archive")
    assert page.get_by_text("@WMPDudleyLink").first.is_visible()
    axe_check(page)
    _click(page, "button", "Link this post")
    assert page.get_by_text("@WMPDudleyLink").first.is_visible()

    page.get_by_role("link", name=re.compile(r"^Decide")).first.click()
    page.wait_for_load_state()
    page.get_by_label("Decision").select_option("remove")
    _click(page, "button", "Record the decision")
    _click(page, "link", "Set the social media team's tasks")
    _click(page, "button", "Set the tasks")
    _click(page, "link", "Record as done")
    assert page.get_by_text("the platform confirmed it").first.is_visible()
    axe_check(page)
    _click(page, "button", "Record as done from the platform's confirmation")
    assert page.get_by_text("From the platform's confirmation").first.is_visible()
    axe_check(page)
    assert not page.csp_violations

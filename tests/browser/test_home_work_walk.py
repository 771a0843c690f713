"""Each role's home page lists what waits for them, one click from each item, and the
navigation counts their unread notifications; the auditor reaches every post and exports the
audit trail. Each page passes axe-core."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser


def _world():
    from bluelamp.conduct.tests.factories import ConductCaseFactory
    from bluelamp.core import mail
    from bluelamp.core.models import User
    from bluelamp.data_requests.tests.factories import RemovalRequestFactory
    from bluelamp.engine.workflows import posts as flow
    from bluelamp.publishing.models import Post
    from bluelamp.social_accounts.tests.factories import AccountFactory
    from bluelamp.spoofs.tests.conftest import make_candidate

    people = {u.username: u for u in User.objects.all()}
    account = AccountFactory(handle="WMPHomeWalk", owner=people["staff"])
    now = timezone.now()

    def post(state, text, **fields):
        return Post.objects.create(
            account=account,
            author=people["staff"],
            text=text,
            state=state,
            created_at=now,
            updated_at=now,
            **fields,
        )

    waiting = post(
        flow.AWAITING_APPROVAL, "Road closed on the A38 tonight", approver_needed=flow.MANAGER
    )
    returned = post(flow.RETURNED, "Community meeting on Thursday")
    held = post(flow.HELD, "Open day at the station", held_reason="A major incident is declared.")
    RemovalRequestFactory(owner=people["infosec"], received_at=now - dt.timedelta(days=3))
    ConductCaseFactory(reported_by=people["staff"], clause="6.7")
    make_candidate(added_by=people["ccd"])
    mail.notify(
        subject="Your post on @WMPHomeWalk was returned",
        body="Take it back to draft, change it and send it again.",
        to=mail.addresses(people["staff"]),
        link=f"/posts/{returned.public_id}/",
    )
    return waiting, returned, held


def test_each_role_sees_its_work_on_its_home_page(page, sign_in, axe_check):
    sign_in("staff")  # the demo users exist once someone has signed in
    page.context.clear_cookies()
    waiting, returned, _held = _world()

    sign_in("manager")
    page.goto("/")
    approvals = page.locator('[data-work="publishing.approvals"]')
    assert approvals.is_visible()
    axe_check(page)
    approvals.get_by_role("link", name="Road closed on the A38").click()
    page.wait_for_load_state()
    assert str(waiting.public_id) in page.url

    page.context.clear_cookies()
    sign_in("staff")
    page.goto("/")
    assert page.locator('[data-work="publishing.mine"]').is_visible()
    nav = page.get_by_role("navigation", name="Menu")
    nav.get_by_role("link", name="Notifications (1 unread)").click()
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_role("button", name="Open it").click()
    page.wait_for_load_state()
    assert str(returned.public_id) in page.url
    assert (
        page.get_by_role("navigation", name="Menu")
        .get_by_role("link", name="Notifications", exact=True)
        .is_visible()
    )

    page.context.clear_cookies()
    sign_in("ccd")
    page.goto("/")
    for key in ("publishing.held", "conduct.cases", "spoofs.candidates"):
        assert page.locator(f'[data-work="{key}"]').is_visible(), key
    axe_check(page)

    page.context.clear_cookies()
    sign_in("infosec")
    page.goto("/")
    assert page.locator('[data-work="data_requests.due"]').is_visible()
    axe_check(page)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Removal requests").click()
    page.wait_for_load_state()
    assert page.url.endswith("/removal-requests/")


def test_the_auditor_reads_every_post_and_exports_the_trail(page, sign_in, axe_check):
    sign_in("staff")
    page.context.clear_cookies()
    waiting, returned, held = _world()
    sign_in("auditor")
    page.goto("/")
    # No removal request, conduct case or spoof is the auditor's to act on.
    for key in ("data_requests.due", "conduct.cases", "spoofs.candidates", "publishing.held"):
        assert page.locator(f'[data-work="{key}"]').count() == 0, key
    axe_check(page)
    nav = page.get_by_role("navigation", name="Menu")
    nav.get_by_role("link", name="Posts", exact=True).click()
    page.get_by_role("link", name="See every post on every account, in every state").click()
    page.wait_for_load_state()
    axe_check(page)
    for post in (waiting, returned, held):
        assert str(post.public_id) in page.content()
    page.get_by_label("State").select_option(label="Held")
    page.get_by_role("button", name="Show posts").click()
    page.wait_for_load_state()
    assert str(held.public_id) in page.content()
    assert str(waiting.public_id) not in page.content()

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Audit trail").click()
    page.get_by_label("Leave out people signing in and out").check()
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    axe_check(page)
    assert "auth.login" not in page.locator("table").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("Sequence,When (UTC),Who,Action")
    assert ",auth.login," not in text

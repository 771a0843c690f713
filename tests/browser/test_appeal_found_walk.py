"""An appeal's person is found (CC/01 4.11): the case is marked found on its page, a removal task
appears for the appeal and for its re-share on another account, and both are removed through the
platform (a fake X on 127.0.0.1). Each page passes axe-core."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.reviews import views

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
APPEAL = "Have you seen Jamie Carter, 15, missing from Dudley? Call 101 quoting MIS/1."


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


@pytest.fixture
def fake_x(settings):
    from cryptography.fernet import Fernet

    from bluelamp.publishing.fakeplatforms import FakeX

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


@pytest.fixture
def case(demo_users, fake_x):
    from bluelamp.core.models import User
    from bluelamp.publishing.models import Post
    from bluelamp.publishing.services.connections import connection_save
    from bluelamp.reviews import services
    from bluelamp.social_accounts.tests.factories import AccountFactory

    ccd = User.objects.get(username="ccd")
    published = NOW - dt.timedelta(days=3)
    posts = []
    for n, (handle, text, repost_of) in enumerate(
        (
            ("WMPDudleyAppeal", APPEAL, ""),
            ("WMPBrierleyHill", "", "1900000000000000001"),
        ),
        start=1,
    ):
        account = AccountFactory(platform="x", handle=handle, owner=ccd)
        connection_save(actor=ccd, account=account, token="good-token", now=NOW)
        post_id = f"19000000000000000{n:02d}"
        fake_x.posts[post_id] = {"id": post_id, "text": text or "RT"}
        posts.append(
            Post.objects.create(
                account=account,
                author=ccd,
                text=text,
                repost_of=repost_of,
                state="published",
                platform_post_id=post_id,
                published_at=published,
                created_at=published,
                updated_at=published,
            )
        )
    case = services.case_create(actor=ccd, name="Jamie Carter", reference="MIS/1", now=NOW)
    services.case_post_link(case=case, post=posts[0], actor=ccd, now=NOW)
    return case


def test_an_appeal_marked_found_and_its_posts_removed(page, sign_in, axe_check, case, fake_x):
    sign_in("ccd")
    page.goto("/appeal-cases/")
    axe_check(page)
    page.get_by_role("link", name="Jamie Carter (MIS/1)").click()
    page.wait_for_load_state()
    axe_check(page)
    page.get_by_label("Found").check()
    page.get_by_role("button", name="Mark the case").click()
    page.wait_for_load_state()
    assert "Case resolved" in page.locator("main").inner_text()
    tasks = page.get_by_role("table", name="Removal tasks for this ended appeal")
    assert "@WMPDudleyAppeal" in tasks.inner_text() and "@WMPBrierleyHill" in tasks.inner_text()
    axe_check(page)
    page.get_by_role("button", name="Remove from @WMPDudleyAppeal").click()
    page.wait_for_load_state()
    assert "Removed from @WMPDudleyAppeal" in page.locator("main").inner_text()
    page.get_by_role("button", name="Remove from @WMPBrierleyHill").click()
    page.wait_for_load_state()
    assert fake_x.posts == {}
    assert (
        "Not yet"
        not in page.get_by_role("table", name="Removal tasks for this ended appeal").inner_text()
    )
    axe_check(page)

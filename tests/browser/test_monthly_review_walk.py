"""An account's owner does the monthly review in a browser (CC/01 4.1): a road closure whose
date has passed is kept with a reason, an appeal whose person was found is removed through the
platform (a fake X on 127.0.0.1), the review is completed, and CCD sees it on the completion
chart. Each page passes axe-core."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.reviews import views

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
CLOSURE = (
    "ROAD CLOSURE: Castle Hill, Dudley closed from Saturday 14 November to Monday 16 November."
)
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
def review(demo_users, fake_x):
    from bluelamp.core.models import User
    from bluelamp.publishing.models import Post
    from bluelamp.publishing.services.connections import connection_save
    from bluelamp.reviews import services
    from bluelamp.social_accounts.tests.factories import AccountFactory

    owner, ccd = User.objects.get(username="staff"), User.objects.get(username="ccd")
    account = AccountFactory(platform="x", handle="WMPDudleyReview", owner=owner, team="Dudley NPU")
    connection_save(actor=ccd, account=account, token="good-token", platform_account_id="", now=NOW)
    published = NOW - dt.timedelta(days=25)
    posts = []
    for n, text in enumerate((CLOSURE, APPEAL), start=1):
        post_id = f"19000000000000000{n:02d}"
        fake_x.posts[post_id] = {"id": post_id, "text": text}
        posts.append(
            Post.objects.create(
                account=account,
                author=owner,
                text=text,
                state="published",
                platform_post_id=post_id,
                published_at=published,
                created_at=published,
                updated_at=published,
            )
        )
    case = services.case_create(actor=owner, name="Jamie Carter", reference="MIS/1", now=NOW)
    services.case_post_link(case=case, post=posts[1], actor=owner, now=NOW)
    services.case_resolve(case=case, actor=owner, status="found", now=NOW)
    return services.review_open(account=account, month=NOW.date(), now=NOW)


def _decide(page, row_text: str, decision: str, reason: str) -> None:
    page.get_by_role("row").filter(has_text=row_text).get_by_role("link", name="Decide").click()
    page.wait_for_load_state()
    page.get_by_label(decision).check()
    page.get_by_label("Why?").fill(reason)
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()


def test_an_owner_does_the_monthly_review(page, sign_in, axe_check, review, fake_x):
    sign_in("staff")
    page.goto("/reviews/")
    axe_check(page)
    page.get_by_role("link", name="@WMPDudleyReview").click()
    page.wait_for_load_state()
    assert page.title().startswith("Review of @WMPDudleyReview")
    body = page.locator("main").inner_text()
    assert "16 November 2026" in body and "Jamie Carter (MIS/1) is marked found" in body
    axe_check(page)

    page.get_by_role("row").filter(has_text="Castle Hill").get_by_role(
        "link", name="Decide"
    ).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()
    assert "Select keep, correct or remove" in page.locator(".govuk-error-summary").inner_text()
    axe_check(page)
    page.get_by_role("link", name="Back to the review").click()
    page.wait_for_load_state()

    _decide(page, "Castle Hill", "Keep it as it is", "A record of the works for residents.")
    _decide(page, "Jamie Carter", "Remove it", "Jamie has been found, thank you.")
    assert fake_x.posts.keys() == {"1900000000000000001"}
    page.get_by_role("button", name="Complete the review").click()
    page.wait_for_load_state()
    assert "Review done." in page.locator("main").inner_text()
    assert "Done" in page.locator("main").inner_text()
    axe_check(page)

    page.context.clear_cookies()
    sign_in("ccd")
    page.goto("/reviews/completion/")
    axe_check(page)
    table = page.get_by_role("table", name="Review completion by department").inner_text()
    assert "Dudley NPU" in table and "100%" in table

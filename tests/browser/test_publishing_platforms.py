"""The rest of the publishing walk in a browser, against fake platforms on 127.0.0.1: a post
published to a Facebook Page and to Instagram (with its image), found in the archive and removed
(Instagram's API cannot delete: the removal done in the app is recorded); and a post scheduled in
the browser that the worker publishes at its time."""

from __future__ import annotations

import datetime as dt
import re

import pytest

pytestmark = pytest.mark.browser

TEXT = "Our Dudley team will be at Netherton market on Saturday from 10am: come and say hello."


@pytest.fixture
def fakes(settings):
    from cryptography.fernet import Fernet

    from bluelamp.publishing.fakeplatforms import FakeGraph, FakeX

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    fake_x, fake_graph = FakeX().start(), FakeGraph().start()
    settings.BLUELAMP_X_API_BASE = fake_x.base_url
    settings.BLUELAMP_GRAPH_API_BASE = f"{fake_graph.base_url}/{fake_graph.version}"
    settings.BLUELAMP_PUBLIC_BASE_URL = "https://bluelamp.test"
    yield fake_x, fake_graph
    fake_x.stop()
    fake_graph.stop()


def _account(platform: str, handle: str, page: str = ""):
    from bluelamp.core.models import User
    from bluelamp.publishing.services.connections import connection_save
    from bluelamp.social_accounts.tests.factories import AccountFactory

    staff = User.objects.get(username="staff")
    account = AccountFactory(platform=platform, handle=handle, owner=staff, tier="team")
    connection_save(
        actor=User.objects.get(username="ccd"),
        account=account,
        token="good-token",
        platform_account_id=page,
    )
    return account


def _compose(page, account, text: str = TEXT) -> str:
    page.goto("/posts/new/")
    page.get_by_label("Which account is it for?").select_option(str(account.pk))
    page.get_by_label("What do you want to post?").fill(text)
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    return page.url


@pytest.mark.parametrize("platform", ["facebook", "instagram"])
def test_publish_to_the_platform_find_it_in_the_archive_and_remove_it(
    page, sign_in, axe_check, demo_users, fakes, platform, tmp_path
):
    from bluelamp.publishing.fakeplatforms import IG_USER_ID, PAGE_ID

    _fake_x, fake_graph = fakes
    page_id = PAGE_ID if platform == "facebook" else IG_USER_ID
    account = _account(platform, f"wmp.walk.{platform}", page_id)
    sign_in("staff")
    post_url = _compose(page, account)
    if platform == "instagram":  # Instagram posts are pictures
        from PIL import Image

        picture = tmp_path / "market.png"
        Image.linear_gradient("L").convert("RGB").resize((320, 240)).save(picture)
        page.get_by_label("Upload an image").set_input_files(str(picture))
        page.get_by_label("Describe the image for people who cannot see it").fill(
            "The market stall with a police banner"
        )
        page.locator("input[name=force_owns][value=yes]").check()
        page.get_by_role("button", name="Add the image").click()
        page.wait_for_load_state()
    page.get_by_role("button", name="Send it on").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    assert page.locator("[data-state=published]").is_visible()
    store = fake_graph.posts if platform == "facebook" else fake_graph.ig_media
    assert len(store) == 1

    # In the archive
    page.goto("/archive/?q=Netherton+market")
    axe_check(page)
    page.get_by_role("link", name=re.compile("Our Dudley team")).first.click()
    page.wait_for_load_state()
    platform_id = next(iter(store))
    assert page.get_by_text(platform_id).first.is_visible()
    axe_check(page)

    # Removed from the post's page
    page.goto(post_url)
    page.get_by_label("Why is it being removed?").fill("Removal request RR-00042")
    page.get_by_role("button", name="Remove it").click()
    page.wait_for_load_state()
    if platform == "facebook":
        assert page.locator("[data-state=removed]").is_visible()
        assert store == {}
    else:  # the Graph API cannot delete Instagram media: a person does it in the app
        assert page.locator("[data-state=published]").is_visible()
        page.get_by_label("Why was it removed?").fill("Removal request RR-00042")
        page.get_by_label("Who removed it in the app, and when?").fill(
            "PC Jo Bloggs in the Instagram app at 10:40"
        )
        page.get_by_role("button", name="Record the removal done in the app").click()
        page.wait_for_load_state()
        assert page.locator("[data-state=removed]").is_visible()
    axe_check(page)
    assert page.csp_violations == []


def test_a_post_scheduled_in_the_browser_is_published_by_the_worker_at_its_time(
    page, sign_in, demo_users, fakes, monkeypatch
):
    from django.utils import timezone

    from bluelamp.publishing.models import Post
    from bluelamp.publishing.services import delivery

    fake_x, _fake_graph = fakes
    monkeypatch.setattr(delivery, "SLEEP", lambda seconds: None)
    account = _account("x", "WMPScheduleWalk")
    sign_in("staff")
    post_url = _compose(page, account)
    when = timezone.localtime(timezone.now() + dt.timedelta(days=1)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    page.get_by_label("Day").fill(str(when.day))
    page.get_by_label("Month").fill(str(when.month))
    page.get_by_label("Year").fill(str(when.year))
    page.get_by_label("Time").fill("09:30")
    page.get_by_role("button", name="Send it on").click()
    page.wait_for_load_state()
    assert page.locator("[data-state=scheduled]").is_visible()
    post = Post.objects.get(account=account)
    assert post.scheduled_for == when

    # Before its time the worker leaves it; at its time it publishes it
    assert delivery.run_once(clock=lambda: when - dt.timedelta(minutes=1)) == 0
    assert delivery.run_once(clock=lambda: when + dt.timedelta(seconds=5)) == 1
    page.goto(post_url)
    assert page.locator("[data-state=published]").is_visible()
    assert len(fake_x.posts) == 1


def test_a_published_post_is_corrected_and_its_old_words_kept(
    page, sign_in, axe_check, demo_users, fakes
):
    from bluelamp.publishing.fakeplatforms import PAGE_ID

    _fake_x, fake_graph = fakes
    account = _account("facebook", "wmp.walk.correct", PAGE_ID)
    sign_in("staff")
    post_url = _compose(page, account)
    page.get_by_role("button", name="Send it on").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    corrected = TEXT.replace("Saturday", "Sunday")
    page.get_by_label("The corrected words").fill(corrected)
    page.get_by_label("Why is it being corrected?").fill("The day was wrong")
    page.get_by_role("button", name="Correct it on the platform").click()
    page.wait_for_load_state()
    assert page.url == post_url
    (stored,) = fake_graph.posts.values()
    assert stored["message"] == corrected
    assert page.get_by_role("heading", name="Corrections").is_visible()
    assert page.get_by_text("The day was wrong").is_visible()
    axe_check(page)
    assert page.csp_violations == []

"""Posts in flight, the publishing calendar and approving several posts at once, tried by every
role: each sees only the posts it may read, filters narrow the list, the calendar places
scheduled and published posts on their days, and bulk approval takes each post through the one
approval (four eyes, who may, its state) with a result per post and no change to the others."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.models import Approval, Post
from bluelamp.publishing.services import compose
from bluelamp.publishing.tests import test_views_posts as pages
from bluelamp.publishing.tests.test_views_posts import CLEAN, PEOPLE, World, as_user
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db
# The people and accounts of the post pages' tests.
world = pages.world
vault_keys = pages.vault_keys

APPROVERS = {"manager", "other_manager", "ccd"}


def waiting(world: World, text: str = CLEAN, author=None, account=None) -> Post:
    """A post by ``author`` sent to their line manager for a second opinion."""
    post = compose.post_create(
        actor=author or world.author,
        account=account or world.account,
        text=text,
        second_opinion=True,
    )
    return compose.post_submit(post=post, actor=author or world.author)


def scheduled(world: World, when: dt.datetime, text: str = CLEAN) -> Post:
    post = compose.post_create(actor=world.author, account=world.account, text=text)
    return compose.post_submit(post=post, actor=world.author, scheduled_for=when)


def published(world: World, when: dt.datetime, text: str) -> Post:
    post = compose.post_create(actor=world.author, account=world.account, text=text)
    Post.objects.filter(pk=post.pk).update(
        state=flow.PUBLISHED, published_at=when, platform_post_id=str(post.pk)
    )
    return Post.objects.get(pk=post.pk)


def snapshot() -> list[tuple]:
    return list(Post.objects.order_by("pk").values_list("pk", "state", "approved_version"))


# --- Who may see which page ---------------------------------------------------------------------

PAGES = {
    "flight_list": {"infosec": 403},
    "flight_calendar": {"infosec": 403},
    "flight_approve": {w: 403 for w in PEOPLE if w not in APPROVERS},
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", list(PAGES))
def test_each_role_reaches_only_the_flight_pages_it_may(client, world, page, who):
    waiting(world)
    response = as_user(client, getattr(world, who)).get(reverse(f"publishing:{page}"))
    assert response.status_code == PAGES[page].get(who, 200)


@pytest.mark.parametrize("who", PEOPLE)
def test_only_approvers_may_post_a_bulk_approval_and_nothing_changes_otherwise(client, world, who):
    post = waiting(world)
    before = snapshot()
    response = as_user(client, getattr(world, who)).post(
        reverse("publishing:flight_approve"), {"posts": [str(post.public_id)]}
    )
    if who in ("manager", "ccd"):
        assert response.status_code == 200
        assert Post.objects.get(pk=post.pk).state == flow.READY
    else:
        assert response.status_code in (200, 403)
        assert snapshot() == before
        assert not Approval.objects.exists()


@pytest.mark.parametrize("who", PEOPLE)
def test_the_api_lists_in_flight_and_approves_only_for_those_who_may(client, world, who):
    post = waiting(world)
    user = getattr(world, who)
    client = as_user(client, user)
    listing = client.get("/api/v1/posts/in-flight")
    calendar = client.get("/api/v1/posts/calendar")
    before = snapshot()
    approving = client.post(
        "/api/v1/posts/approve-many",
        {"posts": [str(post.public_id)]},
        content_type="application/json",
    )
    if who == "infosec":
        assert listing.status_code == calendar.status_code == approving.status_code == 403
        assert snapshot() == before
        return
    assert listing.status_code == calendar.status_code == 200
    ids = {row["id"] for row in listing.json()["results"]}
    sees = who not in ("stranger", "other_manager")
    assert (str(post.public_id) in ids) is sees
    if who not in APPROVERS:
        assert approving.status_code == 403
        assert approving.json()["code"] == "permission_denied"
        assert snapshot() == before
        return
    assert approving.status_code == 200
    result = approving.json()["results"][0]
    if who == "other_manager":
        assert result == {
            "id": str(post.public_id),
            "ok": False,
            "code": "not_found",
            "message": "There is no such post.",
            "state": None,
        }
        assert snapshot() == before
    else:
        assert result["ok"] is True and result["state"] == flow.READY


# --- The list -----------------------------------------------------------------------------------


def test_ccd_sees_every_account_in_flight_and_staff_only_their_own(client, world):
    mine = waiting(world, "Our stall at the Dudley fair is open until four today.")
    other_account = AccountFactory(
        handle="WMPElsewhere", team="Elsewhere NPU", owner=world.stranger
    )
    theirs = compose.post_create(
        actor=world.stranger, account=other_account, text="Elsewhere news for everyone."
    )
    ccd_page = as_user(client, world.ccd).get(reverse("publishing:flight_list")).content.decode()
    assert mine.text[:40] in ccd_page and theirs.text[:20] in ccd_page
    client.logout()
    staff_page = as_user(client, world.member).get(reverse("publishing:flight_list"))
    body = staff_page.content.decode()
    assert mine.text[:40] in body and theirs.text[:20] not in body
    assert "WMPElsewhere" not in body  # not even in the account filter


def test_the_list_filters_by_account_department_and_state(client, world):
    world.account.team = "Dudley NPU"
    world.account.save(update_fields=["team"])
    other = AccountFactory(handle="WMPWalsall", team="Walsall NPU", owner=world.ccd)
    here = waiting(world, "Dudley: the station front desk is open late tonight.")
    there = compose.post_create(actor=world.ccd, account=other, text="Walsall: road closed.")
    client = as_user(client, world.ccd)
    page = reverse("publishing:flight_list")

    by_department = client.get(page, {"department": "Walsall NPU"}).content.decode()
    assert there.text in by_department and here.text[:30] not in by_department
    by_account = client.get(page, {"account": str(world.account.pk)}).content.decode()
    assert here.text[:30] in by_account and there.text not in by_account
    by_state = client.get(page, {"state": flow.DRAFT}).content.decode()
    assert there.text in by_state and here.text[:30] not in by_state
    api = client.get("/api/v1/posts/in-flight", {"state": flow.AWAITING_APPROVAL}).json()
    assert [row["id"] for row in api["results"]] == [str(here.public_id)]
    assert client.get("/api/v1/posts/in-flight", {"state": "published"}).status_code == 400


def test_posts_no_longer_in_flight_are_not_listed(client, world):
    gone = published(world, timezone.now() - dt.timedelta(days=1), "Already out there.")
    body = as_user(client, world.ccd).get(reverse("publishing:flight_list")).content.decode()
    assert gone.text not in body


# --- The calendar -------------------------------------------------------------------------------


def test_the_calendar_places_scheduled_and_published_posts_on_their_days(client, world):
    soon = timezone.localtime() + dt.timedelta(days=2)
    soon = soon.replace(hour=9, minute=30, second=0, microsecond=0)
    ahead = scheduled(world, soon, "Road safety week starts on Monday: join us.")
    past = published(world, soon - dt.timedelta(days=4), "Thanks for coming to the open day.")
    client = as_user(client, world.member)
    week = client.get(
        reverse("publishing:flight_calendar"), {"view": "week", "date": soon.date().isoformat()}
    )
    body = week.content.decode()
    assert week.status_code == 200
    assert "09:30" in body and ahead.text[:30] in body
    month = client.get(
        reverse("publishing:flight_calendar"), {"view": "month", "date": soon.strftime("%Y-%m")}
    ).content.decode()
    assert 'data-calendar="month"' in month and "<caption" in month
    assert ahead.text[:20] in month  # in the hidden words of its link
    api = client.get(
        "/api/v1/posts/calendar", {"view": "month", "date": soon.date().isoformat()}
    ).json()
    placed = {
        entry["post"]["id"]: (day["day"], entry["published"])
        for day in api["days"]
        for entry in day["entries"]
    }
    assert placed[str(ahead.public_id)] == (soon.date().isoformat(), False)
    if (soon - dt.timedelta(days=4)).month == soon.month:
        assert placed[str(past.public_id)][1] is True
    # Someone who may not read the account sees nothing of it.
    client.logout()
    stranger = as_user(client, world.stranger).get(
        reverse("publishing:flight_calendar"), {"view": "week", "date": soon.date().isoformat()}
    )
    assert ahead.text[:30] not in stranger.content.decode()


def test_the_calendar_links_to_the_periods_before_and_after(client, world):
    client = as_user(client, world.ccd)
    body = client.get(
        reverse("publishing:flight_calendar"), {"view": "month", "date": "2027-01-15"}
    ).content.decode()
    assert "January 2027" in body
    assert "date=2026-12-01" in body and "date=2027-02-01" in body
    week = client.get(
        reverse("publishing:flight_calendar"), {"view": "week", "date": "2027-01-14"}
    ).content.decode()
    assert "Week of 11 January 2027 to 17 January 2027" in week
    assert "date=2027-01-04" in week and "date=2027-01-18" in week
    nonsense = client.get(reverse("publishing:flight_calendar"), {"date": "March"})
    assert nonsense.status_code == 200  # today's month instead


# --- Approving several --------------------------------------------------------------------------


def test_a_manager_approves_several_and_each_result_is_reported(client, world):
    first = waiting(world, "The station open day is on Saturday from ten.")
    second = waiting(world, "Bike marking at the library on Tuesday from two.", author=world.member)
    elsewhere = AccountFactory(handle="WMPElsewhere", owner=world.stranger)
    own = waiting(world, "Another team's post.", author=world.stranger, account=elsewhere)
    client = as_user(client, world.manager)
    response = client.post(
        reverse("publishing:flight_approve"),
        {"posts": [str(first.public_id), str(second.public_id), str(own.public_id)], "note": "OK"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 of 3 posts approved." in body
    assert "There is no such post" in body  # not theirs to read, so not theirs to approve
    assert Post.objects.get(pk=first.pk).state == flow.READY
    assert Post.objects.get(pk=second.pk).state == flow.READY
    assert Post.objects.get(pk=own.pk).state == flow.AWAITING_APPROVAL
    assert list(Approval.objects.values_list("note", flat=True)) == ["OK", "OK"]


def test_ccd_cannot_approve_its_own_post_in_bulk(client, world):
    own = compose.post_create(
        actor=world.ccd, account=world.force_account, text=CLEAN, second_opinion=True
    )
    own = compose.post_submit(post=own, actor=world.ccd)
    before = snapshot()
    answer = as_user(client, world.ccd).post(
        "/api/v1/posts/approve-many",
        {"posts": [str(own.public_id)]},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["results"][0]["ok"] is False
    assert answer.json()["results"][0]["code"] == "permission_denied"
    assert snapshot() == before


def test_choosing_nothing_is_refused_with_a_message(client, world):
    waiting(world)
    response = as_user(client, world.manager).post(reverse("publishing:flight_approve"), {})
    assert response.status_code == 400
    assert "Choose at least one post to approve" in response.content.decode()
    bad = client.post(
        "/api/v1/posts/approve-many", {"posts": ["not-an-id"]}, content_type="application/json"
    )
    assert bad.status_code == 400


def test_a_post_that_is_no_longer_waiting_is_refused_by_its_state(client, world):
    post = waiting(world)
    compose.post_withdraw(post=post, actor=world.author)
    answer = as_user(client, world.manager).post(
        "/api/v1/posts/approve-many",
        {"posts": [str(post.public_id)]},
        content_type="application/json",
    )
    result = answer.json()["results"][0]
    assert result["ok"] is False and result["state"] == flow.WITHDRAWN


def test_the_navigation_offers_posts_in_flight_to_readers(client, world):
    for who in PEOPLE:
        client.force_login(getattr(world, who))
        body = client.get(reverse("core:home")).content.decode()
        assert ("Posts in flight" in body) is (who != "infosec"), who

"""The approval queue at scale: asked of the database (counted and paged there), the same
people see the same posts as the one-by-one check (``permissions.approval_refusal``), and a
page costs the same number of queries however long the queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import permissions, selectors
from bluelamp.publishing.models import Post, PostVersion
from bluelamp.publishing.tests.people import newsroom

pytestmark = pytest.mark.django_db


def waiting(room, n: int, *, approver=flow.MANAGER, state=flow.AWAITING_APPROVAL, start=0):
    now = timezone.now()
    return [
        Post.objects.create(
            account=room.team,
            author=room.author,
            text=f"Waiting post {start + i}",
            state=state,
            approver_needed=approver,
            created_at=now,
            # Ties on purpose: paging must neither skip nor repeat a post among equals.
            updated_at=now - dt.timedelta(minutes=(start + i) // 3),
        )
        for i in range(n)
    ]


def test_the_queue_is_who_may_approve_as_the_one_by_one_check_says():
    room = newsroom()
    for_manager = waiting(room, 2)
    for_ccd = waiting(room, 2, approver=flow.CCD, start=2)
    own = Post.objects.create(
        account=room.team,
        author=room.manager,
        text="The manager's own",
        state=flow.AWAITING_APPROVAL,
        approver_needed=flow.CCD,
        created_at=timezone.now(),
        updated_at=timezone.now(),
    )
    changed = waiting(room, 1, state=flow.AWAITING_AUTHOR, start=4)[0]
    PostVersion.objects.create(
        post=changed,
        number=1,
        text="first",
        source="sent",
        made_by=room.author,
        made_at=timezone.now(),
    )
    PostVersion.objects.create(
        post=changed,
        number=2,
        text="edited",
        source="approver",
        made_by=room.manager,
        made_at=timezone.now(),
    )
    everything = for_manager + for_ccd + [own, changed]
    for user in (room.manager, room.ccd, room.author, room.colleague, room.outsider):
        expected = {
            p.pk
            for p in everything
            if permissions.approval_refusal(user, p) is None
            and not (
                p.state == flow.AWAITING_AUTHOR
                and p.versions.order_by("-number").first().made_by_id == user.pk
            )
        }
        assert set(selectors.approval_queue(user=user).values_list("pk", flat=True)) == expected
    assert changed not in selectors.approval_queue(user=room.manager)  # their own edit
    assert changed in selectors.approval_queue(user=room.ccd)


def test_the_approval_page_is_paged_without_skipping_or_repeating_a_post(client):
    room = newsroom()
    posts = waiting(room, 120)
    client.force_login(room.manager)
    seen = []
    for number in (1, 2, 3):
        response = client.get(reverse("publishing:approval_list"), {"page": number})
        page = response.context["page"]
        seen += [p.pk for p in page.object_list]
    assert len(seen) == len(set(seen)) == len(posts)
    html = client.get(reverse("publishing:approval_list")).content.decode()
    assert 'class="govuk-pagination"' in html and "120 posts waiting, page 1 of 3" in html


def test_a_page_of_the_queue_costs_the_same_queries_however_long_the_queue():
    room = newsroom()
    waiting(room, 12)  # more than the work list shows, so that it counts them
    urls = [
        reverse("publishing:approval_list"),
        reverse("publishing:flight_approve"),
        reverse("publishing:post_list"),
        reverse("api:me_work"),
    ]

    def costs(user) -> list[int]:
        client = Client()
        client.force_login(user)
        found = []
        for url in urls:
            client.get(url)  # anything read once per process is read before counting
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    few = costs(room.manager), costs(room.ccd)
    waiting(room, 150, start=12)
    assert (costs(room.manager), costs(room.ccd)) == few


def test_the_work_list_shows_the_first_few_and_counts_them_all():
    room = newsroom()
    waiting(room, 25)
    client = Client()
    client.force_login(room.manager)
    lists = {w["key"]: w for w in client.get(reverse("api:me_work")).json()["lists"]}
    approvals = lists["publishing.approvals"]
    assert approvals["count"] == 25 and len(approvals["items"]) == 10
    oldest = Post.objects.order_by("updated_at", "pk").first()
    assert approvals["items"][0]["url"] == reverse(
        "publishing:post_detail", args=[oldest.public_id]
    )


def test_the_queue_reads_the_posts_by_state_through_an_index():
    from bluelamp.publishing.tests.test_search_indexes import _plan

    room = newsroom()
    for user in (room.ccd, room.manager):
        plan = _plan(selectors.approval_queue(user=user).order_by()[:50])
        if connection.vendor == "postgresql":
            # On a handful of rows the planner may reach the posts through the account index
            # instead (a line manager's queue is by account anyway): either way an index, never
            # a pass over the post table.
            reads = [line for line in plan.splitlines() if " on publishing_post " in line + " "]
            assert reads and all("Index" in line or "Bitmap Heap" in line for line in reads), plan
        else:
            assert "publishing__state_a395d7_idx" in plan, plan

"""The archive and the API's post list at scale: keyset pages neither skip nor repeat a post
where many share a time (or have none), the count stops at the cap, a page costs the same
queries however large the archive, and each page's query reads an index in its own order (on
SQLite and, with ``.ci/with-postgres``, PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from bluelamp.core import paging
from bluelamp.publishing import archive, selectors, views_archive
from bluelamp.publishing.tests.test_archive import NOW, build_world, make_post
from bluelamp.publishing.tests.test_search_indexes import _plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def tied_posts(world, groups: int = 6, size: int = 4, undated: int = 3, start: int = 0):
    """``groups`` groups of ``size`` posts sharing one publication time (and, in pairs, the
    same creation time), and ``undated`` imported posts with no publication time."""
    posts = []
    for g in range(start, start + groups):
        at = NOW - dt.timedelta(hours=g)
        for i in range(size):
            posts.append(
                make_post(
                    world.team,
                    published_at=at,
                    created_at=at - dt.timedelta(minutes=i // 2),
                    text=f"Post {g}.{i}",
                )
            )
    for i in range(undated):
        posts.append(
            make_post(
                world.team,
                state="draft",
                source="imported",
                published_at=NOW - dt.timedelta(days=30),  # make_post leaves a draft's empty
                created_at=NOW - dt.timedelta(days=30, minutes=i // 2),
                text=f"Undated {i}",
            )
        )
    return posts


def walk(paginator, *, forward: bool = True) -> list[list[int]]:
    pages = []
    page = paginator.page()
    if not forward:
        while page.has_next():
            page = paginator.page(after=page.next_cursor)
    while True:
        pages.append([p.pk for p in page])
        if forward and page.has_next():
            page = paginator.page(after=page.next_cursor)
        elif not forward and page.has_previous():
            page = paginator.page(before=page.previous_cursor)
        else:
            return pages


@pytest.mark.parametrize("size", [1, 3, 5, 7, 50])
def test_keyset_pages_neither_skip_nor_repeat_a_post_among_ties(world, size):
    tied_posts(world)
    posts = archive.archive_search(user=world.ccd)
    everything = [p.pk for p in posts]
    assert len(everything) == 27
    paginator = archive.archive_paginator(posts, per_page=size)
    forward = walk(paginator)
    assert [pk for page in forward for pk in page] == everything
    assert all(len(page) == size for page in forward[:-1])
    backward = walk(paginator, forward=False)
    assert [pk for page in reversed(backward) for pk in page] == everything


def test_keyset_paging_keeps_the_filters(world):
    tied_posts(world)
    # Words rank their matches (numbered pages, publishing.search); the other filters keep the
    # archive's order and its keyset pages.
    posts = archive.archive_search(user=world.ccd, state="published")
    pages = walk(archive.archive_paginator(posts, per_page=10))
    assert [pk for page in pages for pk in page] == [p.pk for p in posts]
    assert [len(page) for page in pages] == [10, 10, 4]


def test_a_cursor_that_is_not_ours_reads_the_first_page(world, client):
    tied_posts(world)
    client.force_login(world.ccd)
    first = client.get(reverse("publishing:archive"))
    for junk in ("nonsense", "W10", "WyJ4IiwgMSwgMl0", "!!"):
        response = client.get(reverse("publishing:archive"), {"after": junk, "before": junk})
        assert response.status_code == 200
        assert list(response.context["page"]) == list(first.context["page"])


def test_counts_stop_at_the_cap(world):
    tied_posts(world, groups=3, size=4, undated=0)
    posts = archive.archive_search(user=world.ccd)
    assert paging.count_of(posts, cap=12) == paging.Count(12)
    over = paging.count_of(posts, cap=5)
    assert not over.exact and over.value >= 6
    with CaptureQueriesContext(connection) as queries:
        paging.capped_count(posts, cap=5)
    assert "LIMIT 6" in queries[0]["sql"]
    assert paging.Count(10_001, exact=False).shown == "more than 10,000"
    assert paging.Count(1_234_567, exact=False, estimated=True).shown == "about 1,234,567"


def test_a_single_page_is_its_own_count(world, client):
    tied_posts(world, groups=2, size=2, undated=0)
    client.force_login(world.ccd)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("publishing:archive")).text
    assert "4 posts" in html
    assert not [q for q in queries if "COUNT(*)" in q["sql"] and "publishing_post" in q["sql"]]


def test_the_archive_page_says_more_than_the_cap(world, client, monkeypatch):
    tied_posts(world, groups=2, size=4, undated=0)
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    monkeypatch.setattr(paging.count_of, "__defaults__", (5,))
    monkeypatch.setattr(views_archive, "PAGE_SIZE", 3)  # one page alone is its own count
    client.force_login(world.ccd)
    html = client.get(reverse("publishing:archive")).text
    if connection.vendor == "postgresql":
        assert "About " in html
    else:
        assert "More than 5 posts" in html


def _costs(client, urls) -> list[int]:
    found = []
    for url in urls:
        client.get(url)  # anything read once per process is read before counting
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # The session's own reads and writes come and go with its expiry, not the archive.
        found.append(
            sum(
                1
                for q in queries
                if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
            )
        )
    return found


def test_a_page_costs_the_same_queries_however_large_the_archive(world, client):
    # Enough for the second page to be all dated posts before and after (past the last dated
    # post the page reads the undated ones with one more query).
    tied_posts(world, groups=30, size=4)
    client.force_login(world.ccd)
    api = APIClient()
    api.force_authenticate(world.ccd)
    deep = archive.archive_paginator(archive.archive_search(user=world.ccd), per_page=50).page()
    urls = [
        reverse("publishing:archive"),
        reverse("publishing:archive") + f"?after={deep.next_cursor}",
        reverse("publishing:archive") + "?q=Post&account=" + str(world.team.pk),
    ]
    pages, api_pages = _costs(client, urls), _costs(api, [reverse("api:posts") + "?page=2"])
    tied_posts(world, groups=40, size=4, start=30)
    assert _costs(client, urls) == pages
    assert _costs(api, [reverse("api:posts") + "?page=2"]) == api_pages


def test_the_apis_count_and_pages_keep_their_shape(world):
    tied_posts(world, groups=3, size=4, undated=0)
    api = APIClient()
    api.force_authenticate(world.ccd)
    body = api.get(reverse("api:posts"), {"page_size": 5, "page": 2}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 12 and len(body["results"]) == 5
    assert "page=3" in body["next"]


# --- Plans -------------------------------------------------------------------------------------


def _no_sort(plan: str) -> bool:
    return "TEMP B-TREE" not in plan and "Sort " not in plan


@pytest.mark.parametrize("forward", [True, False])
def test_a_keyset_page_reads_the_archive_index_from_the_cursor(world, forward):
    tied_posts(world, groups=2, size=2, undated=0)
    posts = archive.archive_search(user=world.ccd)
    paginator = archive.archive_paginator(posts, per_page=2)
    row = list(posts)[1]
    values = paginator._values(paginator.cursor_of(row))
    first = "published_at"
    bound = "lte" if forward else "gte"
    order = paginator.forward_order if forward else paginator.backward_order
    page = posts.filter(**{f"{first}__{bound}": values[0]}).order_by(*order)[:3]
    plan = _plan(page)
    assert "publishing_post_published_desc" in plan, plan
    assert _no_sort(plan), plan
    # The same query the paginator runs.
    with CaptureQueriesContext(connection) as queries:
        paginator._seek(values, forward=forward, limit=3)
    assert ("<=" if forward else ">=") in queries[0]["sql"]


def test_the_apis_deep_page_reads_its_index_in_order(world):
    posts = selectors.visible_posts(world.ccd).order_by("-created_at", "-pk")[5000:5050]
    plan = _plan(posts)
    assert "publishing_post_created_desc" in plan, plan
    assert _no_sort(plan), plan


def test_the_account_filter_reads_the_accounts_index(world):
    posts = archive.archive_search(user=world.ccd, account=world.team.pk).order_by(
        "account_id", "-published_at"
    )
    plan = _plan(posts[:50])
    assert "publishing_post_account_published" in plan, plan


def test_the_account_drop_down_probes_each_account_without_reading_the_archive(world):
    plan = _plan(archive.archive_accounts(user=world.ccd))
    assert "publishing_post_account_published" in plan or "account_id" in plan, plan
    assert "SCAN publishing_post\n" not in plan + "\n" and "Seq Scan on publishing_post" not in plan

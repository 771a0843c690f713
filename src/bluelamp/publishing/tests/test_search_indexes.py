"""The archive's and the API's queries can be answered from an index in their own order, and on
PostgreSQL the rule filter and word search have GIN indexes (migrations 0008 and
0009; on SQLite word search reads its FTS5 index). Shown with the
databases' own EXPLAIN: on a test's few rows a planner would rightly scan the table, so on
PostgreSQL the test forbids sequential scans and sorts, and asks whether a plan without them
exists; SQLite's planner prefers an index for ORDER BY … LIMIT by itself."""

from __future__ import annotations

import pytest
from django.db import connection

from bluelamp.core.roles import Role
from bluelamp.publishing import archive, search, selectors
from bluelamp.publishing.models import Post
from bluelamp.social_accounts.tests.factories import ForceUserFactory

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())


@pytest.fixture
def ccd():
    return ForceUserFactory(username="ccd_idx", roles=[Role.STAFF, Role.CCD])


def test_the_archive_page_reads_its_index_in_order(ccd):
    plan = _plan(archive.archive_search(user=ccd)[:25])
    assert "publishing_post_published_desc" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort " not in plan, plan


def test_the_api_list_reads_its_index_in_order(ccd):
    posts = selectors.visible_posts(ccd).order_by("-created_at", "-pk")[:50]
    plan = _plan(posts)
    assert "publishing_post_created_desc" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort " not in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_the_rule_filter_uses_the_findings_index(ccd):
    # The filter alone, as for word search below.
    posts = selectors.post_search(posts=Post.objects.all(), rule="personal-data").order_by()
    plan = _plan(posts.only("pk"))
    assert "publishing_post_findings_gin" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
@pytest.mark.parametrize("q", ["burglary", '"walsall road"', "burg*", "knife OR blade -theft"])
def test_word_search_uses_the_full_text_index(ccd, q):
    # The word filter alone (the joins of a full page, or the bound on the matches ranked,
    # would let the planner start elsewhere on a test's empty tables); words, phrases,
    # beginnings and OR alike.
    words = search.post_fulltext(Post.objects.all(), q, rank_limit=None).order_by()
    plan = _plan(words.only("pk"))
    assert "publishing_post_text_search" in plan, plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
def test_word_search_reads_the_fts5_index(ccd):
    words = selectors.post_search(posts=Post.objects.all(), q="burglary").order_by()
    plan = _plan(words.only("pk"))
    assert "publishing_post_fts VIRTUAL TABLE" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_a_word_is_ranked_over_its_newest_matches_found_in_the_archives_order(ccd, monkeypatch):
    # A common word's matches to rank are its newest RANK_LIMIT, read from the archive's index
    # in order and cut there; only those are ranked (docs/search.md).
    monkeypatch.setattr(search, "_ranks_every_match", lambda matches, limit: False)
    plan = _plan(archive.archive_search(user=ccd, q="burglary")[:50])
    assert "publishing_post_published_desc" in plan, plan
    assert plan.count("Limit") >= 2, plan

"""Pagination of the API's lists (the default: settings.REST_FRAMEWORK)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from bluelamp.core.paging import count_of


class ApiPagination(PageNumberPagination):
    """``?page=N`` (from 1) and ``?page_size=N`` (at most 200); the answer is
    ``{"count", "next", "previous", "results"}``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CheapCountPaginator(Paginator):
    """Django's paginator with a count that does not read a large table to the end: exact up
    to ``COUNT_CAP`` rows; beyond it PostgreSQL's planner estimate (``core.paging.count_of``).
    SQLite has no estimate, so there the count stays exact."""

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        counted = count_of(self.object_list)
        if counted.exact or counted.estimated:
            return counted.value
        return self.object_list.count()


class LargeListPagination(ApiPagination):
    """``ApiPagination`` (the same parameters and answer) for lists that may hold millions of
    rows (``GET /api/v1/posts``): ``count`` is exact up to 10,000 and estimated beyond it on
    PostgreSQL. The page's rows come through the index that holds the list's order."""

    django_paginator_class = CheapCountPaginator

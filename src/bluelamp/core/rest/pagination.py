"""Pagination of the API's lists (the default: settings.REST_FRAMEWORK)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """``?page=N`` (from 1) and ``?page_size=N`` (at most 200); the answer is
    ``{"count", "next", "previous", "results"}``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

"""Paging lists: what the shared GOV.UK pagination include (templates/includes/pagination.html)
needs; counts that stay cheap on a large table (``count_of``); and keyset paging
(``KeysetPaginator``) for lists too long to page by number."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import F, Q, QuerySet


def page_numbers(page) -> list[int | None]:
    """Page numbers to show, with None for a gap: 1 … 4 5 6 … 12."""
    last = page.paginator.num_pages
    wanted = {1, last, page.number - 1, page.number, page.number + 1}
    numbers: list[int | None] = []
    for number in sorted(n for n in wanted if 1 <= n <= last):
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def page_context(request: Any, rows: Any, per_page: int = 50) -> dict[str, Any]:
    """What a list page's template needs to show ``rows`` (a queryset or a list) a page at a
    time with ``includes/pagination.html``: ``page`` (from ``?page=``, as Django's
    ``get_page`` reads it), ``page_numbers``, and ``query``, the request's other parameters (the
    filters), so that every page keeps them."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "page_numbers": page_numbers(page), "query": query.urlencode()}


# --- Lists too long to count or to page by number -------------------------------------------------

#: Up to this many rows a list is counted exactly; beyond it the count is capped or estimated.
COUNT_CAP = 10_000


@dataclass(frozen=True)
class Count:
    """How many rows a list has: ``value`` is exact when ``exact``; otherwise the database's
    estimate (PostgreSQL), or ``COUNT_CAP`` + 1 meaning "more than ``COUNT_CAP``"."""

    value: int
    exact: bool = True
    estimated: bool = False

    @property
    def shown(self) -> str:
        """The count in words: "1,234", "about 1,000,000" or "more than 10,000"."""
        if self.exact:
            return f"{self.value:,}"
        if self.estimated:
            return f"about {self.value:,}"
        return f"more than {COUNT_CAP:,}"


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP) -> int:
    """The number of rows, but never more than ``cap`` + 1: the database stops reading there
    (``SELECT COUNT(*) FROM (… LIMIT cap + 1)``), so a count costs at most ``cap`` rows."""
    return queryset.order_by()[: cap + 1].count()


class CappedPaginator(Paginator):
    """Numbered pages over at most the first ``COUNT_CAP`` rows, for lists whose order cannot be
    read by keyset (best match first): counting stops at the cap, so a common word in a large
    archive costs no more than the cap to count."""

    @property
    def count(self) -> int:  # type: ignore[override]
        if not hasattr(self, "_capped"):
            self._capped = min(capped_count(self.object_list), COUNT_CAP)
        return self._capped


def estimated_rows(queryset: QuerySet) -> int | None:
    """PostgreSQL's planner estimate of the rows ``queryset`` returns (from its statistics,
    without reading the rows); None on other databases."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def count_of(queryset: QuerySet, cap: int = COUNT_CAP) -> Count:
    """An exact count up to ``cap`` rows; beyond, PostgreSQL's estimate (never below the cap)
    or, on SQLite, "more than ``cap``"."""
    counted = capped_count(queryset, cap)
    if counted <= cap:
        return Count(counted)
    estimate = estimated_rows(queryset)
    if estimate is None:
        return Count(counted, exact=False)
    return Count(max(estimate, counted), exact=False, estimated=True)


class KeysetPage(Sequence):
    """One page of a list read by keyset ("seek") paging: the rows after (or before) the last
    (or first) row of the page the reader came from, found through the index that holds the
    list's order, so page 1,000 costs what page 1 does and no row is skipped or repeated
    however many rows share a time.

    The keys are fields sorted in descending order, the last one unique (the primary key);
    the first may be NULL, sorted last (an archived post with no publication time)."""

    keyset = True

    def __init__(self, rows: list, *, has_next: bool, has_previous: bool, paginator: Any):
        self.object_list = rows
        self.has_next_page = has_next
        self.has_previous_page = has_previous
        self.paginator = paginator

    def __getitem__(self, index):  # type: ignore[override]
        return self.object_list[index]

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.has_next_page

    def has_previous(self) -> bool:
        return self.has_previous_page

    def has_other_pages(self) -> bool:
        return self.has_next_page or self.has_previous_page

    @property
    def next_cursor(self) -> str:
        return self.paginator.cursor_of(self.object_list[-1]) if self.has_next_page else ""

    @property
    def previous_cursor(self) -> str:
        return self.paginator.cursor_of(self.object_list[0]) if self.has_previous_page else ""


class KeysetPaginator:
    """Pages of ``queryset`` in the order of ``keys`` (each descending; see ``KeysetPage``).
    ``page(after=cursor)`` reads forward, ``page(before=cursor)`` backward; a cursor that is
    not one of ours reads the first page."""

    def __init__(
        self,
        queryset: QuerySet,
        keys: Sequence[str],
        *,
        per_page: int,
        first_key_nullable: bool = False,
    ):
        self.queryset = queryset
        self.keys = tuple(keys)
        self.per_page = per_page
        self.nullable = first_key_nullable
        self.forward_order = [
            F(keys[0]).desc(nulls_last=True) if first_key_nullable else F(keys[0]).desc(),
            *(F(key).desc() for key in keys[1:]),
        ]
        self.backward_order = [
            F(keys[0]).asc(nulls_first=True) if first_key_nullable else F(keys[0]).asc(),
            *(F(key).asc() for key in keys[1:]),
        ]

    # The cursor: the keys of a row, as URL-safe text.
    def cursor_of(self, row: Any) -> str:
        values = [_key_value(getattr(row, key)) for key in self.keys]
        return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")

    def _values(self, cursor: str) -> list[Any] | None:
        try:
            raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        except (ValueError, TypeError):
            return None
        if not isinstance(raw, list) or len(raw) != len(self.keys):
            return None
        model = self.queryset.model
        values = []
        for key, value in zip(self.keys, raw, strict=True):
            if value is None:
                if key != self.keys[0] or not self.nullable:
                    return None
                values.append(None)
                continue
            field = model._meta.pk if key == "pk" else model._meta.get_field(key)
            try:
                values.append(field.to_python(value))
            except ValidationError:
                return None
        return values

    def _beyond_rest(self, values: list[Any], *, forward: bool) -> Q:
        """Rows past ``values`` on every key after the first, the first being equal."""
        past = "lt" if forward else "gt"
        found = Q()
        equal = Q()
        for i, (key, value) in enumerate(zip(self.keys[1:], values[1:], strict=True)):
            step = equal & Q(**{f"{key}__{past}": value})
            found = step if i == 0 else found | step
            equal &= Q(**{key: value})
        return found

    def _read(self, queryset: QuerySet, order: list, limit: int) -> list:
        return list(queryset.order_by(*order)[:limit])

    def _seek(self, values: list[Any], *, forward: bool, limit: int) -> list:
        """Up to ``limit`` rows past ``values`` in the direction of reading, each query a
        range of the index (the first key bounded, so the scan starts at the cursor)."""
        first, rest = self.keys[0], self._beyond_rest(values, forward=forward)
        order = self.forward_order if forward else self.backward_order
        qs = self.queryset
        if values[0] is None:
            # NULLs come last reading forward, first reading backward.
            nulls = qs.filter(**{f"{first}__isnull": True}).filter(rest)
            rows = self._read(nulls, order, limit)
            if not forward and len(rows) < limit:
                rows += self._read(
                    qs.filter(**{f"{first}__isnull": False}), order, limit - len(rows)
                )
            return rows
        bound = "lte" if forward else "gte"
        strictly = "lt" if forward else "gt"
        past = qs.filter(**{f"{first}__{bound}": values[0]}).filter(
            Q(**{f"{first}__{strictly}": values[0]}) | (Q(**{first: values[0]}) & rest)
        )
        rows = self._read(past, order, limit)
        if forward and self.nullable and len(rows) < limit:
            rows += self._read(qs.filter(**{f"{first}__isnull": True}), order, limit - len(rows))
        return rows

    def page(self, *, after: str = "", before: str = "") -> KeysetPage:
        size = self.per_page
        values = self._values(after or before) if (after or before) else None
        if values is None:
            rows = self._read(self.queryset, self.forward_order, size + 1)
            return KeysetPage(
                rows[:size], has_next=len(rows) > size, has_previous=False, paginator=self
            )
        if after:
            rows = self._seek(values, forward=True, limit=size + 1)
            return KeysetPage(
                rows[:size], has_next=len(rows) > size, has_previous=True, paginator=self
            )
        rows = self._seek(values, forward=False, limit=size + 1)
        more = len(rows) > size
        return KeysetPage(
            list(reversed(rows[:size])), has_next=True, has_previous=more, paginator=self
        )


def _key_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value

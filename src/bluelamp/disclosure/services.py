"""The one write of a disclosure export: checking who asks and what for, and recording that
the export was taken (CC/01 4.4, 4.26).

``disclosure_export(actor=..., account=..., search=..., date_from=..., date_to=...,
format=..., now=...)`` is called by the page, the API and the command line alike. In order:

1. who may (``permissions.check_can_export``; the command line passes ``actor=None`` for the
   operator of the server, named by ``actor_text``);
2. the filters (``selectors.export_filters``): InvalidInputError naming each wrong field;
3. the counts (``selectors.export_summary``), and for a PDF the size limit;
4. one ``disclosure.exported`` audit event, in its own transaction, with the filters, the
   format and the counts: never the posts' words.

A refusal at any step writes nothing. It returns an ``Export``: the header (the facts on the
cover), and the body, streamed for CSV and JSON (``chunks``), made at once for a PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from bluelamp import __version__
from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import InvalidInputError
from bluelamp.core.policy import policy_pack
from bluelamp.disclosure import formats, permissions, selectors

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "pdf": "application/pdf",
}
TITLE = "Disclosure export: posts on the force's social media"


@dataclass
class Export:
    """A disclosure export, ready to be written out."""

    filters: selectors.ExportFilters
    header: dict[str, Any]
    records: Iterator[dict[str, Any]]

    @property
    def format(self) -> str:
        return self.filters.format

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]

    @property
    def filename(self) -> str:
        """Names the account (or "search") and the dates; never the search words."""
        what = (
            f"{self.filters.account.platform}-{self.filters.account.handle}"
            if self.filters.account
            else "search"
        )
        return (
            f"disclosure-{what}-{self.filters.date_from.isoformat()}-to-"
            f"{self.filters.date_to.isoformat()}.{self.format}"
        )

    def chunks(self) -> Iterator[str | bytes]:
        """The body: text pieces for CSV and JSON, one piece of bytes for a PDF."""
        if self.format == "csv":
            return formats.csv_chunks(self.header, self.records)
        if self.format == "json":
            return formats.json_chunks(self.header, self.records)
        return iter([formats.pdf_bytes(self.header, self.records)])


def current_rules_version() -> str:
    pack = policy_pack()
    return f"{pack.id} v{pack.version}; bluelamp {__version__}"


def _utc(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def disclosure_export(
    *,
    actor: Any,
    account: Any = "",
    search: Any = "",
    date_from: Any,
    date_to: Any,
    format: Any,
    actor_text: str | None = None,
    now: dt.datetime | None = None,
) -> Export:
    """Check, count and record an export; the Export to write out. PermissionDeniedError for
    anyone but Corporate Communications and Information Security (``actor=None`` is the
    command line, trusted as the server's operator); InvalidInputError for bad filters or a PDF
    over ``selectors.MAX_PDF_POSTS`` posts."""
    if actor is not None:
        permissions.check_can_export(actor)
    now = aware_now(now)
    filters = selectors.export_filters(
        account=account, search=search, date_from=date_from, date_to=date_to, format=format
    )
    posts = selectors.export_posts(filters)
    summary = selectors.export_summary(posts)
    if filters.format == "pdf" and summary.counts["posts"] > selectors.MAX_PDF_POSTS:
        problem = (
            f"A PDF holds at most {selectors.MAX_PDF_POSTS:,} posts and these filters select "
            f"{summary.counts['posts']:,}: choose CSV or JSON, or a shorter date range."
        )
        raise InvalidInputError(problem, errors={"format": [problem]})
    who = actor.label if actor is not None else (actor_text or "the command line")
    header = {
        "title": TITLE,
        "service": settings.BLUELAMP_SERVICE_NAME,
        "generated_at": _utc(now),
        "generated_by": who,
        "format": filters.format,
        "filters": filters.as_dict(),
        "summary": summary.as_dict(),
        "current_rules_version": current_rules_version(),
        "messages": selectors.MESSAGES_NOTE,
    }
    with transaction.atomic():
        audit_record(
            actor=actor,
            actor_text=None if actor is not None else who,
            action="disclosure.exported",
            target=filters.account,
            target_type="" if filters.account else "disclosure.export",
            target_label=(
                f"Disclosure export of {filters.account}"
                if filters.account
                else "Disclosure export by search"
            ),
            after={
                "format": filters.format,
                "filters": filters.as_dict(),
                "counts": summary.counts,
            },
            now=now,
        )
    return Export(filters=filters, header=header, records=selectors.export_records(posts))

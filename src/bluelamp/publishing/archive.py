"""The archive (CC/01 4.4, 4.26): every post that went out, kept with what was known at the time.

A post is in the archive once it was published (through Bluelamp, or imported afterwards from
the platform): state ``published`` or ``removed``, or ``source == imported``. Nothing here
changes a post; the import is the only write, and it only adds posts.

Reads, scoped to what the user may read (``permissions.post_visibility``); a post that is
missing and a post that is not theirs are answered alike, with ``NotFoundError``:

- ``archive_search(user=..., q=..., account=..., author=..., rule=..., state=..., source=...,
  published_from=..., published_to=...)``: the archive, newest first;
- ``archive_get(user=..., public_id=...)``: one archived post (its images are served by
  ``views_posts.post_image``, which checks the same visibility);
- ``archive_paginator(posts, per_page=...)``: pages of a search by keyset (newer, older);
- ``archive_accounts(user=...)``: the accounts with posts in the user's archive (the filter);
- ``post_history(post)``: the post's audit events, oldest first, with what each changed.

The write: ``archive_import(lines, actor=..., now=...)`` imports published posts from JSON
Lines (one post per line), all or nothing.

**Searching by rule.** A post's findings are a JSON list of objects. On PostgreSQL the filter
is JSON containment (``findings @> [{"rule": ...}]``), served by a GIN index (migration 0008).
SQLite has no JSON index, so there the column is cast to text and the filter looks for the exact
key/value pair ``"rule": "<id>"``. That is exact, not a guess: inside a JSON string every ``"``
is escaped as ``\\"``, so the unescaped sequence can only be the ``rule`` key of a finding, never
words quoted in a message or an excerpt (Django writes ``": "`` between key and value; the
compact ``":"`` form is matched too). The rule must be a registered rule id. Either way the
filter stays in the database, so counting and paging stay exact.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from bluelamp.audit.models import AuditEvent
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import ConflictError, NotFoundError
from bluelamp.core.errors import PermissionDeniedError as Refused
from bluelamp.core.paging import KeysetPaginator
from bluelamp.engine.rules import registry
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import permissions, selectors
from bluelamp.publishing.choices import PostKind, Source
from bluelamp.publishing.errors import ArchiveImportError
from bluelamp.publishing.importing import ImportCounts, Record, audit_imported, import_records
from bluelamp.publishing.models import Post
from bluelamp.publishing.services.compose import MAX_POST_CHARS
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.selectors import account_find

#: The states of a post that went out. Imported posts are in the archive whatever their state.
ARCHIVE_STATES = (flow.PUBLISHED, flow.REMOVED)
POST_TARGET_TYPE = "publishing.post"


def archive_q() -> Q:
    """The posts that belong in the archive."""
    return Q(state__in=ARCHIVE_STATES) | Q(source=Source.IMPORTED)


def archive_posts(user: Any) -> QuerySet[Post]:
    """Every archived post ``user`` may read (unordered)."""
    posts = Post.objects.filter(archive_q()).select_related("account", "author")
    where = permissions.post_visibility(user)
    return posts if where is None else posts.filter(where)


def rule_choices() -> list[tuple[str, str]]:
    """The registered rules, for the search form: (id, "id (clause): title")."""
    return [(rule.id, f"{rule.id} ({rule.clause})") for rule in registry]


def archive_search(*, user: Any, **filters: Any) -> QuerySet[Post]:
    """The archived posts ``user`` may read that match every filter given
    (``selectors.post_search``: the API's post list searches the same way), newest published
    first; with words to find (``q``), best match first."""
    posts = selectors.post_search(posts=archive_posts(user), **filters)
    if (filters.get("q") or "").strip():
        return posts  # best match first (``publishing.search``)
    return posts.order_by(
        F("published_at").desc(nulls_last=True), F("created_at").desc(), F("pk").desc()
    )


#: The archive's order, newest published first; served by the index
#: ``publishing_post_published_desc`` (migration 0008).
ARCHIVE_KEYS = ("published_at", "created_at", "pk")


def archive_paginator(posts: QuerySet[Post], *, per_page: int) -> KeysetPaginator:
    """Pages of ``posts`` (an ``archive_search``) by keyset: "newer" and "older" from the
    posts at the page's edges, so that a page deep in a million posts reads only its own
    rows from the index, and no post is skipped or shown twice where times are equal."""
    return KeysetPaginator(posts, ARCHIVE_KEYS, per_page=per_page, first_key_nullable=True)


def _uuid(value: Any) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise NotFoundError() from None


def archive_get(*, user: Any, public_id: Any) -> Post:
    """One archived post ``user`` may read; NotFoundError if missing or not theirs."""
    post = archive_posts(user).filter(public_id=_uuid(public_id)).first()
    if post is None:
        raise NotFoundError()
    return post


def archive_accounts(*, user: Any) -> QuerySet[Account]:
    """The accounts with posts in ``user``'s archive, by platform and handle. One indexed
    probe per account (EXISTS), never a pass over the whole archive."""
    has_posts = archive_posts(user).filter(account=OuterRef("pk")).values("pk")[:1]
    return Account.objects.filter(Exists(has_posts)).order_by("platform", "handle")


def post_approvals(post: Post) -> QuerySet:
    return post.approvals.select_related("approver").order_by("decided_at", "pk")


def post_removals(post: Post) -> QuerySet:
    return post.removals.select_related("requested_by").order_by("at", "pk")


@dataclass(frozen=True)
class Change:
    """One field an audit event changed (or set)."""

    field: str
    before: str
    after: str
    had_before: bool


@dataclass(frozen=True)
class HistoryEntry:
    event: AuditEvent
    changes: list[Change]


def shown(value: Any) -> str:
    """An audit value as plain text."""
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(shown(v) for v in value) if value else "(none)"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def event_changes(event: AuditEvent) -> list[Change]:
    """What ``event`` recorded, field by field, as text: the value after, and the value
    before when the event recorded one."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    changes = []
    for name in [*after, *(k for k in before if k not in after)]:
        changes.append(
            Change(
                field=name.replace("_", " ").capitalize(),
                before=shown(before.get(name)),
                after=shown(after.get(name)) if name in after else "(not recorded)",
                had_before=name in before,
            )
        )
    return changes


def post_history(post: Post) -> list[HistoryEntry]:
    """The audit events about ``post`` (every edit, approval, publication and removal),
    oldest first."""
    events = (
        AuditEvent.objects.filter(target_type=POST_TARGET_TYPE, target_id=str(post.pk))
        .select_related("actor")
        .order_by("sequence")
    )
    return [HistoryEntry(event, event_changes(event)) for event in events]


# ------------------------------------------------------------------------------------ import


@dataclass
class ImportResult:
    """What an import did: the posts it added, and the lines it skipped because the post is
    already in the archive (same account and platform post id)."""

    imported: list[Post] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    line: int
    account: Account
    text: str
    kind: str
    published_at: dt.datetime
    platform_post_id: str
    url: str
    author: str


_FIELDS = {"account", "text", "published_at", "platform_post_id", "url", "author", "kind"}
_url = URLValidator(schemes=["http", "https"])


class _LineError(ValueError):
    pass


def _string(data: dict, key: str, *, required: bool, limit: int) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise _LineError(f'"{key}" is missing')
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _LineError(f'"{key}" must be a string')
    value = str(value).strip()
    if required and not value:
        raise _LineError(f'"{key}" is empty')
    if len(value) > limit:
        raise _LineError(f'"{key}" is {len(value):,} characters; the limit is {limit:,}')
    return value


def _published_at(data: dict, now: dt.datetime) -> dt.datetime:
    value = data.get("published_at")
    if not isinstance(value, str) or not value.strip():
        raise _LineError('"published_at" is missing: give the time as ISO 8601 with its zone')
    try:
        when = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise _LineError(
            f'"published_at" {value!r} is not a date and time like 2025-03-01T09:30:00Z'
        ) from None
    if when.tzinfo is None or when.utcoffset() is None:
        raise _LineError(f'"published_at" {value!r} must say its time zone (Z or +01:00)')
    if when > now:
        raise _LineError(f'"published_at" {value!r} is in the future')
    return when


def _account(
    data: dict, default: Account | None, cache: dict[tuple[str, str], Account | None]
) -> Account:
    given = data.get("account")
    if given is None:
        if default is None:
            raise _LineError('"account" is missing: give {"platform": ..., "handle": ...}')
        return default
    if not isinstance(given, dict):
        raise _LineError('"account" must be an object like {"platform": "x", "handle": "WMP"}')
    platform, handle = given.get("platform"), given.get("handle")
    if not isinstance(platform, str) or not platform.strip():
        raise _LineError('"account" has no "platform"')
    if not isinstance(handle, str) or not handle.strip().lstrip("@"):
        raise _LineError('"account" has no "handle"')
    key = (platform.strip().lower(), handle.strip().lstrip("@").lower())
    if key not in cache:
        cache[key] = account_find(platform=key[0], handle=key[1])
    account = cache[key]
    if account is None:
        raise _LineError(
            f"there is no {platform.strip()} account @{handle.strip().lstrip('@')} in the "
            "registry: record the account first"
        )
    return account


def _parse(
    number: int,
    raw: str | bytes,
    *,
    now: dt.datetime,
    default_account: Account | None,
    cache: dict[tuple[str, str], Account | None],
) -> _Row | None:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _LineError("is not UTF-8 text") from None
    if number == 1:
        raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise _LineError(f"is not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise _LineError("must be one JSON object")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise _LineError(
            "has fields the import does not know: " + ", ".join(f'"{k}"' for k in unknown)
        )
    account = _account(data, default_account, cache)
    text = _string(data, "text", required=True, limit=MAX_POST_CHARS).replace("\r\n", "\n")
    kind = _string(data, "kind", required=False, limit=20) or PostKind.POST
    if kind not in PostKind.values:
        raise _LineError(f'"kind" must be one of {", ".join(PostKind.values)}')
    published_at = _published_at(data, now)
    post_id = _string(data, "platform_post_id", required=True, limit=200)
    url = _string(data, "url", required=False, limit=500)
    if url:
        try:
            _url(url)
        except ValidationError:
            raise _LineError(f'"url" {url!r} is not a web address (https://...)') from None
    author = _string(data, "author", required=False, limit=200)
    return _Row(number, account, text, kind, published_at, post_id, url, author)


def archive_import(
    lines: Iterable[str | bytes],
    *,
    actor: Any,
    now: dt.datetime | None = None,
    default_account: Account | None = None,
) -> ImportResult:
    """Import published posts into the archive from JSON Lines, all or nothing.

    Each non-blank line is one object: ``{"account": {"platform": "x", "handle": "WMPDudley"},
    "text": "...", "published_at": "2025-03-01T09:30:00Z", "platform_post_id": "1897...",
    "url": "https://x.com/...", "author": "PC 123 Jo Bloggs"}`` (``url``, ``author`` and
    ``kind`` optional; ``account`` may be left out when ``default_account`` is given). The
    account must be in the registry, in any status.

    Each post is checked by the rules as they stood when it was published (the force's
    election and major-incident periods at ``published_at``), and stored with that verdict,
    those findings and the rule set's version, as ``published`` and ``imported``, through
    ``importing.import_records`` (the same path as the platforms' exports), with one
    ``archive.imported`` audit event for the import (counts, not contents). A post already in the archive (same account and platform post id, or earlier in
    the same file) is skipped and counted. Any bad line stops the import: ArchiveImportError
    names every bad line (up to 50) and nothing is imported.

    ``actor`` is None for the system (the command line) or a member of Corporate
    Communications."""
    if actor is not None and not permissions.is_ccd(actor):
        raise Refused("Only Corporate Communications can import posts into the archive.")
    now = aware_now(now)
    cache: dict[tuple[str, str], Account | None] = {}
    rows: list[_Row] = []
    problems: list[tuple[int, str]] = []
    more = 0
    for number, raw in enumerate(lines, start=1):
        try:
            row = _parse(number, raw, now=now, default_account=default_account, cache=cache)
        except _LineError as error:
            if len(problems) < ArchiveImportError.MAX_PROBLEMS:
                problems.append((number, str(error)))
            else:
                more += 1
            continue
        if row is not None:
            rows.append(row)
    if problems:
        raise ArchiveImportError(problems, more=more)
    try:
        with transaction.atomic():
            return _store(rows, actor=actor, now=now)
    except IntegrityError:
        raise ConflictError(
            "Another import added some of these posts at the same time; nothing was imported. "
            "Run the import again: posts already in the archive will be skipped."
        ) from None


def _store(rows: list[_Row], *, actor: Any, now: dt.datetime) -> ImportResult:
    records = (
        Record(
            place=f"line {row.line}",
            line=row.line,
            account=row.account,
            text=row.text,
            kind=row.kind,
            published_at=row.published_at,
            platform_post_id=row.platform_post_id,
            import_key=f"{row.account.platform}:{row.platform_post_id}",
            url=row.url,
            author=row.author,
        )
        for row in rows
    )
    counts = import_records(
        records, now=now, counts=ImportCounts(format="jsonl"), keep=True, actor=actor
    )
    accounts = {row.account for row in rows}
    audit_imported(
        account=next(iter(accounts)) if len(accounts) == 1 else None,
        actor=actor,
        counts=counts,
        name="JSON Lines",
        now=now,
    )
    return ImportResult(
        imported=counts.posts,
        skipped=[(record.line, why) for record, why in counts.skipped_records],
    )

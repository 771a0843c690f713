"""Importing published posts into the archive (CC/01 4.4, 4.26): the platforms' own exports
(``engine.exports``) and Bluelamp's own JSON Lines (``archive.archive_import``) both go through
``import_records``.

- **All or nothing.** The whole import is one transaction: an export that is malformed or ends
  mid-way (``ExportError``, naming the file and place) imports nothing.
- **Resumable without duplicates.** A post already in the archive is skipped: looked up by
  batch through the unique indexes on (account, platform post id) and (account, import key),
  never by scanning. An interrupted import leaves nothing, and running it again imports the
  rest; running it twice imports nothing the second time.
- **Streaming.** Items are read, checked and written a batch at a time; nothing holds the
  whole export.
- **Checked.** Every post is checked by the engine with the election and major-incident
  periods in force when it was published, and the rule set (policy pack and version) is kept
  beside its findings (``Post.rules_version``). Big imports check on every core.
- **Marked.** Posts deleted on the platform are kept as removed with the date; reposts, quotes
  and replies keep what they point at; media as the export described them, with any GPS
  location recorded (kept in the archive, never published).
- **Audited once.** One ``archive.imported`` event per import, with counts, not contents.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import functools
import hashlib
import json
import multiprocessing
import os
import sqlite3
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connections, router, transaction

from bluelamp import __version__
from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import ConflictError, NotFoundError
from bluelamp.core.errors import PermissionDeniedError as Refused
from bluelamp.core.policy import policy_pack
from bluelamp.engine.exports import ExportError, ExportItem, detect, read_export
from bluelamp.engine.model import Post as EnginePost
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.incidents.choices import CrisisKind
from bluelamp.incidents.models import CrisisPeriod
from bluelamp.publishing import permissions
from bluelamp.publishing.bulkcheck import (
    NO_FINDINGS,
    Key,
    Verdict,
    _check_chunk,
    _check_one,
    _engine_post,
    _worker_start,
)
from bluelamp.publishing.choices import PostKind, PostState, Source
from bluelamp.publishing.models import Post
from bluelamp.publishing.signals import posts_imported
from bluelamp.social_accounts.models import Account

BATCH = 2_000
#: Below this many posts in a batch the check runs in this process (starting workers costs more).
PARALLEL_FROM = 1_000
PARALLEL_CHUNK = 250
#: How many verdicts an import remembers to reuse for the same post met again.
KNOWN_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class Record:
    """One post to import, whatever it was read from. ``place`` says where (``line 3``,
    ``data/tweets.js [12]``)."""

    place: str
    account: Account
    text: str
    published_at: dt.datetime
    kind: str = PostKind.POST
    platform_post_id: str = ""
    import_key: str = ""
    url: str = ""
    author: str = ""
    reply_to: str = ""
    repost_of: str = ""
    quote_of: str = ""
    deleted_at: dt.datetime | None = None
    media: tuple[dict, ...] = ()
    line: int = 0


@dataclass
class ImportCounts:
    """What an import did (counts only: this is what the audit event records)."""

    format: str = ""
    read: int = 0
    imported: int = 0
    skipped: int = 0
    with_text: int = 0
    deleted: int = 0
    reposts: int = 0
    replies: int = 0
    quotes: int = 0
    media: int = 0
    located: int = 0
    #: Imported appeal posts linked to the open appeal case they are about (4.11).
    appeals_linked: int = 0
    verdicts: Counter = field(default_factory=Counter)
    rules_version: str = ""
    #: Filled only when asked for (the JSON Lines import, which reports per line).
    posts: list[Post] = field(default_factory=list)
    skipped_records: list[tuple[Record, str]] = field(default_factory=list)

    @property
    def verdict_list(self) -> list[tuple[str, int]]:
        return sorted(self.verdicts.items())

    def as_audit(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "read": self.read,
            "imported": self.imported,
            "skipped": self.skipped,
            "with_text": self.with_text,
            "deleted": self.deleted,
            "reposts": self.reposts,
            "replies": self.replies,
            "quotes": self.quotes,
            "media": self.media,
            "located": self.located,
            "appeals_linked": self.appeals_linked,
            "verdicts": dict(sorted(self.verdicts.items())),
            "rules_version": self.rules_version,
        }


def rules_version(pack: PolicyPack) -> str:
    """The rule set findings come from: the force's policy pack and the engine's version."""
    return f"{pack.id} v{pack.version}; bluelamp {__version__}"


# ---------------------------------------------------------------------------------- checking


class Checker:
    """The engine's verdict on each post, with the crisis periods in force when it was
    published (read once, not once per post); on several processes for big imports."""

    def __init__(self, *, workers: int | None = None) -> None:
        self.pack = policy_pack()
        self.version = rules_version(self.pack)
        self.periods = [
            (p.kind, p.starts_at, p.ends_at)
            for p in CrisisPeriod.objects.only("kind", "starts_at", "ends_at")
        ]
        self.workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self.known: dict[Key, Verdict] = {}

    def flags(self, when: dt.datetime) -> tuple[bool, bool]:
        election = major = False
        for kind, start, end in self.periods:
            if start <= when and (end is None or end > when):
                election |= kind == CrisisKind.ELECTION_PERIOD
                major |= kind == CrisisKind.MAJOR_INCIDENT
        return election, major

    def key(self, record: Record) -> Key:
        election, major = self.flags(record.published_at) if self.periods else (False, False)
        account = record.account
        return (record.text, account.tier, account.handle, str(record.kind), election, major)

    def engine_post(self, record: Record) -> EnginePost:
        return _engine_post(self.key(record))

    def submit(self, records: list[Record]) -> Callable[[], list[Verdict]]:
        """Start checking ``records``; the returned function waits for the verdicts. Small
        batches (and one-core machines) are checked here and now.

        The check is a function of the post's key alone, so the same post met again in an
        import (replies like "Thanks, passed on") is checked once: ``known`` keeps recent
        verdicts, bounded so memory stays flat."""
        keys = [self.key(r) for r in records]
        known = self.known
        # Taken now: a later batch may clear ``known`` before this one is collected.
        ready = {k: known[k] for k in keys if k in known}
        todo = list(dict.fromkeys(k for k in keys if k not in ready))
        if len(known) + len(todo) > KNOWN_LIMIT:
            known.clear()
        if self.workers < 2 or len(todo) < PARALLEL_FROM:
            for key in todo:
                ready[key] = known[key] = _check_one(_engine_post(key), self.pack)
            done = [ready[k] for k in keys]
            return lambda: done
        pool = self._start()
        chunks = [todo[i : i + PARALLEL_CHUNK] for i in range(0, len(todo), PARALLEL_CHUNK)]
        futures = [pool.submit(_check_chunk, chunk) for chunk in chunks]

        def wait() -> list[Verdict]:
            for chunk, future in zip(chunks, futures, strict=True):
                found = dict(zip(chunk, future.result(), strict=True))
                ready.update(found)
                known.update(found)
            return [ready[k] for k in keys]

        return wait

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            # fork: the workers get the loaded engine at no cost and never touch the database.
            # Only from a process with one thread (the command line): a copy of a web server's
            # other threads' locks could hang a worker, so a web process uses forkserver.
            methods = multiprocessing.get_all_start_methods()
            if "fork" in methods and threading.active_count() == 1:
                context = multiprocessing.get_context("fork")
            elif "forkserver" in methods:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["bluelamp.publishing.bulkcheck"])
            else:
                context = multiprocessing.get_context("spawn")
            self._pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_worker_start,
                initargs=(self.pack,),
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


# ----------------------------------------------------------------------------------- storing


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


#: Values per look-up query (SQLite before 3.32 allows 999 parameters in one statement).
LOOKUP_CHUNK = 900
HERE_BEFORE = "already in the archive"
EARLIER = "the same post is earlier in the file"


def _already_there(batch: list[Record], *, now: dt.datetime) -> dict[tuple[int, str, str], str]:
    """The batch's posts already in the archive: (account, "id" | "key", value) -> why it is
    skipped (in the archive before, or added earlier in this import, whose posts were all
    created at ``now``).

    Looked up through the unique indexes on (account, platform post id) and (account, import
    key), so the cost does not grow with the archive. Those indexes leave out empty values, and
    a database uses such a partial index only when the query repeats its condition: hence the
    ``NOT (column = '')``, written as the index has it (SQLite does not take ``<> ''`` for it;
    without it SQLite read every post of the account, once per batch)."""
    by_account: dict[int, tuple[set[str], set[str]]] = {}
    for record in batch:
        ids, keys = by_account.setdefault(record.account.pk, (set(), set()))
        if record.platform_post_id:
            ids.add(record.platform_post_id)
        if record.import_key:
            keys.add(record.import_key)
    connection = connections[router.db_for_write(Post)]
    quote = connection.ops.quote_name
    table = quote(Post._meta.db_table)
    created = quote(Post._meta.get_field("created_at").column)
    account_column = quote(Post._meta.get_field("account").column)
    stamp = connection.ops.adapt_datetimefield_value(now)
    found: dict[tuple[int, str, str], str] = {}
    with connection.cursor() as cursor:
        for account_id, (ids, keys) in by_account.items():
            for kind, field_name, values in (
                ("id", "platform_post_id", ids),
                ("key", "import_key", keys),
            ):
                column = quote(Post._meta.get_field(field_name).column)
                ordered = sorted(values)
                for i in range(0, len(ordered), LOOKUP_CHUNK):
                    part = ordered[i : i + LOOKUP_CHUNK]
                    marks = ", ".join(["%s"] * len(part))
                    cursor.execute(
                        f"SELECT {column}, {created} = %s FROM {table} "
                        f"WHERE {account_column} = %s AND NOT ({column} = '') "
                        f"AND {column} IN ({marks})",
                        [stamp, account_id, *part],
                    )
                    for value, this_import in cursor.fetchall():
                        found[(account_id, kind, value)] = EARLIER if this_import else HERE_BEFORE
    return found


def _identity(record: Record) -> tuple[tuple[int, str, str], ...]:
    account = record.account.pk
    out = []
    if record.platform_post_id:
        out.append((account, "id", record.platform_post_id))
    if record.import_key:
        out.append((account, "key", record.import_key))
    return tuple(out)


def import_records(
    records: Iterable[Record],
    *,
    now: dt.datetime,
    counts: ImportCounts | None = None,
    keep: bool = False,
    progress: Any = None,
    workers: int | None = None,
    actor: Any = None,
) -> ImportCounts:
    """Add ``records`` to the archive, skipping those already there; call inside
    ``transaction.atomic`` (the caller audits). ``keep`` fills ``counts.posts`` and
    ``counts.skipped_records``; ``progress`` is a tqdm bar (or None). Each batch written is
    announced (``signals.posts_imported``: appeals are linked to their case), in the same
    transaction."""
    counts = counts or ImportCounts()
    checker = Checker(workers=workers)
    counts.rules_version = checker.version
    # Identities of the posts read but not yet written (the batch being checked and the one
    # being read): once written, the database answers for them, so memory stays flat.
    in_flight: dict[tuple[int, str, str], None] = {}
    inserter = _Inserter(now=now, version=checker.version)
    # One batch is checked (on the workers) while the one before it is written.
    pending: tuple[list[Record], Any] | None = None
    try:
        for batch in _batches(records, BATCH):
            counts.read += len(batch)
            there = _already_there(batch, now=now)
            fresh: list[Record] = []
            for record in batch:
                identity = _identity(record)
                why = next((there[i] for i in identity if i in there), None)
                if why is None and any(i in in_flight for i in identity):
                    why = EARLIER
                if why is None:
                    in_flight.update(dict.fromkeys(identity))
                    fresh.append(record)
                    continue
                counts.skipped += 1
                if keep:
                    counts.skipped_records.append((record, why))
            pending, previous = (fresh, checker.submit(fresh)), pending
            if previous is not None:
                _store(previous, inserter, counts, keep, actor)
                for record in previous[0]:
                    for identity in _identity(record):
                        in_flight.pop(identity, None)
            if progress is not None:
                progress.update(len(batch))
        if pending is not None:
            _store(pending, inserter, counts, keep, actor)
    finally:
        checker.close()
    return counts


def _store(
    pending: tuple[list[Record], Any],
    inserter: _Inserter,
    counts: ImportCounts,
    keep: bool,
    actor: Any,
) -> None:
    records, checking = pending
    if not records:
        return
    verdicts = checking()
    inserter.insert(records, verdicts)
    for _, linked in posts_imported.send(
        sender=Post, records=records, actor=actor, now=inserter.now
    ):
        counts.appeals_linked += linked or 0
    for record, (verdict, _) in zip(records, verdicts, strict=True):
        counts.imported += 1
        counts.with_text += bool(record.text)
        counts.deleted += record.deleted_at is not None
        counts.reposts += bool(record.repost_of)
        counts.replies += bool(record.reply_to)
        counts.quotes += bool(record.quote_of)
        counts.media += len(record.media)
        counts.located += any(m.get("gps") for m in record.media)
        counts.verdicts[verdict] += 1
    if keep:
        by_key = {(r.account.pk, r.import_key) for r in records}
        accounts = {account for account, _ in by_key}
        found = {
            (p.account_id, p.import_key): p
            for p in Post.objects.filter(
                account_id__in=accounts, import_key__in=[k for _, k in by_key]
            ).select_related("account")
        }
        counts.posts.extend(found[(r.account.pk, r.import_key)] for r in records)


class _JSONText:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _AlreadyJSON(json.JSONEncoder):
    """Passes JSON text through ``json.dumps`` as it is (how the database adapters encode)."""

    def encode(self, o: Any) -> str:
        return o.text if isinstance(o, _JSONText) else super().encode(o)


def _rows_per_statement(connection, columns: int) -> int:
    """How many posts one INSERT writes: several on SQLite (within its limit on a statement's
    parameters), one (``executemany``) elsewhere, where the driver batches them itself."""
    if connection.vendor != "sqlite":
        return 1
    connection.ensure_connection()
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(500, limit // columns))


class _Inserter:
    """Writes imported posts a batch at a time (see ``_rows_per_statement``).

    ``bulk_create`` spent most of an import preparing each of a post's ~40 fields through the
    ORM. Here the fields that are the same for the whole import (the defaults, the source, the
    rule set, the times of the import) are prepared once, from a ``Post`` built with them, and
    the fields of each post by the database backend's own adapters (``connection.ops``), so
    what is stored is what the ORM would store."""

    #: The fields each post sets, in the order ``_row`` gives them.
    PER_POST = (
        "public_id", "account_id", "author_text", "kind", "text", "state", "verdict",
        "findings", "platform_post_id", "platform_url", "import_key", "reply_to", "repost_of",
        "quote_of", "deleted_on_platform_at", "removed_at", "imported_media", "published_at",
    )  # fmt: skip

    def __init__(self, *, now: dt.datetime, version: str) -> None:
        connection = connections[router.db_for_write(Post)]
        self.connection = connection
        self.now = now
        ops = connection.ops
        template = Post(
            source=Source.IMPORTED.value,
            checked_at=now,
            rules_version=version,
            created_at=now,
            updated_at=now,
        )
        fields = {f.attname: f for f in Post._meta.concrete_fields if not f.primary_key}
        fixed = [f for name, f in fields.items() if name not in self.PER_POST]
        self.fixed = [f.get_db_prep_save(f.pre_save(template, True), connection) for f in fixed]
        ordered = [fields[name] for name in self.PER_POST] + fixed
        columns = ", ".join(ops.quote_name(f.column) for f in ordered)
        marks = ", ".join(["%s"] * len(ordered))
        self.sql_head = f"INSERT INTO {ops.quote_name(Post._meta.db_table)} ({columns}) VALUES "
        self.sql = self.sql_head + f"({marks})"
        self.per_statement = _rows_per_statement(connection, len(ordered))
        # One post's marks in the driver's own style, for SQLite's several-post statements.
        self.row_marks = "(" + ", ".join(["?"] * len(ordered)) + ")"
        self.uuid = functools.partial(fields["public_id"].get_db_prep_value, connection=connection)
        self.when = ops.adapt_datetimefield_value
        self.json = functools.partial(ops.adapt_json_value, encoder=fields["findings"].encoder)
        # Findings arrive as JSON text; the backend's own adapter wraps them (PostgreSQL's
        # Jsonb) without encoding them again.
        self.encoded = functools.partial(ops.adapt_json_value, encoder=_AlreadyJSON)
        self.empty = self.encoded(_JSONText(NO_FINDINGS))

    def insert(self, records: list[Record], verdicts: list[Verdict]) -> None:
        rows = [
            self._row(record, verdict, findings)
            for record, (verdict, findings) in zip(records, verdicts, strict=True)
        ]
        with self.connection.cursor() as cursor:
            if self.per_statement < 2:
                cursor.executemany(self.sql, rows)
                return
            # SQLite's full-text index flushes its pending terms at the end of every statement,
            # so one statement per row spent most of the insert there (4x the whole insert).
            # The driver's own cursor, with its own "?" marks: Django's would rewrite every
            # statement's thousands of "%s" first.
            raw = cursor.cursor
            step = self.per_statement
            for i in range(0, len(rows), step):
                chunk = rows[i : i + step]
                sqlite3.Cursor.execute(
                    raw,
                    self.sql_head + ", ".join([self.row_marks] * len(chunk)),
                    [value for row in chunk for value in row],
                )

    def _row(self, record: Record, verdict: str, findings: str) -> list[Any]:
        deleted = self.when(record.deleted_at) if record.deleted_at else None
        return [
            self.uuid(uuid.uuid4()),
            record.account.pk,
            record.author,
            str(record.kind),  # plain strings: psycopg would write an Enum member's name
            record.text,
            PostState.REMOVED.value if record.deleted_at else PostState.PUBLISHED.value,
            verdict,
            self.encoded(_JSONText(findings)) if findings != NO_FINDINGS else self.empty,
            record.platform_post_id,
            record.url,
            record.import_key,
            record.reply_to,
            record.repost_of,
            record.quote_of,
            deleted,
            deleted,
            self.json(list(record.media)) if record.media else self.empty,
            self.when(record.published_at),
            *self.fixed,
        ]


# ------------------------------------------------------------------------- platform exports


def _key(item: ExportItem) -> str:
    """A post without a platform id (Facebook, Instagram) is known by what it is: when,
    what it says, what it shows and links to."""
    if item.platform_id:
        return f"{item.platform}:{item.platform_id}"
    digest = hashlib.sha256()
    for part in (
        item.platform,
        item.created_at.isoformat(),
        item.text,
        *(m.path or "" for m in item.media),
        *item.links,
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return f"{item.platform}:sha256:{digest.hexdigest()[:48]}"


def _url(account: Account, item: ExportItem) -> str:
    if item.platform == "x" and item.platform_id:
        return f"https://x.com/{account.handle}/status/{item.platform_id}"
    return ""


def export_records(items: Iterable[ExportItem], account: Account) -> Iterator[Record]:
    for item in items:
        media = tuple(
            {
                "path": m.path,
                "kind": m.kind,
                "alt_text": m.alt_text,
                "gps": list(m.gps) if m.gps else None,
            }
            for m in item.media
        )
        if item.gps and not any(m["gps"] for m in media):
            media = (
                *media,
                {"path": None, "kind": "location", "alt_text": None, "gps": list(item.gps)},
            )
        yield Record(
            place=f"{item.source} [{item.index}]",
            account=account,
            text=item.text,
            published_at=item.created_at,
            kind=PostKind.REPLY if item.reply_to else PostKind.POST,
            platform_post_id=item.platform_id or "",
            import_key=_key(item),
            url=_url(account, item),
            reply_to=item.reply_to or "",
            repost_of=item.repost_of or "",
            quote_of=item.quote_of or "",
            deleted_at=item.deleted_at,
            media=media,
        )


def archive_import_export(
    *,
    account: Account,
    actor: Any,
    path: str | os.PathLike[str],
    now: dt.datetime | None = None,
    progress: Any = None,
    workers: int | None = None,
) -> ImportCounts:
    """Import the platform export at ``path`` (zip, folder or file) into ``account``'s archive,
    all or nothing. ``actor`` is None for the system (the command line) or a member of
    Corporate Communications. Raises ``ExportError`` (file and place) for bad input, with
    nothing imported; ``Refused`` for anyone else; ``ConflictError`` when the export is
    another platform's."""
    if actor is not None and not permissions.is_ccd(actor):
        raise Refused("Only Corporate Communications can import posts into the archive.")
    now = aware_now(now)
    platform = detect(path)
    if platform != account.platform:
        raise ConflictError(
            f"This is a {platform} export, and {account} is a {account.get_platform_display()} "
            "account: choose the account the export came from."
        )
    counts = ImportCounts(format=platform)
    try:
        with transaction.atomic():
            import_records(
                export_records(read_export(path), account),
                now=now,
                counts=counts,
                progress=progress,
                workers=workers,
                actor=actor,
            )
            audit_imported(
                account=account, actor=actor, counts=counts, name=Path(path).name, now=now
            )
    except IntegrityError:
        raise ConflictError(
            "Another import added some of these posts at the same time; nothing was imported. "
            "Run the import again: posts already in the archive will be skipped."
        ) from None
    return counts


def audit_imported(
    *, account: Account | None, actor: Any, counts: ImportCounts, name: str, now: dt.datetime
) -> None:
    audit_record(
        actor=actor,
        action="archive.imported",
        target=account,
        target_type="" if account is not None else "publishing.archive",
        target_label=f"Archive of {account}" if account is not None else "Archive",
        after={"file": name, **counts.as_audit()},
        now=now,
    )


# ------------------------------------------------------------------------------ the job


def archive_import_queue(
    *,
    account: Account,
    actor: Any,
    name: str,
    chunks: Iterable[bytes],
    now: dt.datetime | None = None,
) -> Any:
    """Hold an uploaded export and queue its import as a job for a worker. Checked here: the
    person (CCD), and that the export is of the account's platform (cheap: the file names);
    the reading and checking of every post happen in the job."""
    import tempfile

    from bluelamp.jobs.services import job_enqueue
    from bluelamp.publishing.models import ArchiveImportFile

    if not permissions.is_ccd(actor):
        raise Refused("Only Corporate Communications can import posts into the archive.")
    now = aware_now(now)
    with tempfile.TemporaryDirectory(prefix="bluelamp-import-") as folder:
        path = Path(folder) / name
        with open(path, "wb") as target:
            for chunk in chunks:
                target.write(chunk)
        platform = detect(path)
        if platform != account.platform:
            raise ConflictError(
                f"This is a {platform} export, and {account} is a {account.get_platform_display()} "
                "account: choose the account the export came from."
            )
        with transaction.atomic():
            upload = ArchiveImportFile.objects.create(
                account=account,
                name=name,
                data=path.read_bytes(),
                uploaded_by=actor,
                uploaded_at=now,
            )
            return job_enqueue(
                kind="archive-import", args={"file_id": upload.pk}, actor=actor, now=now
            )


def archive_import_job(*, job: Any, file_id: int) -> tuple[str, dict[str, Any]]:
    """The "archive-import" job (``bluelamp.jobs``): import the export uploaded on the page as
    the person who uploaded it. All or nothing, and posts already in the archive are skipped,
    so an attempt cut short by a dead worker is simply run again. A damaged export fails the
    job at once, naming the file and place."""
    import tempfile

    from bluelamp.jobs.errors import JobFailed, TryAgain
    from bluelamp.publishing.models import ArchiveImportFile

    upload = (
        ArchiveImportFile.objects.select_related("account", "uploaded_by")
        .filter(pk=file_id)
        .first()
    )
    if upload is None:
        raise JobFailed("The uploaded export is no longer held: upload it again.")
    with tempfile.TemporaryDirectory(prefix="bluelamp-import-") as folder:
        path = Path(folder) / upload.name
        path.write_bytes(bytes(upload.data))
        try:
            with transaction.atomic():
                counts = archive_import_export(
                    account=upload.account, actor=upload.uploaded_by, path=path
                )
                upload.delete()
        except ExportError as exc:
            where = f"{exc.place}: " if exc.place else ""
            raise JobFailed(f"{upload.name}: {where}{exc.message}. Nothing was imported.") from None
        except ConflictError as exc:
            # The platform was checked when the job was queued: this is another import writing
            # some of the same posts at the same moment, and the next attempt skips them.
            raise TryAgain(exc.message) from None
    summary = (
        f"{counts.imported} of {counts.read} posts imported into account {upload.account_id}; "
        f"{counts.skipped} already in the archive"
    )
    return summary, {
        "account": upload.account_id,
        **counts.as_audit(),
        "verdict_list": counts.verdict_list,
    }


# ------------------------------------------------------------------------------ the command


def import_command(
    *, path: str, account: tuple[str, str], actor_username: str | None, progress: bool
) -> int:
    """`bluelamp archive import`: exit 0 imported, 2 refused (the reason on standard error)."""
    from tqdm import tqdm

    from bluelamp.core.errors import ApplicationError
    from bluelamp.core.models import User
    from bluelamp.social_accounts.selectors import account_find

    def fail(message: str) -> int:
        print(f"bluelamp archive import: error: {message}", file=sys.stderr)
        return 2

    platform, handle = account
    found = account_find(platform=platform, handle=handle)
    if found is None:
        return fail(f"there is no {platform} account @{handle} in the registry: record it first")
    actor = None
    if actor_username:
        actor = User.objects.filter(username=actor_username, is_active=True).first()
        if actor is None:
            return fail(f"there is no active user {actor_username!r}")
    # No monitor thread: a process with one thread starts its checking workers by fork.
    tqdm.monitor_interval = 0
    bar = tqdm(unit=" posts", disable=not progress, file=sys.stderr, mininterval=0.5)
    try:
        counts = archive_import_export(account=found, actor=actor, path=path, progress=bar)
    except ExportError as exc:
        bar.close()
        return fail(f"{exc}. Nothing was imported.")
    except (ApplicationError, NotFoundError) as exc:
        bar.close()
        return fail(f"{exc.message} Nothing was imported.")
    bar.close()
    verdicts = ", ".join(f"{n} {v}" for v, n in sorted(counts.verdicts.items())) or "none"
    print(
        f"Imported {counts.imported} of {counts.read} posts from the {counts.format} export "
        f"into {found}; skipped {counts.skipped} already in the archive. "
        f"{counts.deleted} deleted on the platform, {counts.reposts} reposts, {counts.media} media "
        f"({counts.located} with a location), {counts.appeals_linked} appeals linked to their case. Verdicts: {verdicts}. Rules: {counts.rules_version}."
    )
    return 0

"""A seeded generator of the scale dataset: the demo force plus N archived posts over 5,000
accounts, as a force (or a regional service) would hold after years of use.

- **Users**: the demo's, and 200 who sign in for the load test (``scale-ccd-00`` ... 20 CCD,
  ``scale-manager-00`` ... 40 line managers, ``scale-staff-000`` ... 140 staff, each with one of
  those managers as line manager), all with the demo's password.
- **Accounts**: the demo's and enough more to make ``--accounts`` (5,000), over every platform,
  tier and status; each owned by one of the generated staff (on the roster too), supervised by
  the owner's manager. ``last_post_at`` is the date of the account's latest post.
- **Posts**: ``--posts`` archived posts (1,000,000), published over ``--years`` years (more of
  them recently) on accounts chosen with a long tail (a few accounts post a lot). Their words are
  the benchmark corpus (``corpus_gen``); a sample of it (20,000 posts) is checked by the engine
  once and each archived post reuses one sampled post's words with *its* verdict and findings,
  so findings are real (offsets and excerpts match the words) without a check per post. 94.5%
  were imported from the platforms' exports, 5.5% published through Bluelamp (with an author,
  a version and four audit events each); 2% were removed; replies name the post they answer;
  posts with a ``record`` finding mostly carry an incident log or crime reference.
- **Waiting for approval**: ``--waiting`` posts (1,000) written and sent for a line manager's
  second opinion through the services (so their versions and audit events are what the
  application writes), spread over the generated staff.
- **Audit trail**: about 0.22 events per archived post (the four events of each post published
  through Bluelamp and one ``archive.imported`` per 10,000 imported), appended to the chain with
  the configured key, so ``bluelamp audit verify`` passes on the result.

Fast: rows are written with one ``executemany`` per batch of 20,000 (SQLite) or with ``COPY``
(PostgreSQL), in one transaction, with each column prepared once by the backend's own adapters.
The same ``--seed`` and ``--until`` always give the same rows (the demo's own rows carry the time
they were loaded).

It refuses a database that holds anything but the demo (other users, more than the demo's
posts or accounts, or a dataset already generated): it must never be pointed at a force's data
by accident. ``--force`` overrides that, for a copy known to be disposable.

    DJANGO_DEBUG=true .venv/bin/python manage.py migrate
    DJANGO_DEBUG=true .venv/bin/python bench/scale_gen.py --posts 100000
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import os
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent

DEFAULT_POSTS = 1_000_000
DEFAULT_ACCOUNTS = 5_000
DEFAULT_WAITING = 1_000
DEFAULT_SEED = 16
DEFAULT_YEARS = 6
SAMPLE = 20_000
BATCH = 20_000
#: Share of archived posts published through Bluelamp (four audit events each): with one
#: ``archive.imported`` per IMPORT_SIZE imported posts, 0.22 events per post.
PUBLISHED_HERE = 0.055
IMPORT_SIZE = 10_000
REMOVED = 0.02
PREFIX = "scale-"
#: The load test's sign-ins: (username stem, how many, roles).
LOAD_USERS = (("ccd", 20), ("manager", 40), ("staff", 140))
CORPUS_SEED = 20260101

PLATFORMS = (("x", 45), ("facebook", 35), ("instagram", 15), ("youtube", 3), ("flickr", 2))
TIERS = (("force", 1), ("npu", 10), ("department", 15), ("team", 40), ("individual", 34))
STATUSES = (("active", 92), ("suspended", 4), ("closed", 4))
PURPOSES = ("information", "trust", "engagement", "feedback", "appeals", "teams")
TEAMS = (
    "Birmingham East NPU", "Birmingham West NPU", "Coventry NPU", "Dudley NPU", "Sandwell NPU",
    "Solihull NPU", "Walsall NPU", "Wolverhampton NPU", "Force CID", "Roads Policing",
    "Firearms", "Dog Section", "Public Order", "Force Contact", "Operation Sentinel",
)  # fmt: skip
PLACES = (
    "Dudley", "Walsall", "Coventry", "Solihull", "Sandwell", "Wolves", "Brum", "Aston", "Ladywood",
    "Erdington", "Tipton", "Halesowen", "Bilston", "Moseley", "Handsworth", "Sutton", "Kingshurst",
)  # fmt: skip
DEPARTMENTS = ("Police", "NPT", "Cops", "Beat", "Team", "CID", "Roads", "Youth", "Rural")


class Refused(Exception):
    """The database holds something other than the demo: nothing was written."""


# --------------------------------------------------------------------------------- helpers


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class Table:
    """Bulk rows into one model's table: ``columns`` per row, every other column the value an
    unsaved instance built with ``defaults`` would store (prepared once by the backend). Rows
    give uuids, datetimes and JSON text as Python values; ``value`` adapts them per backend."""

    def __init__(self, model: Any, columns: Iterable[str], **defaults: Any) -> None:
        from django.db import connections, router

        self.connection = connections[router.db_for_write(model)]
        self.postgres = self.connection.vendor == "postgresql"
        ops = self.connection.ops
        self.columns = list(columns)
        fields = {f.attname: f for f in model._meta.concrete_fields}
        template = model(**defaults)
        fixed = [n for n, f in fields.items() if n not in self.columns and not f.primary_key]
        self.fixed = [
            fields[n].get_db_prep_save(getattr(template, n), self.connection) for n in fixed
        ]
        names = [fields[n].column for n in self.columns + fixed]
        self.table = ops.quote_name(model._meta.db_table)
        self.column_list = ", ".join(ops.quote_name(c) for c in names)
        marks = ", ".join(["%s"] * len(names))
        self.sql = f"INSERT INTO {self.table} ({self.column_list}) VALUES ({marks})"
        self.ops = ops

    def when(self, value: dt.datetime | None) -> Any:
        if value is None or self.postgres:
            return value
        return self.ops.adapt_datetimefield_value(value)

    def uid(self, value: uuid.UUID) -> Any:
        return value if self.postgres else value.hex

    def write(self, rows: list[list[Any]]) -> None:
        """Insert ``rows`` (each the per-row columns, in order), in the caller's transaction."""
        if not rows:
            return
        fixed = self.fixed
        with self.connection.cursor() as cursor:
            if self.postgres:
                # COPY: the server parses each value's text (JSON text included).
                sql = f"COPY {self.table} ({self.column_list}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row([*row, *fixed])
            else:
                cursor.executemany(self.sql, [[*row, *fixed] for row in rows])


# ----------------------------------------------------------------------------- the guard


def check_demo_only(*, force: bool = False) -> str:
    """Refuse (``Refused``) unless the database holds nothing but the demo (or nothing at all);
    returns ``"empty"`` or ``"demo"``."""
    from bluelamp.core.models import User
    from bluelamp.demo.management.commands.load_demo import DEMO_USERS
    from bluelamp.publishing.models import Post
    from bluelamp.social_accounts.models import Account

    usernames = set(User.objects.values_list("username", flat=True))
    if not usernames and not Post.objects.exists() and not Account.objects.exists():
        return "empty"
    demo = {row[0] for row in DEMO_USERS}
    generated = sorted(u for u in usernames if u.startswith(PREFIX))
    others = sorted(usernames - demo - set(generated))
    problems = []
    if generated:
        problems.append(f"a generated dataset is there already ({len(generated)} {PREFIX}* users)")
    if others:
        shown = ", ".join(others[:5]) + (" ..." if len(others) > 5 else "")
        problems.append(f"{len(others)} users that are not the demo's ({shown})")
    posts, accounts = Post.objects.count(), Account.objects.count()
    if posts > 100:
        problems.append(f"{posts:,} posts (the demo has a few dozen)")
    if accounts > 200:
        problems.append(f"{accounts:,} accounts (the demo has about 40)")
    if problems and not force:
        raise Refused(
            "this database holds more than the demo: "
            + "; ".join(problems)
            + ". The scale dataset goes into a fresh database with only the demo loaded "
            "(it must never be mixed with a force's data); --force overrides this for a copy "
            "known to be disposable."
        )
    return "demo"


# ------------------------------------------------------------------------------ the parts


def make_users(*, now: dt.datetime) -> dict[str, list[Any]]:
    """The load test's 200 users, by stem; one password hash for all (the demo's)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from bluelamp.core.models import User
    from bluelamp.core.roles import Role
    from bluelamp.demo.management.commands.load_demo import DEMO_PASSWORD

    password = make_password(DEMO_PASSWORD)
    roles = {
        "ccd": (Role.CCD, Role.STAFF),
        "manager": (Role.LINE_MANAGER, Role.STAFF),
        "staff": (Role.STAFF,),
    }
    groups = {g.name: g for g in Group.objects.all()}
    made: dict[str, list[Any]] = {}
    for stem, count in LOAD_USERS:
        width = 3 if count > 99 else 2
        managers = made.get("manager", [])
        users = [
            User(
                username=f"{PREFIX}{stem}-{n:0{width}d}",
                password=password,
                email=f"{PREFIX}{stem}-{n:0{width}d}@example.police.uk",
                display_name=f"{stem.title()} {n} (load test)",
                team=TEAMS[n % len(TEAMS)],
                line_manager=managers[n % len(managers)] if stem == "staff" else None,
                date_joined=now,
            )
            for n in range(count)
        ]
        made[stem] = User.objects.bulk_create(users)
        through = User.groups.through
        through.objects.bulk_create(
            through(user_id=user.pk, group_id=groups[role.group_name].pk)
            for user in made[stem]
            for role in roles[stem]
        )
    return made


def make_accounts(
    rng: random.Random, *, total: int, staff: list[Any], now: dt.datetime
) -> list[Any]:
    """Accounts up to ``total`` (the demo's count towards it); returns the generated ones."""
    from bluelamp.social_accounts.models import Account, RosterMembership

    wanted = max(0, total - Account.objects.count())
    taken = set(Account.objects.values_list("platform", "handle"))
    accounts = []
    for n in range(wanted):
        platform = _weighted(rng, PLATFORMS)
        tier = _weighted(rng, TIERS)
        status = _weighted(rng, STATUSES)
        owner = staff[n % len(staff)]
        handle = f"WMP{rng.choice(PLACES)}{rng.choice(DEPARTMENTS)}{n:04d}"
        if (platform, handle) in taken:
            continue
        opened = now - dt.timedelta(days=rng.randint(30, 3000))
        accounts.append(
            Account(
                platform=platform,
                handle=handle,
                display_name=f"{handle[3:]} ({tier})",
                url=f"https://{platform}.example/{handle}",
                tier=tier,
                ownership="force_owned",
                team=owner.team,
                purpose=rng.choice(PURPOSES),
                owner=owner,
                supervisor=owner.line_manager,
                registration_email=f"{handle.lower()}@example.police.uk",
                bio="Not monitored 24/7. Report crime on 101. In an emergency call 999.",
                shows_disclaimer=rng.random() < 0.9,
                location_services_on=rng.random() < 0.03,
                connected_apps=["Hootsuite"] if rng.random() < 0.3 else [],
                opened_at=opened,
                password_changed_at=now - dt.timedelta(days=rng.randint(1, 500)),
                roster_changed_at=opened,
                status=status,
                status_changed_at=None if status == "active" else opened,
                created_at=opened,
                updated_at=opened,
            )
        )
    made = Account.objects.bulk_create(accounts, batch_size=1000)
    RosterMembership.objects.bulk_create(
        (RosterMembership(account=a, user=a.owner, added_at=a.opened_at) for a in made),
        batch_size=1000,
    )
    return made


def checked_sample(n: int, seed: int) -> list[tuple[str, str, str, str]]:
    """``n`` corpus posts checked by the engine: (text, kind, verdict, findings JSON)."""
    sys.path.insert(0, str(BENCH_DIR))
    import corpus_gen

    from bluelamp.core.policy import policy_pack
    from bluelamp.engine.model import post_from_dict
    from bluelamp.engine.rules import check_post

    pack = policy_pack()
    sample = []
    for item in corpus_gen.generate(n, seed):
        post = post_from_dict(item)
        report = check_post(post, pack)
        kind = post.kind if post.kind in ("post", "reply", "live") else "post"
        findings = json.dumps([f.to_dict() for f in report.findings]) if report.findings else "[]"
        sample.append((item["text"], kind, report.verdict.label, findings))
    return sample


POST_COLUMNS = (
    "id", "public_id", "account_id", "author_id", "author_text", "kind", "text", "state",
    "source", "verdict", "findings", "checked_at", "version", "approved_version",
    "incident_log_ref", "crime_ref", "oic_told", "recorded_at", "recorded_by_id",
    "platform_post_id", "platform_url", "published_at", "publish_attempts", "removed_at",
    "import_key", "reply_to", "deleted_on_platform_at", "rules_version", "created_at",
    "updated_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "sequence", "occurred_at", "actor_id", "actor_text", "action", "target_type", "target_id",
    "target_label", "before", "after", "request_id", "prev_hash", "hash", "key_id",
)  # fmt: skip


class Chain:
    """Appends audit events after the chain head, hashed with the signing key, as
    ``audit_record`` would; ``close`` moves the head on."""

    def __init__(self, table: Table) -> None:
        from bluelamp.audit import keys
        from bluelamp.audit.chain import GENESIS_HASH
        from bluelamp.audit.models import ChainHead

        self.table = table
        self.key_id, self.key = keys.signing_key()
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        self.sequence = head.sequence if head else 0
        self.hash = head.hash if head else GENESIS_HASH
        self.had_head = head is not None
        self.rows: list[list[Any]] = []
        self.count = 0

    def add(self, *, when: dt.datetime, actor: Any, action: str, target_id: Any = "",
            target_type: str = "", label: str = "", before: dict | None = None,
            after: dict | None = None) -> None:  # fmt: skip
        from bluelamp.audit.chain import compute_hash

        self.sequence += 1
        fields = {
            "sequence": self.sequence,
            "occurred_at": when,
            "actor_id": actor[0] if actor else None,
            "actor_text": actor[1] if actor else "system",
            "action": action,
            "target_type": target_type,
            "target_id": str(target_id),
            "target_label": label,
            "before": before,
            "after": after,
            "request_id": "",
            "prev_hash": self.hash,
            "key_id": self.key_id,
        }
        digest = compute_hash(fields, key=self.key)
        t = self.table
        self.rows.append(
            [
                self.sequence,
                t.when(when),
                fields["actor_id"],
                fields["actor_text"],
                action,
                target_type,
                fields["target_id"],
                label,
                None if before is None else json.dumps(before),
                None if after is None else json.dumps(after),
                "",
                self.hash,
                digest,
                self.key_id,
            ]
        )
        self.hash = digest
        self.count += 1

    def flush(self) -> None:
        self.table.write(self.rows)
        self.rows = []

    def close(self) -> None:
        from django.db import connection

        from bluelamp.audit.models import ChainHead

        self.flush()
        if not self.had_head:
            ChainHead.objects.create(pk=1, sequence=self.sequence, hash=self.hash)
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {connection.ops.quote_name(ChainHead._meta.db_table)} "
                "SET sequence = %s, hash = %s WHERE id = 1",
                [self.sequence, self.hash],
            )


def make_posts(
    rng: random.Random,
    *,
    n: int,
    accounts: list[Any],
    authors: list[Any],
    sample: list[tuple[str, str, str, str]],
    until: dt.datetime,
    years: int,
    report: Callable[[str], None],
) -> dict[str, int]:
    """The archive: ``n`` posts and their audit events."""
    from django.db.models import Max

    from bluelamp.audit.models import AuditEvent
    from bluelamp.core.policy import policy_pack
    from bluelamp.publishing.importing import rules_version
    from bluelamp.publishing.models import Post

    version = rules_version(policy_pack())
    posts = Table(Post, POST_COLUMNS)
    chain = Chain(Table(AuditEvent, EVENT_COLUMNS))
    first_id = (Post.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    # A long tail: the account at rank r posts in proportion to 1 / r^0.8.
    order = list(range(len(accounts)))
    rng.shuffle(order)
    cumulative = list(itertools.accumulate(1 / (r + 1) ** 0.8 for r in range(len(accounts))))
    span = dt.timedelta(days=365 * years).total_seconds()
    start = until - dt.timedelta(seconds=span)
    latest: dict[int, dt.datetime] = {}
    authors_info = [(u.pk, u.label) for u in authors]
    counts = {"posts": 0, "published_here": 0, "removed": 0, "events": 0}
    imported_since = 0
    began = time.perf_counter()
    rows: list[list[Any]] = []
    for i in range(n):
        pk = first_id + i
        account = accounts[order[bisect.bisect(cumulative, rng.random() * cumulative[-1])]]
        # More posts lately: the density grows linearly over the years.
        published = start + dt.timedelta(seconds=span * rng.random() ** 0.5)
        published = published.replace(microsecond=0)
        text, kind, verdict, findings = sample[rng.randrange(len(sample))]
        here = rng.random() < PUBLISHED_HERE
        removed = rng.random() < REMOVED
        platform_id = str(1_500_000_000_000_000_000 + pk)
        author = authors_info[rng.randrange(len(authors_info))] if here else None
        log_ref = crime_ref = ""
        if verdict == "record" and rng.random() < 0.8:
            log_ref = f"Log {rng.randint(1, 4000)} of {published:%d/%m/%Y}"
            if rng.random() < 0.5:
                crime_ref = f"20/{rng.randint(100000, 999999)}/{published:%y}"
        removed_at = published + dt.timedelta(hours=rng.randint(1, 200)) if removed else None
        created = published - dt.timedelta(minutes=rng.randint(5, 4000)) if here else published
        rows.append(
            [
                pk,
                posts.uid(_uuid(rng)),
                account.pk,
                author[0] if author else None,
                "" if here else rng.choice(("Press office", "PC 4521 Jo Bloggs", "", "NPT")),
                kind,
                text,
                "removed" if removed else "published",
                "bluelamp" if here else "imported",
                verdict,
                findings,
                posts.when(created),
                1 if here else 0,
                1 if here else None,
                log_ref,
                crime_ref,
                bool(log_ref) and here,
                posts.when(created) if log_ref else None,
                author[0] if author and log_ref else None,
                platform_id,
                f"https://{account.platform}.example/{account.handle}/status/{platform_id}",
                posts.when(published),
                1 if here else 0,
                posts.when(removed_at),
                "" if here else f"{account.platform}:{platform_id}",
                str(1_500_000_000_000_000_000 + rng.randrange(pk)) if kind == "reply" else "",
                posts.when(removed_at) if removed and not here else None,
                version,
                posts.when(created if here else until),
                posts.when(removed_at or published),
            ]
        )
        if published > latest.get(account.pk, start):
            latest[account.pk] = published
        counts["removed"] += removed
        if here:
            counts["published_here"] += 1
            label = f"Post {pk} on {account.handle}"
            common = {"target_type": "publishing.post", "target_id": pk, "label": label}
            sent = created + (published - created) / 4
            chain.add(
                when=created,
                actor=author,
                action="post.created",
                after={"state": "draft", "account": account.pk, "kind": kind},
                **common,
            )
            chain.add(
                when=sent,
                actor=author,
                action="post.sent_for_approval",
                before={"state": "draft"},
                after={"state": "awaiting_approval"},
                **common,
            )
            chain.add(
                when=sent + (published - sent) / 2,
                actor=None,
                action="post.approved",
                before={"state": "awaiting_approval"},
                after={"state": "ready"},
                **common,
            )
            chain.add(when=published, actor=None, action="post.published",
                      before={"state": "publishing"},
                      after={"state": "published", "platform_post_id": platform_id}, **common)  # fmt: skip
        else:
            imported_since += 1
            if imported_since == IMPORT_SIZE:
                chain.add(when=until, actor=None, action="archive.imported",
                          after={"format": "x", "read": IMPORT_SIZE, "imported": IMPORT_SIZE,
                                 "rules_version": version})  # fmt: skip
                imported_since = 0
        if len(rows) == BATCH:
            posts.write(rows)
            chain.flush()
            rows = []
            counts["posts"] = i + 1
            rate = (i + 1) / (time.perf_counter() - began)
            report(f"  {i + 1:,} posts ({rate:,.0f}/s), {chain.count:,} audit events")
    posts.write(rows)
    chain.close()
    counts["posts"] = n
    counts["events"] = chain.count
    _after_bulk(latest)
    return counts


def _after_bulk(latest: dict[int, dt.datetime]) -> None:
    """Each account's last post; the id sequence moved past the ids written (PostgreSQL)."""
    from django.core.management.color import no_style
    from django.db import connection

    from bluelamp.publishing.models import Post
    from bluelamp.social_accounts.models import Account

    by_account = list(Account.objects.filter(pk__in=latest))
    for account in by_account:
        account.last_post_at = latest[account.pk]
    Account.objects.bulk_update(by_account, ["last_post_at"], batch_size=1000)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Post]):
            cursor.execute(sql)


def make_waiting(
    rng: random.Random,
    *,
    n: int,
    staff: list[Any],
    sample: list[tuple[str, str, str, str]],
    now: dt.datetime,
) -> int:
    """``n`` posts sent for a line manager's second opinion, through the services."""
    from bluelamp.publishing.services import compose
    from bluelamp.social_accounts.models import Account

    # Words the services route to an approver without a disclosure record first, on platforms
    # that take words alone.
    texts = [
        s for s in sample if s[2] in ("pass", "advise") and s[1] == "post" and len(s[0]) <= 250
    ]
    mine = {
        owner: [a for a in accounts if a.tier != "force"]
        for owner, accounts in itertools.groupby(
            Account.objects.filter(
                status="active", owner__in=staff, platform__in=("x", "facebook")
            ).order_by("owner_id", "pk"),
            key=lambda a: a.owner_id,
        )
    }
    writers = [u for u in staff if mine.get(u.pk)]
    for i in range(n):
        author = writers[i % len(writers)]
        account = rng.choice(mine[author.pk])
        when = now - dt.timedelta(minutes=rng.randint(10, 60 * 24 * 14))
        post = compose.post_create(
            actor=author,
            account=account,
            text=rng.choice(texts)[0],
            second_opinion=True,
            now=when,
        )
        compose.post_submit(post=post, actor=author, now=when)
    return n


# ------------------------------------------------------------------------------ the whole


def generate(
    *,
    posts: int = DEFAULT_POSTS,
    accounts: int = DEFAULT_ACCOUNTS,
    waiting: int = DEFAULT_WAITING,
    seed: int = DEFAULT_SEED,
    years: int = DEFAULT_YEARS,
    until: dt.datetime | None = None,
    sample: int = SAMPLE,
    force: bool = False,
    load_demo: bool = True,
    report: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Generate the dataset into the configured database (Django set up); returns its counts
    and the seconds each part took."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import override_settings

    from bluelamp.core.clock import aware_now
    from bluelamp.demo.management.commands.load_demo import HELD_BACK

    if report is None:

        def report(line: str) -> None:
            print(line, file=sys.stderr, flush=True)

    now = aware_now(None)
    until = until or now.replace(hour=0, minute=0, second=0, microsecond=0)
    found = check_demo_only(force=force)
    rng = random.Random(seed)
    times: dict[str, float] = {}
    began = time.perf_counter()
    if found == "empty" and load_demo:
        report("Loading the demo force ...")
        call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
        times["demo"] = time.perf_counter() - began
    step = time.perf_counter()
    report(f"Checking a sample of {min(sample, posts):,} corpus posts with the engine ...")
    checked = checked_sample(max(1, min(sample, posts)), CORPUS_SEED + seed)
    times["engine_sample"] = time.perf_counter() - step
    with transaction.atomic():
        step = time.perf_counter()
        users = make_users(now=until)
        made = make_accounts(rng, total=accounts, staff=users["staff"], now=until)
        times["users_accounts"] = time.perf_counter() - step
        report(f"{sum(len(u) for u in users.values())} users, {len(made):,} accounts made")
        step = time.perf_counter()
        report(f"Writing {posts:,} archived posts ...")
        counts = make_posts(
            rng,
            n=posts,
            accounts=made,
            authors=users["staff"],
            sample=checked,
            until=until,
            years=years,
            report=report,
        )
        times["posts"] = time.perf_counter() - step
    step = time.perf_counter()
    report(f"Sending {waiting:,} posts for approval through the services ...")
    # The notifications these would send are kept, not printed.
    with override_settings(EMAIL_BACKEND=HELD_BACK), transaction.atomic():
        make_waiting(rng, n=waiting, staff=users["staff"], sample=checked, now=now)
    times["waiting"] = time.perf_counter() - step
    step = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    times["analyze"] = time.perf_counter() - step
    times["total"] = time.perf_counter() - began
    from bluelamp.audit.models import AuditEvent
    from bluelamp.core.models import User
    from bluelamp.publishing.models import Post
    from bluelamp.social_accounts.models import Account

    summary = {
        "seed": seed,
        "until": until.isoformat(),
        "database": connection.vendor,
        "generated": counts,
        "waiting": waiting,
        "totals": {
            "posts": Post.objects.count(),
            "accounts": Account.objects.count(),
            "users": User.objects.count(),
            "audit_events": AuditEvent.objects.count(),
        },
        "seconds": {k: round(v, 1) for k, v in times.items()},
    }
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=DEFAULT_POSTS)
    parser.add_argument("--accounts", type=int, default=DEFAULT_ACCOUNTS)
    parser.add_argument("--waiting", type=int, default=DEFAULT_WAITING)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--years", type=int, default=DEFAULT_YEARS)
    parser.add_argument("--until", type=dt.date.fromisoformat, default=None,
                        help="the last day of the archive (default: today)")  # fmt: skip
    parser.add_argument("--sample", type=int, default=SAMPLE)
    parser.add_argument("--force", action="store_true",
                        help="write even into a database holding more than the demo")  # fmt: skip
    parser.add_argument("--json", type=Path, help="write the summary here too")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluelamp.config.settings")
    import django

    django.setup()
    until = dt.datetime.combine(args.until, dt.time(), tzinfo=dt.UTC) if args.until else None
    try:
        summary = generate(
            posts=args.posts,
            accounts=args.accounts,
            waiting=args.waiting,
            seed=args.seed,
            years=args.years,
            until=until,
            sample=args.sample,
            force=args.force,
        )
    except Refused as exc:
        print(f"scale_gen: refused: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

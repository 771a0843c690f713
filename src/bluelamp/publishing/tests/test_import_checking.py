"""An import checks each distinct post once: the key it remembers verdicts by holds everything
the check is given, and the engine's answer depends on nothing else (not on what it checked
before), so two posts with the same words, account tier and handle, kind and periods in force
get the same report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from bluelamp.core.policy import policy_pack
from bluelamp.engine.model import Post as EnginePost
from bluelamp.incidents.choices import CrisisKind
from bluelamp.publishing import importing
from bluelamp.publishing.tests.test_importing import SAMPLES
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)

TEXTS = [
    "Have you seen Jamie Carter, 15, missing from Dudley? Call 101 quoting MIS/1234.",
    "Thanks, we have passed this on.",
    "Vote Labour on Thursday! #GE2026",
    "A 34-year-old man from Tipton has been charged with burglary and will appear at "
    "Wolverhampton Magistrates' Court tomorrow.",
    "Road closed at the junction of High Street and Castle Street until 6pm.",
    "Call 07700 900123 or email jo.bloggs@example.com about the lost dog.",
    "#KnifeCrimeAwareness week starts today: https://www.west-midlands.police.uk/knife",
    "",
    "   ",
]


def _texts() -> list[str]:
    from bluelamp.engine.exports import ExportError, read_export

    found = list(TEXTS)
    for folder in sorted(SAMPLES.iterdir()):
        if folder.is_dir():
            try:
                found.extend(item.text for item in read_export(folder))
            except ExportError:  # a sample meant to be refused
                continue
    return found


def test_the_key_holds_everything_the_check_is_given():
    owner = ForceUserFactory(username="owner")
    account = AccountFactory(platform="x", handle="WMPDudley", owner=owner)
    checker = importing.Checker(workers=1)
    checker.periods = [(CrisisKind.ELECTION_PERIOD, NOW - dt.timedelta(days=10), None)]
    record = importing.Record(
        place="line 1",
        account=account,
        text="Thanks, we have passed this on.",
        published_at=NOW,
        kind="reply",
        platform_post_id="1",
        import_key="x:1",
        reply_to="99",
    )
    post = checker.engine_post(record)
    key = checker.key(record)
    # Every field the engine reads is in the key, and the others are at their defaults.
    assert (post.text, post.tier, post.handle, post.kind) == key[:4]
    assert (post.election_period, post.major_incident) == key[4:] == (True, False)
    defaults = EnginePost(text="")
    for name in ("id", "media", "authorisations", "platform"):
        assert getattr(post, name) == getattr(defaults, name)
    assert importing._engine_post(key) == post
    # Another post with the same key is the same engine post.
    twin = dataclasses.replace(record, platform_post_id="2", import_key="x:2", reply_to="7")
    assert checker.key(twin) == key


def test_the_same_key_gets_the_same_report_whatever_was_checked_before():
    pack = policy_pack()
    keys = [
        (text, tier, "WMPDudley", kind, election, False)
        for text in _texts()
        for tier, kind, election in (
            ("force", "post", False),
            ("personal", "reply", False),
            ("force", "post", True),
        )
    ]
    first = {key: importing._check_one(importing._engine_post(key), pack) for key in keys}
    shuffled = list(keys)
    random.Random(7).shuffle(shuffled)
    for key in shuffled:
        assert importing._check_one(importing._engine_post(key), pack) == first[key], key
    # ...and on a worker process as here.
    importing._worker_start(pack)
    assert importing._check_chunk(shuffled) == [first[k] for k in shuffled]


def test_the_look_up_goes_through_the_unique_indexes():
    """Its cost must not grow with the archive: SQLite uses a partial index only when the query
    repeats the index's condition, in the index's own words."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("the plan is SQLite's")
    account = AccountFactory(platform="x", handle="WMPDudley")
    record = importing.Record(
        place="line 1",
        account=account,
        text="Thanks",
        published_at=NOW,
        platform_post_id="1",
        import_key="x:1",
    )
    with CaptureQueriesContext(connection) as queries:
        importing._already_there([record], now=NOW)
    assert len(queries.captured_queries) == 2
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "unique_per_account" in plan, plan


def test_a_process_with_other_threads_starts_its_workers_by_forkserver(monkeypatch):
    import threading

    monkeypatch.setattr(importing, "PARALLEL_FROM", 2)
    monkeypatch.setattr(importing, "PARALLEL_CHUNK", 2)
    account = AccountFactory(platform="x", handle="WMPDudley")
    records = [
        importing.Record(
            place=f"line {n}",
            account=account,
            text=text,
            published_at=NOW,
            platform_post_id=str(n),
            import_key=f"x:{n}",
        )
        for n, text in enumerate(TEXTS)
    ]
    alone = importing.Checker(workers=1).submit(records)()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # as a web server's threads
    other.start()
    try:
        checker = importing.Checker(workers=2)
        verdicts = checker.submit(records)()
        assert checker._pool is not None
        assert checker._pool._mp_context.get_start_method() == "forkserver"
        checker.close()
    finally:
        stop.set()
        other.join()
    assert verdicts == alone

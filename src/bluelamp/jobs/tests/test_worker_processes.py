"""Real `bluelamp worker` processes on the real queue, on SQLite and (with DATABASE_URL)
PostgreSQL: a worker killed mid-job and another finishing the job exactly once; two workers
side by side never publishing a post twice; periodic jobs queued once per period by several."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import posts as flow
from bluelamp.jobs.models import Job, JobState, WorkerProcess
from bluelamp.jobs.services import job_enqueue
from bluelamp.jobs.tests.processes import start_worker, stop, wait_for
from bluelamp.publishing import importing
from bluelamp.publishing.fakeplatforms import FakeX
from bluelamp.publishing.models import ArchiveImportFile, Post
from bluelamp.publishing.services import compose, connections
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CLEAN = "Join us at the Handsworth community event on Saturday from 10am."


def tweets_js(n: int) -> bytes:
    """An X export's tweets.js with ``n`` posts a minute apart."""
    base = dt.datetime(2022, 5, 1, 9, 0, tzinfo=dt.UTC)
    items = []
    for i in range(n):
        tweet_id = str(1600000000000000000 + i)
        when = (base + dt.timedelta(minutes=i)).strftime("%a %b %d %H:%M:%S +0000 %Y")
        text = f"Community meeting number {i} at the station on Saturday, all welcome."
        items.append(
            {"tweet": {"id_str": tweet_id, "id": tweet_id, "created_at": when, "full_text": text}}
        )
    return ("window.YTD.tweets.part0 = " + json.dumps(items)).encode()


def test_a_worker_killed_mid_import_and_another_finishes_it_exactly_once():
    ccd = ForceUserFactory(username="ccd", roles=[Role.STAFF, Role.CCD])
    account = AccountFactory(platform="x", handle="WMPDudley")
    n = 3000
    job = importing.archive_import_queue(
        account=account, actor=ccd, name="tweets.js", chunks=[tweets_js(n)]
    )
    first = start_worker("--no-schedule")
    try:
        wait_for(
            lambda: Job.objects.get(pk=job.pk).state == JobState.RUNNING,
            timeout=120,
            what="the first worker to start the import",
        )
        time.sleep(1)  # well into the import, which takes several seconds
    finally:
        out = stop(first, kill=True)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING, out  # killed mid-job, not after it
    assert job.attempts == 1
    # All or nothing: the killed attempt left nothing behind.
    assert Post.objects.filter(account=account).count() == 0
    assert WorkerProcess.objects.filter(worker_id=job.worker).exists()

    second = start_worker("--no-schedule")
    try:
        wait_for(
            lambda: Job.objects.get(pk=job.pk).state in (JobState.SUCCEEDED, JobState.FAILED),
            timeout=300,
            what="the second worker to finish the import",
        )
    finally:
        out = stop(second)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, (job.error, out)
    assert job.attempts == 2
    assert job.outcome["imported"] == n
    # Exactly once: every post once, one audit event, the held export gone.
    assert Post.objects.filter(account=account).count() == n
    assert Post.objects.filter(account=account).values("platform_post_id").distinct().count() == n
    assert AuditEvent.objects.filter(action="archive.imported").count() == 1
    assert not ArchiveImportFile.objects.exists()
    # The queue's own record: the killed attempt closed as failed, the second done.
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "SUCCESSFUL"]
    assert not WorkerProcess.objects.exists()


def _due_posts(n: int):
    ccd = ForceUserFactory(username="ccd", roles=[Role.STAFF, Role.CCD])
    author = ForceUserFactory(username="author", roles=[Role.STAFF])
    team = AccountFactory(platform="x", handle="WMPTeamTest", tier="team", owner=author)
    now = timezone.now()
    connections.connection_save(actor=ccd, account=team, token="good-token", now=now)
    posts = []
    for i in range(n):
        post = compose.post_create(actor=author, account=team, text=f"{CLEAN} ({i})", now=now)
        compose.post_submit(
            post=post, actor=author, scheduled_for=now + dt.timedelta(minutes=5), now=now
        )
        posts.append(post.pk)
    Post.objects.filter(pk__in=posts).update(scheduled_for=now - dt.timedelta(seconds=1))
    return posts


def test_two_workers_side_by_side_never_publish_a_post_twice(settings):
    from cryptography.fernet import Fernet

    vault_key = Fernet.generate_key().decode()
    settings.BLUELAMP_VAULT_KEYS = [vault_key]
    fake = FakeX().start()
    try:
        posts = _due_posts(12)
        # Several publishing jobs at once, so both workers are in delivery together.
        for _ in range(6):
            job_enqueue(kind="publish-due")
        env = {"BLUELAMP_X_API_BASE": fake.base_url, "BLUELAMP_VAULT_KEYS": vault_key}
        workers = [start_worker(env=env), start_worker(env=env)]
        try:
            wait_for(
                lambda: (
                    Post.objects.filter(pk__in=posts, state=flow.PUBLISHED).count() == 12
                    and not Job.objects.filter(kind="publish-due", state__in=["queued", "running"])
                    .exclude(key__isnull=False)
                    .exists()
                ),
                timeout=180,
                what="every post published",
            )
        finally:
            outs = [stop(w) for w in workers]
        texts = sorted(p["text"] for p in fake.posts.values())
        assert len(fake.posts) == 12, outs
        assert len(set(texts)) == 12
        # Each queue entry was claimed by one worker at most (the last periodic ones queued
        # before the workers stopped were claimed by none).
        claims = list(DBTaskResult.objects.values_list("worker_ids", flat=True))
        assert all(len(ids) <= 1 for ids in claims), claims
        assert len({ids[0] for ids in claims if ids}) >= 1
        # Both workers queued the periodic jobs, and each period's job exists once.
        keys = list(Job.objects.exclude(key=None).values_list("key", flat=True))
        assert len(keys) == len(set(keys))
    finally:
        fake.stop()

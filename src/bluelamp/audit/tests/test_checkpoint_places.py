"""Checkpoints reach the places the database's administrators cannot rewrite: the file the
worker appends to regularly, and the daily digest e-mail."""

from __future__ import annotations

import argparse

import pytest

from bluelamp.audit import checkpoints
from bluelamp.audit.keys import checkpoint_public_keys
from bluelamp.audit.models import ChainHead
from bluelamp.audit.selectors import audit_chain_verify
from bluelamp.audit.tests.helpers import record
from bluelamp.cli import worker

pytestmark = pytest.mark.django_db


def test_the_worker_appends_a_checkpoint_when_one_is_due(
    settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    # given a checkpoint file, and a worker pass
    path = tmp_path / "var" / "checkpoints"
    settings.BLUELAMP_AUDIT_CHECKPOINT_FILE = path
    monkeypatch.setattr("django.db.close_old_connections", lambda: None)
    # The queue's worker loop (django-tasks-db) checks the connection between jobs; the test's
    # database lives inside one transaction, which that check would close.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    record(2)
    args = argparse.Namespace(once=True, interval=1, no_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert worker._run(args) == 0
    # then the file holds a signed checkpoint of the head, which verify accepts
    ((_source, line),) = list(checkpoints.lines_of(path))
    checkpoint = checkpoints.parse(line, checkpoint_public_keys())
    assert checkpoint.sequence == ChainHead.objects.get().sequence == 2
    assert audit_chain_verify().checkpoints == 1


def test_the_worker_writes_the_next_checkpoint_only_after_the_interval(settings):
    # The checkpoint is a periodic job (docs/jobs.md): one per interval of
    # BLUELAMP_AUDIT_CHECKPOINT_MINUTES, whichever worker queues it.
    import datetime as dt

    from bluelamp.jobs.services import period_keys

    settings.BLUELAMP_AUDIT_CHECKPOINT_MINUTES = 60
    start = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)

    def key(at):
        return dict(period_keys(now=at))["audit-checkpoint"]

    assert key(start) == key(start + dt.timedelta(minutes=59))
    assert key(start + dt.timedelta(minutes=60)) != key(start)

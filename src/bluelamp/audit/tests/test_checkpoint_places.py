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
    record(2)
    args = argparse.Namespace(once=True, interval=1, no_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert worker._run(args) == 0
    # then the file holds a signed checkpoint of the head, which verify accepts
    ((_source, line),) = list(checkpoints.lines_of(path))
    checkpoint = checkpoints.parse(line, checkpoint_public_keys())
    assert checkpoint.sequence == ChainHead.objects.get().sequence == 2
    assert audit_chain_verify().checkpoints == 1


def test_the_worker_writes_the_next_checkpoint_only_after_the_interval(monkeypatch):
    written = []
    monkeypatch.setattr("bluelamp.audit.services.audit_checkpoint_write", lambda: written.append(1))
    clock = iter([0.0, 60.0, 3601.0])
    monkeypatch.setattr("time.monotonic", lambda: next(clock))
    last: list = []
    for _ in range(3):
        worker._checkpoint_when_due(last, 60)
    assert len(written) == 2  # at start, and again after 60 minutes

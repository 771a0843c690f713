"""The periodic sweep from `bluelamp worker` and `bluelamp manage account_security_sweep`,
`bluelamp staff-changes`, the pack's thresholds, and publishing's refusal to approve while
publishing is suspended."""

from __future__ import annotations

import argparse
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from bluelamp.account_security.models import LostDeviceReport, RotationTask
from bluelamp.account_security.tests.test_services import file_report
from bluelamp.cli import main, worker
from bluelamp.engine.policy_pack import PackError, load_pack, parse_pack
from bluelamp.social_accounts.models import RosterMembership

pytestmark = pytest.mark.django_db


def _stale(force):
    force.dudley.password_changed_at = timezone.now() - dt.timedelta(days=200)
    force.dudley.save()


def test_the_worker_runs_the_sweep_on_every_pass(force, monkeypatch, capsys):
    monkeypatch.setattr("django.db.close_old_connections", lambda: None)
    # The queue's worker loop (django-tasks-db) checks the connection between jobs; the test's
    # database lives inside one transaction, which that check would close.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    _stale(force)
    report = file_report(force, now=timezone.now() - dt.timedelta(days=2))
    args = argparse.Namespace(once=True, interval=1, no_digest=True)
    assert worker._run(args) == 0
    assert RotationTask.objects.filter(trigger="password_age").count() == 0  # dudley has one
    assert LostDeviceReport.objects.get(pk=report.pk).status == "escalated"
    assert "reports escalated 1" in capsys.readouterr().out
    assert worker._run(args) == 0  # idempotent
    assert LostDeviceReport.objects.get(pk=report.pk).status == "escalated"


def test_the_management_command_opens_a_task_for_a_stale_password(force):
    _stale(force)
    out = io.StringIO()
    call_command("account_security_sweep", stdout=out)
    assert "tasks opened: 1" in out.getvalue()
    assert RotationTask.objects.get().trigger == "password_age"


def test_the_staff_changes_command_applies_a_good_file(force, tmp_path, capsys):
    path = tmp_path / "hr.csv"
    path.write_text("username,change,team\npc,moved,Walsall NPU\n")
    assert main(["staff-changes", str(path), "--as", force.ccd.username]) == 0
    assert "1 people applied" in capsys.readouterr().out
    assert not RosterMembership.objects.filter(user=force.pc).exists()


def test_the_staff_changes_command_names_each_bad_line_and_applies_nothing(force, tmp_path, capsys):
    path = tmp_path / "hr.csv"
    path.write_text("username,change,team\npc,left,\nnobody-here,left,\n")
    assert main(["staff-changes", str(path), "--as", force.ccd.username]) == 1
    err = capsys.readouterr().err
    assert "Line 3, column username" in err and "nothing was applied" in err
    assert RosterMembership.objects.filter(user=force.pc).count() == 2


def test_the_staff_changes_command_refuses_someone_other_than_ccd(force, tmp_path, capsys):
    path = tmp_path / "hr.csv"
    path.write_text("username,change,team\npc,left,\n")
    assert main(["staff-changes", str(path), "--as", force.admin.username]) == 1
    assert "Corporate Communications" in capsys.readouterr().err
    assert main(["staff-changes", str(tmp_path / "missing.csv"), "--as", "ccd"]) == 2


def test_the_shipped_pack_sets_the_hours_and_days_and_zero_is_refused():
    pack = load_pack()
    assert pack.thresholds["lost_device_secure_hours"] == 24
    assert pack.thresholds["rotation_task_days"] == 7
    import tomllib

    from bluelamp.engine.policy_pack import DEFAULT_PACK

    data = tomllib.loads(DEFAULT_PACK.read_text())
    data["thresholds"]["lost_device_secure_hours"] = 0
    with pytest.raises(PackError, match="lost_device_secure_hours must be positive"):
        parse_pack(data)


def test_publishing_refuses_to_approve_a_post_on_a_suspended_account(force):
    from bluelamp.data_requests.tests.archive import make_post
    from bluelamp.publishing.services.approvals import approval_approve
    from bluelamp.social_accounts.errors import PublishingSuspendedError
    from bluelamp.social_accounts.services.security import account_publishing_suspend

    account_publishing_suspend(actor=force.ccd, account=force.dudley, reason="Phone stolen")
    post = make_post(
        force.dudley, state="awaiting_approval", published_at=None, approver_needed="ccd"
    )
    with pytest.raises(PublishingSuspendedError):
        approval_approve(post=post, actor=force.ccd)

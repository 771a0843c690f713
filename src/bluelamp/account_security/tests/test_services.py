"""The lost-device workflow, rotation tasks and the staff-changes feed, through their services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from bluelamp.account_security.models import Checklist, LostDeviceReport, RotationTask
from bluelamp.account_security.selectors import lost_device_register
from bluelamp.account_security.services.lost_devices import (
    checklist_step_complete,
    lost_device_publishing_resume,
    lost_device_publishing_suspend,
    lost_device_report_file,
    lost_device_reports_sweep,
)
from bluelamp.account_security.services.rotation import (
    rotation_task_complete,
    rotation_tasks_sweep,
)
from bluelamp.account_security.services.staff_changes import staff_changes_apply
from bluelamp.account_security.tests.conftest import LOST, NOW
from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, PermissionDeniedError
from bluelamp.social_accounts import vault
from bluelamp.social_accounts.errors import PublishingSuspendedError
from bluelamp.social_accounts.models import AccountCredential, RosterMembership
from bluelamp.social_accounts.services.credentials import (
    account_credentials_record,
    account_credentials_reveal,
)
from bluelamp.social_accounts.services.roster import account_roster_remove

pytestmark = pytest.mark.django_db(transaction=False)


def file_report(force, *, actor=None, accounts=None, now=NOW, **fields):
    data = {
        "device": "iPhone 13",
        "device_kind": "phone",
        "issued_by": "force",
        "circumstances": "lost",
        "lost_at": LOST,
        "details": "",
    }
    data.update(fields)
    return lost_device_report_file(
        actor=actor or force.pc,
        accounts=accounts if accounts is not None else [force.dudley, force.walsall],
        now=now,
        **data,
    )


def tick_all(force, report, actor=None, now=NOW):
    for checklist in report.checklists.all():
        for step in ("password", "sessions", "tokens", "two_factor", "posts"):
            checklist_step_complete(
                lost_device_report=report,
                checklist=checklist,
                actor=actor or force.admin,
                step=step,
                username="wmp",
                password="new-secret-1" if step == "password" else "",
                now=now,
            )


# --- Filing -------------------------------------------------------------------------------------


def test_filing_alerts_ccd_and_each_administrator_and_opens_a_checklist_per_account(
    force, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = file_report(force)
    assert report.status == "open"
    assert report.secure_by == NOW + dt.timedelta(hours=24)
    checklists = list(report.checklists.all())
    assert {c.account for c in checklists} == {force.dudley, force.walsall}
    assert all(c.steps.count() == 5 for c in checklists)
    to = {address for message in mail.outbox for address in message.to}
    assert "socialmedia@west-midlands.pnn.police.uk" in to
    assert force.admin.email in to
    assert any("LD-" in m.subject and "lost" in m.subject for m in mail.outbox)
    # a rotation task per account, due when the report must be secured
    tasks = RotationTask.objects.filter(lost_device_report=report)
    assert {t.account for t in tasks} == {force.dudley, force.walsall}
    assert all(t.due_at == report.secure_by and t.trigger == "lost_device" for t in tasks)
    assert AuditEvent.objects.filter(action="lost_device.reported").count() == 1


def test_filing_refuses_bad_input_and_accounts_not_on_the_roster_and_changes_nothing(force):
    with pytest.raises(InvalidInputError) as caught:
        file_report(
            force,
            device="",
            lost_at=NOW + dt.timedelta(days=1),
            accounts=[force.other],
            circumstances="mislaid",
        )
    errors = caught.value.fields["errors"]
    assert set(errors) == {"device", "lost_at", "accounts", "circumstances"}
    assert not LostDeviceReport.objects.exists()
    with pytest.raises(InvalidInputError):
        file_report(force, accounts=[])


def test_ccd_may_name_any_account_and_an_auditor_may_not_report(force):
    assert file_report(force, actor=force.ccd, accounts=[force.other]).checklists.count() == 1
    with pytest.raises(PermissionDeniedError):
        file_report(force, actor=force.auditor)
    with pytest.raises(PermissionDeniedError):
        file_report(force, actor=force.nobody)


# --- The checklist ------------------------------------------------------------------------------


def test_each_step_is_ticked_with_who_and_when_and_the_last_closes_the_report(force):
    report = file_report(force)
    later = NOW + dt.timedelta(hours=3)
    tick_all(force, report, now=later)
    report.refresh_from_db()
    assert report.status == "closed" and report.closed_at == later
    for checklist in Checklist.objects.filter(report=report):
        assert checklist.status == "secured"
        assert checklist.time_to_secure == dt.timedelta(hours=5)
        assert all(s.done_by == force.admin and s.done_at == later for s in checklist.steps.all())
        assert checklist.steps.get(step="tokens").manual
    # the password went into the vault, encrypted, and the rotation tasks are done
    credential = AccountCredential.objects.get(account=force.dudley)
    assert vault.decrypt(credential.password_encrypted) == "new-secret-1"
    assert "new-secret-1" not in credential.password_encrypted
    assert set(RotationTask.objects.values_list("status", flat=True)) == {"done"}
    assert not AuditEvent.objects.filter(after__icontains="new-secret-1").exists()
    reg = lost_device_register(user=force.ccd, now=later)
    assert [r.hours for r in reg.rows] == [5.0, 5.0]
    assert reg.median_hours == 5.0 and reg.within_target == 2


def test_the_posts_step_lists_the_archives_posts_since_the_loss(force):
    from bluelamp.data_requests.tests.archive import make_post

    post = make_post(force.dudley, published_at=LOST + dt.timedelta(minutes=30))
    make_post(force.dudley, published_at=LOST - dt.timedelta(days=1), platform_post_id="2")
    report = file_report(force)
    checklist = report.checklists.get(account=force.dudley)
    step = checklist_step_complete(
        lost_device_report=report, checklist=checklist, actor=force.admin, step="posts", now=NOW
    )
    assert step.evidence == {"posts_since_loss": [str(post.public_id)], "count": 1}


def test_only_the_administrator_or_ccd_may_tick_and_a_step_is_ticked_once(force):
    report = file_report(force)
    checklist = report.checklists.get(account=force.dudley)
    for user in (force.pc, force.auditor, force.by_role[force_role("infosec")]):
        with pytest.raises(PermissionDeniedError):
            checklist_step_complete(
                lost_device_report=report, checklist=checklist, actor=user, step="sessions"
            )
    checklist_step_complete(
        lost_device_report=report, checklist=checklist, actor=force.ccd, step="sessions"
    )
    with pytest.raises(InvalidInputError, match="already done"):
        checklist_step_complete(
            lost_device_report=report, checklist=checklist, actor=force.admin, step="sessions"
        )
    with pytest.raises(InvalidInputError, match="new password"):
        checklist_step_complete(
            lost_device_report=report, checklist=checklist, actor=force.admin, step="password"
        )


def force_role(value):
    from bluelamp.core.roles import Role

    return Role(value)


# --- Escalation and suspension ------------------------------------------------------------------


def test_a_report_not_secured_in_the_packs_hours_escalates_to_the_duty_contact_once(
    force, settings, django_capture_on_commit_callbacks
):
    settings.BLUELAMP_CCD_DUTY_CONTACT = "duty@west-midlands.pnn.police.uk"
    report = file_report(force)
    assert lost_device_reports_sweep(now=NOW + dt.timedelta(hours=23)) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert lost_device_reports_sweep(now=NOW + dt.timedelta(hours=25)) == 1
    assert lost_device_reports_sweep(now=NOW + dt.timedelta(hours=26)) == 0
    report.refresh_from_db()
    assert report.status == "escalated"
    assert any("duty@west-midlands.pnn.police.uk" in m.to for m in mail.outbox)
    # still open to ticks, and closes when secured
    tick_all(force, report, now=NOW + dt.timedelta(hours=27))
    report.refresh_from_db()
    assert report.status == "closed"


def test_ccd_suspends_publishing_and_publishing_refuses_approval_and_delivery(force):
    from bluelamp.data_requests.tests.archive import make_post
    from bluelamp.publishing.services.compose import ready_to_go

    report = file_report(force)
    with pytest.raises(PermissionDeniedError):
        lost_device_publishing_suspend(lost_device_report=report, actor=force.admin, reason="x")
    lost_device_publishing_suspend(
        lost_device_report=report, actor=force.ccd, reason="Phone stolen, not yet secured"
    )
    force.dudley.refresh_from_db()
    assert force.dudley.publishing_suspended
    post = make_post(force.dudley, state="ready", published_at=None)
    with pytest.raises(PublishingSuspendedError):
        ready_to_go(post, NOW)
    # suspension outlives the report: CCD resumes publishing once the accounts are secured
    tick_all(force, report)
    report.refresh_from_db()
    assert report.status == "closed"
    force.dudley.refresh_from_db()
    assert force.dudley.publishing_suspended
    lost_device_publishing_resume(lost_device_report=report, actor=force.ccd)
    force.dudley.refresh_from_db()
    assert not force.dudley.publishing_suspended


# --- Rotation tasks -----------------------------------------------------------------------------


def test_a_password_older_than_the_rotation_days_opens_a_task_once(force):
    force.dudley.password_changed_at = NOW - dt.timedelta(days=91)
    force.dudley.save()
    done = rotation_tasks_sweep(now=NOW)
    assert done["opened"] == 1
    task = RotationTask.objects.get()
    assert task.account == force.dudley and task.trigger == "password_age"
    assert task.assignee == force.admin and task.due_at == NOW + dt.timedelta(days=7)
    assert rotation_tasks_sweep(now=NOW)["opened"] == 0


def test_removing_someone_from_the_roster_opens_a_task(force):
    account_roster_remove(actor=force.admin, account=force.dudley, user=force.pc, now=NOW)
    task = RotationTask.objects.get()
    assert task.trigger == "roster_change" and "PC Jo Bloggs" in task.reasons[0]["detail"]


def test_revealing_the_credential_opens_a_task(force):
    account_credentials_record(
        actor=force.admin, account=force.dudley, username="wmp", password="old-one", now=NOW
    )
    account_credentials_reveal(
        actor=force.ccd, account=force.dudley, reason="Recover the account after a lockout"
    )
    assert RotationTask.objects.get().trigger == "credential_revealed"


def test_a_second_trigger_adds_its_reason_to_the_open_task(force):
    account_roster_remove(actor=force.admin, account=force.dudley, user=force.pc, now=NOW)
    file_report(force, actor=force.admin, accounts=[force.dudley])
    task = RotationTask.objects.get()
    assert [r["trigger"] for r in task.reasons] == ["roster_change", "lost_device"]
    assert task.due_at == NOW + dt.timedelta(hours=24)


def test_completing_lodges_the_credential_and_tells_ccd(force, django_capture_on_commit_callbacks):
    account_roster_remove(actor=force.admin, account=force.dudley, user=force.pc, now=NOW)
    task = RotationTask.objects.get()
    with pytest.raises(PermissionDeniedError):
        rotation_task_complete(
            rotation_task=task, actor=force.pc, username="wmp", password="s3cret-new"
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = rotation_task_complete(
            rotation_task=task, actor=force.admin, username="wmp", password="s3cret-new"
        )
    assert done.status == "done" and done.completed_by == force.admin
    assert vault.decrypt(AccountCredential.objects.get().password_encrypted) == "s3cret-new"
    assert any("socialmedia@" in ",".join(m.to) for m in mail.outbox)


def test_an_overdue_task_escalates_once(force, django_capture_on_commit_callbacks):
    account_roster_remove(actor=force.admin, account=force.dudley, user=force.pc, now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert rotation_tasks_sweep(now=NOW + dt.timedelta(days=8))["escalated"] == 1
    assert rotation_tasks_sweep(now=NOW + dt.timedelta(days=9))["escalated"] == 0
    assert RotationTask.objects.get().status == "escalated"
    to = {a for m in mail.outbox for a in m.to}
    assert force.admin.email in to and force.manager.email in to


# --- Leavers and movers -------------------------------------------------------------------------


def test_a_leaver_comes_off_every_roster_and_their_accounts_go_to_their_line_manager(force):
    text = "username,change,team\nadmin,left,\npc,moved,Walsall NPU\n"
    batch = staff_changes_apply(actor=force.ccd, text=text, source="hr.csv", now=NOW)
    force.dudley.refresh_from_db()
    force.walsall.refresh_from_db()
    assert force.dudley.owner == force.manager and force.walsall.owner == force.manager
    assert not RosterMembership.objects.filter(user__in=[force.admin, force.pc]).exists()
    assert set(RotationTask.objects.values_list("account__handle", flat=True)) == {
        "WMPDudley",
        "WMPWalsall",
    }
    assert RotationTask.objects.filter(assignee=force.manager).count() == 2
    assert len(batch.rows) == 2
    assert AuditEvent.objects.filter(action="staff_changes.applied").count() == 1


def test_a_bad_file_names_each_line_and_column_and_applies_nothing(force):
    text = (
        "username,change,team\n"
        "pc,left,\n"  # fine on its own
        "ghost,left,\n"
        "admin,retired,\n"
        "user-staff,moved,\n"
    )
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInputError) as caught:
        staff_changes_apply(actor=force.ccd, text=text, now=NOW)
    errors = caught.value.fields["errors"]
    assert errors["line 3"] == [
        "Line 3, column username: no one in Bluelamp has the username or staff ID 'ghost'"
    ]
    assert errors["line 4"] == ["Line 4, column change: enter left or moved"]
    assert errors["line 5"] == ["Line 5, column team: enter the team they moved to"]
    assert RosterMembership.objects.filter(user=force.pc).count() == 2
    assert AuditEvent.objects.count() == before


def test_an_owner_without_a_line_manager_is_refused(force):
    force.admin.line_manager = None
    force.admin.save()
    with pytest.raises(InvalidInputError, match="no line manager"):
        staff_changes_apply(actor=force.ccd, text="username,change,team\nadmin,left,\n")


def test_only_ccd_applies_staff_changes(force):
    for user in (force.admin, force.auditor, force.by_role[force_role("infosec")]):
        with pytest.raises(PermissionDeniedError):
            staff_changes_apply(actor=user, text="username,change,team\npc,left,\n")


def test_an_owner_of_an_account_that_cannot_be_handed_over_is_refused_on_their_line(force):
    force.dudley.status = "conversion_requested"
    force.dudley.save()
    with pytest.raises(InvalidInputError) as caught:
        staff_changes_apply(actor=force.ccd, text="username,change,team\nadmin,left,\n")
    assert "decide it first" in caught.value.fields["errors"]["line 2"][0]
    assert RosterMembership.objects.filter(user=force.admin).count() == 2

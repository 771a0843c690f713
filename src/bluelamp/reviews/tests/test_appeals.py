"""An appeal's case ends: a removal task for every copy and re-share on every account, due
within the pack's hours, removed through the platform (a fake X on 127.0.0.1), escalated to
CCD once when late."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.policy import policy_pack
from bluelamp.reviews import services
from bluelamp.reviews.errors import CaseClosedError
from bluelamp.reviews.models import AppealRemovalTask
from bluelamp.reviews.tests.conftest import NOW, connect, live_post, posted_on_fake

pytestmark = pytest.mark.django_db

APPEAL = "Have you seen Jamie Carter, 15, missing from Dudley? Call 101 quoting MIS/1."


def test_marking_found_creates_a_task_for_every_copy_and_reshare(
    room, fake_x, django_capture_on_commit_callbacks
):
    connect(room, room.team)
    appeal = posted_on_fake(fake_x, room.team, APPEAL)
    reshare = live_post(room.force_account, "", repost_of=appeal.platform_post_id)
    live_post(room.npu, "Unrelated: thanks for coming to the beat meeting.")
    case = services.case_create(actor=room.author, name="Jamie Carter", reference="MIS/1", now=NOW)
    services.case_post_link(case=case, post=appeal, actor=room.author, now=NOW)
    with pytest.raises(PermissionDeniedError):
        services.case_resolve(case=case, actor=room.auditor, status="found", now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_resolve(case=case, actor=room.author, status="found", now=NOW)
    with pytest.raises(CaseClosedError):
        services.case_resolve(case=case, actor=room.author, status="charged", now=NOW)
    tasks = list(AppealRemovalTask.objects.order_by("post_id"))
    assert [t.post for t in tasks] == [appeal, reshare]
    hours = policy_pack().thresholds["appeal_removal_hours"]
    assert {t.due_at for t in tasks} == {NOW + dt.timedelta(hours=hours)}
    assert any(room.author.email in m.to for m in mail.outbox)

    done = services.appeal_task_remove(task=tasks[0], actor=room.author, now=NOW)
    appeal.refresh_from_db()
    assert done.done_at == NOW and appeal.state == "removed" and fake_x.posts == {}
    assert AuditEvent.objects.filter(action="case.removal_done").count() == 1

    mail.outbox.clear()
    assert services.appeal_tasks_sweep(now=NOW + dt.timedelta(hours=1)) == 0
    late = NOW + dt.timedelta(hours=hours, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.appeal_tasks_sweep(now=late) == 1
    assert services.appeal_tasks_sweep(now=late + dt.timedelta(hours=1)) == 0
    assert "still live on @WMPolice" in mail.outbox[0].subject
    tasks[1].refresh_from_db()
    assert tasks[1].escalated_at == late and tasks[1].done_at is None


def test_a_post_removed_another_way_closes_its_task(room):
    appeal = live_post(room.team, APPEAL)
    case = services.case_create(actor=room.ccd, name="Jamie Carter", now=NOW)
    services.case_post_link(case=case, post=appeal, actor=room.ccd, now=NOW)
    services.case_resolve(case=case, actor=room.ccd, status="withdrawn", now=NOW)
    appeal.state, appeal.removed_at = "removed", NOW
    appeal.save()
    assert services.appeal_tasks_sweep(now=NOW + dt.timedelta(days=2)) == 0
    assert AppealRemovalTask.objects.get().done_at == NOW


def test_a_new_case_links_the_appeals_already_in_the_archive(room):
    appeal = live_post(room.team, APPEAL)
    imported = live_post(room.npu, "Appeal: MIS/1. Can you help us find Jamie Carter?")
    live_post(room.team, "Jamie Carter, 15, was found safe and well. Thanks for sharing.")
    live_post(room.team, "Have you seen Jamie, 15, missing from Dudley?")
    case = services.case_create(actor=room.ccd, name="Jamie Carter", reference="MIS/1", now=NOW)
    assert list(case.posts.order_by("pk")) == [appeal, imported]

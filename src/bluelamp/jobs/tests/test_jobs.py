"""The job records on the real queue, run here by django-tasks-db's worker loop: retries with a
back-off that doubles, failing for good, periodic jobs once per period, the recovery of a job
whose worker is gone, and Corporate Communications' page (least privilege, retry audited)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory
from bluelamp.jobs import kinds, services
from bluelamp.jobs.models import Job, JobState, WorkerProcess
from bluelamp.jobs.testing import run_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky(monkeypatch, settings):
    settings.BLUELAMP_JOB_RETRY_SECONDS = 1
    monkeypatch.setitem(
        kinds.KINDS,
        "test-flaky",
        kinds.Kind("test-flaky", "Fails on purpose", "bluelamp.jobs.tests.handlers.flaky", 3),
    )


def test_a_failing_job_is_tried_again_after_a_back_off_that_doubles(flaky, monkeypatch):
    job = services.job_enqueue(kind="test-flaky", args={"succeed_on": 3})
    started = timezone.now()
    run_queue(monkeypatch)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.QUEUED, 1)
    assert "attempt 1 failed on purpose" in job.error
    first_wait = job.run_after - started
    assert dt.timedelta(seconds=1) <= first_wait < dt.timedelta(seconds=3)
    run_queue(monkeypatch)  # not due yet: nothing runs
    job.refresh_from_db()
    assert job.attempts == 1
    time.sleep(max((job.run_after - timezone.now()).total_seconds(), 0) + 0.1)
    second_try = timezone.now()
    run_queue(monkeypatch)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.QUEUED, 2)
    assert dt.timedelta(seconds=2) <= job.run_after - second_try < dt.timedelta(seconds=4)
    time.sleep(max((job.run_after - timezone.now()).total_seconds(), 0) + 0.1)
    run_queue(monkeypatch)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.result) == (JobState.SUCCEEDED, 3, "done on attempt 3")
    assert job.error == ""
    # One queue entry per attempt, each run by a worker.
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3


def test_a_job_fails_for_good_when_its_attempts_are_spent_and_ccd_retries_it(
    flaky, monkeypatch, client
):
    monkeypatch.setattr(services, "backoff", lambda attempt: dt.timedelta(0))
    job = services.job_enqueue(kind="test-flaky", args={"succeed_on": 5})
    for _ in range(3):
        run_queue(monkeypatch)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.FAILED, 3)
    assert job.error == f"RuntimeError: attempt 3 failed on purpose (job {job.pk})"
    ccd = UserFactory(roles=[Role.STAFF, Role.CCD])
    client.force_login(ccd)
    page = client.get(reverse("jobs:list"))
    assert page.status_code == 200 and "<title>Background jobs" in page.text
    assert "attempt 3 failed on purpose" in page.text and "Retry" in page.text
    answer = client.post(reverse("jobs:retry", args=[job.pk]))
    assert answer.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.QUEUED, 0)
    (event,) = AuditEvent.objects.filter(action="job.retried")
    assert event.actor == ccd and event.target_id == str(job.pk)
    assert event.before["state"] == "failed"
    # Only a failed job: a second retry is refused and changes nothing.
    client.post(reverse("jobs:retry", args=[job.pk]))
    assert AuditEvent.objects.filter(action="job.retried").count() == 1


@pytest.mark.parametrize(
    "roles",
    [
        [Role.STAFF],
        [Role.STAFF, Role.LINE_MANAGER],
        [Role.INFOSEC],
        [Role.PSD],
        [Role.AUDITOR],
        [Role.WELFARE],
    ],
)
def test_no_one_but_ccd_sees_or_retries_jobs(client, roles):
    job = services.job_enqueue(kind="retention")
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, error="boom")
    client.force_login(UserFactory(roles=roles))
    assert client.get(reverse("jobs:list")).status_code == 403
    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 403
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert not AuditEvent.objects.filter(action="job.retried").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    answer = client.get(reverse("jobs:list"))
    assert answer.status_code == 302 and "/sign-in/" in answer["Location"]


def test_the_page_is_paged_and_filtered(client):
    for _ in range(30):
        services.job_enqueue(kind="retention")
    Job.objects.filter(pk__in=list(Job.objects.values_list("pk", flat=True)[:4])).update(
        state=JobState.FAILED, error="boom"
    )
    client.force_login(UserFactory(roles=[Role.STAFF, Role.CCD]))
    first = client.get(reverse("jobs:list"))
    assert "30 jobs" in first.text and first.text.count("Retention: conduct cases") == 25
    assert 'aria-label="Pagination"' in first.text
    failed = client.get(reverse("jobs:list") + "?state=failed")
    assert "4 jobs" in failed.text
    assert client.get(reverse("jobs:list") + "?state=nonsense&page=99").status_code == 200


def test_periodic_jobs_are_queued_once_per_period(settings):
    now = dt.datetime(2026, 12, 7, 9, 0, 10, tzinfo=dt.UTC)
    first = services.jobs_schedule(now=now)
    assert {j.kind for j in first} == {k.name for k in kinds.KINDS.values() if k.every}
    # Another worker in the same period queues nothing; the next pass queues the frequent ones.
    assert services.jobs_schedule(now=now + dt.timedelta(seconds=1)) == []
    later = services.jobs_schedule(
        now=now + dt.timedelta(seconds=settings.BLUELAMP_WORKER_INTERVAL)
    )
    assert {j.kind for j in later} == {"publish-due", "security-sweep", "account-health"}
    # A key is unique in the database, whoever races for it.
    assert services.job_enqueue(kind="retention", key=first[0].key) is None
    assert not services.jobs_schedule(now=now, digest=False)


def test_a_running_job_whose_worker_is_gone_is_queued_again():
    job = services.job_enqueue(kind="retention")
    gone = WorkerProcess.objects.create(
        worker_id="gone",
        host=services.this_host(),
        pid=2**22 + 7,
        started_at=timezone.now(),
        seen_at=timezone.now(),
    )
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=1, worker=gone.worker_id)
    DBTaskResult.objects.filter(pk=job.task_id).update(status="RUNNING")
    old_entry = job.task_id
    (recovered,) = services.jobs_recover()
    assert recovered.pk == job.pk
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.QUEUED, 1)
    assert "stopped" in job.error and job.task_id != old_entry
    assert DBTaskResult.objects.get(pk=old_entry).status == "FAILED"
    assert not WorkerProcess.objects.filter(worker_id="gone").exists()
    # A live worker's job is left alone.
    alive = services.worker_register(worker_id="alive")
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, worker=alive.worker_id)
    assert services.jobs_recover() == []


@pytest.mark.parametrize(
    ("roles", "status"),
    [
        ([Role.STAFF, Role.CCD], 200),
        ([Role.STAFF], 403),
        ([Role.STAFF, Role.LINE_MANAGER], 403),
        ([Role.INFOSEC], 403),
        ([Role.PSD], 403),
        ([Role.AUDITOR], 403),
        ([Role.WELFARE], 403),
    ],
)
def test_the_api_lists_jobs_for_ccd_alone(client, roles, status):
    job = services.job_enqueue(kind="retention")
    client.force_login(UserFactory(roles=roles))
    answer = client.get("/api/v1/jobs")
    assert answer.status_code == status
    if status == 200:
        body = answer.json()
        assert body["count"] == 1 and body["results"][0]["id"] == job.pk
        assert body["results"][0]["state"] == "queued"
        assert client.get("/api/v1/jobs?state=failed").json()["count"] == 0
    else:
        assert answer.json()["code"] == "permission_denied"


def test_metrics_count_the_jobs_by_state(client, settings):
    settings.BLUELAMP_METRICS_TOKEN = "metrics-token-for-the-jobs-test-0123456789"
    for _ in range(2):
        services.job_enqueue(kind="retention")
    failed = services.job_enqueue(kind="retention")
    Job.objects.filter(pk=failed.pk).update(state=JobState.FAILED)
    text = client.get(
        "/metrics", headers={"Authorization": f"Bearer {settings.BLUELAMP_METRICS_TOKEN}"}
    ).content.decode()
    assert 'bluelamp_jobs{state="queued"} 2.0' in text
    assert 'bluelamp_jobs{state="running"} 0.0' in text
    assert 'bluelamp_jobs{state="failed"} 1.0' in text


def test_an_import_that_met_another_import_is_tried_again(monkeypatch, settings):
    from bluelamp.core.errors import ConflictError
    from bluelamp.publishing import importing
    from bluelamp.social_accounts.tests.factories import AccountFactory

    ccd = UserFactory(roles=[Role.STAFF, Role.CCD])
    account = AccountFactory(platform="x", handle="WMPDudley")
    job = importing.archive_import_queue(
        account=account, actor=ccd, name="tweets.js", chunks=[b"window.YTD.tweets.part0 = []"]
    )

    def clash(**kwargs):
        raise ConflictError("Another import added some of these posts at the same time.")

    monkeypatch.setattr(importing, "archive_import_export", clash)
    run_queue(monkeypatch)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.QUEUED, 1)
    assert job.error.startswith("Another import added") and job.run_after is not None


def test_the_records_of_idle_workers_gone_are_deleted():
    now = timezone.now()
    WorkerProcess.objects.create(
        worker_id="idle-gone", host=services.this_host(), pid=2**22 + 9, started_at=now, seen_at=now
    )
    alive = services.worker_register(worker_id="alive")
    assert services.jobs_recover() == []
    assert list(WorkerProcess.objects.values_list("worker_id", flat=True)) == [alive.worker_id]

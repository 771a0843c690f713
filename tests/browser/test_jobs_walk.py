"""Corporate Communications uploads a platform export, follows its import job from waiting to
done as a worker runs it, then reads the background jobs page and retries a failed job. Each
page passes axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).resolve().parents[2] / "src/bluelamp/engine/tests/data/exports"


def test_ccd_follows_an_import_job_and_retries_a_failed_job(
    page, sign_in, axe_check, demo_users, monkeypatch
):
    from bluelamp.jobs.models import Job, JobState
    from bluelamp.jobs.services import job_enqueue
    from bluelamp.jobs.testing import run_queue
    from bluelamp.social_accounts.tests.factories import AccountFactory

    AccountFactory(platform="x", handle="WMPDudley")
    failed = job_enqueue(kind="retention")
    Job.objects.filter(pk=failed.pk).update(
        state=JobState.FAILED, attempts=3, error="OperationalError: database is locked"
    )
    sign_in("ccd")
    page.goto("/archive/import/")
    axe_check(page)
    page.get_by_label("Account").select_option(label="@WMPDudley (X (Twitter))")
    page.get_by_label("Export file").set_input_files(str(SAMPLES / "x-2022" / "data" / "tweets.js"))
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    assert page.title().startswith("Import waiting for a worker")
    axe_check(page)

    run_queue(monkeypatch)
    page.get_by_role("link", name="Refresh this page").click()
    page.wait_for_load_state()
    assert page.title().startswith("Import done")
    assert "posts imported" in page.locator(".govuk-panel__title").inner_text()
    axe_check(page)

    page.goto("/jobs/")
    assert "database is locked" in page.content()
    axe_check(page)
    page.get_by_role("button", name=f"Retry job {failed.pk}").click()
    page.wait_for_load_state()
    assert f"Job {failed.pk} is queued again." in page.content()
    axe_check(page)
    assert Job.objects.get(pk=failed.pk).state == JobState.QUEUED

"""A member of staff checks their own posts privately in the browser: the committed sample X
archive (so CI always walks it) and a real export from ../shared/fixtures/exports when it is
there. They close one report without saving and save another. Then Corporate Communications and
an auditor sign in and find no trace of either: not on the pages, not in the API, not in the
audit trail. Each page passes axe-core."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "src/bluelamp/selfcheck/tests/data/sample-x-archive"
REAL = ROOT.parent / "shared" / "fixtures" / "exports" / "x-archive-2026"


def _zip(folder: Path, tmp_path: Path, name: str) -> Path:
    return Path(shutil.make_archive(str(tmp_path / name), "zip", folder))


def _run(page, axe_check, archive: Path) -> str:
    page.goto("/self-check/")
    page.get_by_label("Your export or file of posts").set_input_files(str(archive))
    page.get_by_role("button", name="Check my posts").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Your self-check").is_visible()
    axe_check(page)
    return page.get_by_test_id("summary").inner_text()


def _no_trace(page, sign_in, who: str, saved_pk: int) -> None:
    page.context.clear_cookies()
    sign_in(who)
    page.goto("/self-check/")
    assert "You have not saved any." in page.content()
    response = page.goto(f"/self-check/saved/{saved_pk}/")
    assert response.status == 404
    answer = page.evaluate(
        "async () => { const r = await fetch('/api/v1/self-check/saved');"
        " return [r.status, await r.json()]; }"
    )
    assert answer == [200, []]
    if who == "auditor":
        page.goto("/audit/")
        text = page.locator("main").inner_text().lower()
        assert "self-check" not in text and "selfcheck" not in text


def test_a_private_self_check_leaves_no_trace_for_ccd_or_auditors(
    page, sign_in, axe_check, tmp_path
):
    from bluelamp.audit.models import AuditEvent
    from bluelamp.selfcheck.models import SavedSelfCheck

    def events_beyond_sign_in():
        return list(AuditEvent.objects.exclude(action__startswith="auth.").values_list("action"))

    events = events_beyond_sign_in()
    sign_in("staff")
    page.goto("/self-check/")
    axe_check(page)
    page.get_by_role("button", name="Check my posts").click()  # nothing chosen
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)

    summary = _run(page, axe_check, _zip(SAMPLE, tmp_path, "twitter-archive"))
    assert "6 posts" in summary and "4 to look at again" in summary
    assert "Vote Labour" in page.content()
    page.get_by_role("link", name="Close without saving").click()
    assert SavedSelfCheck.objects.count() == 0

    if REAL.exists():
        summary = _run(page, axe_check, _zip(REAL, tmp_path, "real-archive"))
        assert "posts in real-archive.zip" in summary
        page.get_by_role("link", name="Close without saving").click()

    _run(page, axe_check, _zip(SAMPLE, tmp_path, "again"))
    page.get_by_label("Name for the saved report").fill("Before I joined")
    page.get_by_role("button", name="Save this report").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Before I joined").is_visible()
    axe_check(page)
    saved = SavedSelfCheck.objects.get()
    assert events_beyond_sign_in() == events

    for who in ("ccd", "auditor"):
        _no_trace(page, sign_in, who, saved.pk)
    assert events_beyond_sign_in() == events


def test_real_export_is_walked_only_when_the_shared_fixtures_are_there():
    if not REAL.exists():
        pytest.skip("../shared/fixtures/exports is not here: the committed sample is walked")
    assert (REAL / "data" / "tweets.js").exists()

"""Information Security exports an account's posts for a Freedom of Information request in a
browser (CC/01 4.4): the page from the menu, a mistake in the dates named on the page, then the
CSV and the PDF downloaded, with the post's history and its words in several scripts. Each page
passes axe-core, and the auditor sees the export in the audit trail."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

TEXT = "Thanks to Zoë Łukasiewicz and Дмитрий for the café clean-up in Dudley."


@pytest.fixture
def posts(demo_users):
    from django.db import transaction

    from bluelamp.audit.services import audit_record
    from bluelamp.core.models import User
    from bluelamp.publishing.models import Post, PostVersion
    from bluelamp.social_accounts.tests.factories import AccountFactory

    owner = User.objects.get(username="staff")
    account = AccountFactory(platform="x", handle="WMPDudleyFOI", owner=owner)
    when = dt.datetime(2026, 5, 12, 9, 30, tzinfo=dt.UTC)
    post = Post.objects.create(
        account=account,
        author=owner,
        text=TEXT,
        state="published",
        verdict="record",
        findings=[
            {
                "rule": "disclosure-log",
                "clause": "4.24",
                "severity": "record",
                "message": "Record it on the incident log.",
                "excerpt": "Dudley",
            }
        ],
        platform_post_id="1790000000000000001",
        published_at=when,
        created_at=when,
        updated_at=when,
        version=1,
    )
    PostVersion.objects.create(
        post=post, number=1, text=TEXT, source="sent", made_by=owner, made_at=when
    )
    with transaction.atomic():
        audit_record(
            actor=owner,
            action="post.published",
            target=post,
            after={"state": "published"},
            now=when,
        )
    return post


def test_information_security_exports_an_account(page, sign_in, axe_check, posts, tmp_path):
    sign_in("infosec")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Disclosure export"
    ).click()
    page.wait_for_load_state()
    assert page.title().startswith("Export posts for disclosure")
    axe_check(page)

    page.get_by_label("Account", exact=True).select_option("x:WMPDudleyFOI")
    page.get_by_label("Published from").fill("2026-05-31")
    page.get_by_label("Published to").fill("2026-05-01")
    page.get_by_label("CSV").check()
    page.get_by_role("button", name="Download the export").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: Export posts for disclosure")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The end date must be the same as or after the start date." in summary
    axe_check(page)
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_date_to"

    page.get_by_label("Published from").fill("2026-05-01")
    page.get_by_label("Published to").fill("2026-05-31")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the export").click()
    assert download.value.suggested_filename == (
        "disclosure-x-WMPDudleyFOI-2026-05-01-to-2026-05-31.csv"
    )
    text = Path(download.value.path()).read_text(encoding="utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    records = {row[2] for row in rows if len(row) > 2}
    assert {"post", "finding", "version", "history"} <= records
    assert any(TEXT in row for row in rows)

    page.get_by_label("PDF").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the export").click()
    from bluelamp.core.testing.pdf import pdf_text

    flat = " ".join(pdf_text(Path(download.value.path()).read_bytes()).split())
    assert "Łukasiewicz" in flat and "Дмитрий" in flat and "disclosure-log (4.24)" in flat

    page.context.clear_cookies()
    sign_in("auditor")
    page.goto("/audit/?action=disclosure.exported")
    page.wait_for_load_state()
    table = page.locator("table").inner_text()
    assert table.count("Posts exported for disclosure or FOI") == 2
    axe_check(page)

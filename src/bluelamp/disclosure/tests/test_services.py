"""The export service: who may, the filters (each bad value named by its field), what is
selected, the counts and rule sets, and the one audit event (never the words)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.core.testing.pdf import pdf_text
from bluelamp.disclosure import selectors
from bluelamp.disclosure.services import disclosure_export
from bluelamp.disclosure.tests.conftest import FORMULA_TEXT, NOW, UNICODE_TEXT

pytestmark = pytest.mark.django_db

RANGE = {"date_from": "2026-02-01", "date_to": "2026-02-28"}


def body(export) -> str | bytes:
    chunks = list(export.chunks())
    return chunks[0] if export.format == "pdf" else "".join(chunks)


def exported(user, **filters):
    return disclosure_export(actor=user, now=NOW, **{**RANGE, "format": "json", **filters})


def as_json(export) -> dict:
    return json.loads(body(export))


def test_an_accounts_posts_in_the_range_oldest_first_with_their_history(force, account, history):
    data = as_json(exported(force.ccd, account="x:WMPDudley"))
    texts = [p["text"] for p in data["posts"]]
    assert texts == [UNICODE_TEXT, FORMULA_TEXT]  # not last year's, not Walsall's
    full = data["posts"][0]
    assert full["check"]["findings"][0]["rule"] == "disclosure-log"
    assert full["check"]["rules_version"] == "wmp-cc01 v2.1; bluelamp 0.1.0"
    assert [v["number"] for v in full["versions"]] == [1, 2]
    assert full["versions"][1]["made_by"] == "Sgt Amy Cole (sgt)"
    assert full["approvals"][0]["decision"] == "approved"
    assert full["approvals"][0]["rules_seen"] == ["disclosure-log"]
    assert full["removals"][0]["outcome"] == "deleted"
    assert full["corrections"][0]["new_text"] == "José"
    assert full["removal_requests"][0]["reference"].startswith("RR-")
    assert full["removal_requests"][0]["outcome"] == "remove"
    assert [e["action"] for e in full["history"]] == ["post.submitted", "post.removed"]
    assert full["disclosure_record"]["crime_ref"] == "20/123456/26"
    header = data["export"]
    assert header["filters"] == {
        "account": "x:WMPDudley",
        "search": None,
        "date_from": "2026-02-01",
        "date_to": "2026-02-28",
    }
    counts = header["summary"]["counts"]
    assert counts["posts"] == 2
    assert counts["versions"] == 2
    assert counts["history_events"] == 2
    assert counts["removal_requests"] == 1
    assert header["summary"]["rules_versions"] == ["wmp-cc01 v2.1; bluelamp 0.1.0"]
    assert header["summary"]["posts_without_rules_version"] == 1
    assert "no private or direct messages" in header["messages"]


def test_the_requesters_details_are_never_exported(force, account, history):
    text = body(exported(force.infosec, account="x:WMPDudley"))
    assert "Bethany" not in text and "Larch" not in text


def test_a_search_across_accounts_needs_every_word(force, history):
    data = as_json(exported(force.infosec, search="CAFé THANK"))
    assert sorted(p["account"]["handle"] for p in data["posts"]) == ["WMPDudley", "WMPWalsall"]
    data = as_json(exported(force.infosec, search="café opening"))
    assert [p["account"]["handle"] for p in data["posts"]] == ["WMPWalsall"]
    data = as_json(exported(force.infosec, account="x:WMPDudley", search="café"))
    assert [p["text"] for p in data["posts"]] == [UNICODE_TEXT]


def test_an_empty_range_is_an_export_of_nothing(force, history):
    export = exported(
        force.ccd, account="x:WMPDudley", date_from="2024-01-01", date_to="2024-01-31"
    )
    assert as_json(export)["posts"] == []
    export = exported(
        force.ccd, account="x:WMPDudley", date_from="2024-01-01", date_to="2024-01-31", format="csv"
    )
    rows = list(csv.reader(io.StringIO(body(export).lstrip("\ufeff"))))
    assert rows[-1][0] == "Bluelamp post ID"  # the column names, then nothing
    export = exported(
        force.ccd, account="x:WMPDudley", date_from="2024-01-01", date_to="2024-01-31", format="pdf"
    )
    assert "No posts match these filters." in pdf_text(body(export))


def test_the_range_is_whole_uk_days(force, account):
    from bluelamp.disclosure.tests.conftest import make_post

    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    make_post(account, text="late", published_at=dt.datetime(2025, 6, 30, 23, 30, tzinfo=dt.UTC))
    july = as_json(
        exported(force.ccd, account="x:WMPDudley", date_from="2025-07-01", date_to="2025-07-01")
    )
    june = as_json(
        exported(force.ccd, account="x:WMPDudley", date_from="2025-06-30", date_to="2025-06-30")
    )
    assert [p["text"] for p in july["posts"]] == ["late"]
    assert june["posts"] == []


@pytest.mark.parametrize(
    ("filters", "field", "words"),
    [
        ({"account": "x:Nobody"}, "account", "no x account @Nobody"),
        ({"account": "WMPDudley"}, "account", "PLATFORM:HANDLE"),
        ({"account": ""}, "account", "Choose an account"),
        ({"account": "x:WMPDudley", "date_from": "2026-03-01"}, "date_to", "after the start"),
        ({"account": "x:WMPDudley", "date_from": "1 March"}, "date_from", "real date"),
        ({"account": "x:WMPDudley", "date_to": ""}, "date_to", "Enter the end date"),
        ({"account": "x:WMPDudley", "format": "xlsx"}, "format", "CSV, JSON or PDF"),
        ({"account": "x:WMPDudley", "search": "a\x00b"}, "search", "control characters"),
    ],
)
def test_bad_filters_name_their_field_and_record_nothing(force, history, filters, field, words):
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInputError) as raised:
        exported(force.ccd, **filters)
    assert field in raised.value.fields["errors"]
    assert words in " ".join(raised.value.fields["errors"][field])
    assert AuditEvent.objects.count() == before


def test_a_pdf_over_the_limit_is_refused_naming_the_format(force, history, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_PDF_POSTS", 1)
    with pytest.raises(InvalidInputError) as raised:
        exported(force.ccd, account="x:WMPDudley", format="pdf")
    assert "choose CSV or JSON" in raised.value.fields["errors"]["format"][0]
    assert not AuditEvent.objects.filter(action="disclosure.exported").exists()


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.CCD, Role.INFOSEC)])
def test_only_ccd_and_information_security_may_export(force, history, role):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDeniedError):
        exported(force.by_role[role], account="x:WMPDudley")
    with pytest.raises(PermissionDeniedError):
        exported(force.nobody, account="x:WMPDudley")
    assert AuditEvent.objects.count() == before


def test_each_export_is_audited_with_filters_counts_and_format_never_the_words(force, history):
    exported(force.infosec, account="x:WMPDudley", format="csv")
    event = AuditEvent.objects.get(action="disclosure.exported")
    assert event.actor == force.infosec
    assert event.after["format"] == "csv"
    assert event.after["filters"]["account"] == "x:WMPDudley"
    assert event.after["counts"]["posts"] == 2
    assert event.target_label == f"Disclosure export of {history['full'].account}"
    recorded = json.dumps([event.before, event.after], ensure_ascii=False)
    assert "Łukasiewicz" not in recorded and "HYPERLINK" not in recorded


def test_records_are_read_in_batches_in_order(force, account):
    from bluelamp.disclosure.tests.conftest import make_post

    for n in range(7):
        make_post(
            account,
            text=f"post {n}",
            platform_post_id=str(n),
            published_at=dt.datetime(2026, 2, 1, 9, n, tzinfo=dt.UTC),
        )
    filters = selectors.export_filters(account="x:WMPDudley", **RANGE, format="csv")
    records = list(selectors.export_records(selectors.export_posts(filters), batch=3))
    assert [r["text"] for r in records] == [f"post {n}" for n in range(7)]


def _with_history(account, user, n: int, start: int = 0) -> None:
    """``n`` more posts in the range, each with a version, an approval, a removal, a
    correction, a removal request's decision and two audit events."""
    from django.db import transaction

    from bluelamp.audit.services import audit_record
    from bluelamp.data_requests.tests.factories import PostDecisionFactory
    from bluelamp.disclosure.tests.conftest import PUBLISHED, make_post
    from bluelamp.publishing.models import Approval, Correction, PostVersion, Removal

    for i in range(start, start + n):
        at = PUBLISHED + dt.timedelta(hours=i + 1)
        post = make_post(account, text=f"Post {i}", published_at=at, platform_post_id=f"9{i}")
        PostVersion.objects.create(
            post=post, number=1, text=post.text, source="sent", made_by=user, made_at=at
        )
        Approval.objects.create(
            post=post, approver=user, as_role="ccd", decision="approved", version=1, decided_at=at
        )
        Removal.objects.create(post=post, requested_by=user, reason="Old.", at=at)
        Correction.objects.create(
            post=post, requested_by=user, reason="Typo.", old_text="a", new_text="b", at=at
        )
        PostDecisionFactory(archived_post=post, platform="x")
        with transaction.atomic():
            for action in ("post.submitted", "post.published"):
                audit_record(actor=user, action=action, target=post, after={}, now=at)


def test_the_exports_queries_do_not_grow_with_its_posts(force, account):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(**filters) -> int:
        with CaptureQueriesContext(connection) as captured:
            export = exported(force.ccd, account="x:WMPDudley", format="csv", **filters)
            text = body(export)
        return len(captured), text.count("\n")

    _with_history(account, force.ccd, 2)
    queries()  # the policy pack, read once and kept
    few, few_lines = queries()
    _with_history(account, force.ccd, 10, start=2)
    many, many_lines = queries()
    assert many_lines >= few_lines + 10 * 8  # each new post has its own and 7 history rows
    assert many == few  # one query per kind of record for each batch of posts, not per post

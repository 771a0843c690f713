"""The three formats: history and findings in each, spreadsheet-safe CSV cells, Unicode that
comes back out of the PDF as it went in."""

from __future__ import annotations

import csv
import io

import pytest

from bluelamp.core.testing.pdf import pdf_text, pdf_title
from bluelamp.disclosure.formats import csv_cell
from bluelamp.disclosure.services import disclosure_export
from bluelamp.disclosure.tests.conftest import FORMULA_TEXT, NOW, UNICODE_TEXT

pytestmark = pytest.mark.django_db


def export_body(user, fmt, **filters):
    export = disclosure_export(
        actor=user,
        now=NOW,
        account="x:WMPDudley",
        date_from="2026-02-01",
        date_to="2026-02-28",
        format=fmt,
        **filters,
    )
    chunks = list(export.chunks())
    return chunks[0] if fmt == "pdf" else "".join(chunks)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+44 121", "'+44 121"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("|cmd", "'|cmd"),
        ("plain", "plain"),
        (None, ""),
        (True, "yes"),
        (3, "3"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_neutralised(value, cell):
    assert csv_cell(value) == cell


def test_the_csv_has_every_kind_of_record_and_no_live_formula(force, history):
    text = export_body(force.ccd, "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    facts = [r[0] for r in rows if r and r[0].startswith("# ")]
    assert any("Account: x:WMPDudley" in f for f in facts)
    assert any("Rule set in use now:" in f for f in facts)
    table = rows[len(facts) :]
    assert table[0][2] == "Record"
    kinds = [r[2] for r in table[1:]]
    for kind in (
        "post",
        "finding",
        "version",
        "approval",
        "removal",
        "correction",
        "removal request",
        "history",
    ):
        assert kind in kinds, kind
    posts = [r for r in table[1:] if r[2] == "post"]
    assert posts[0][7] == UNICODE_TEXT
    assert posts[1][7] == "'" + FORMULA_TEXT
    for row in table[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    finding = next(r for r in table if r[2] == "finding")
    assert "rule: disclosure-log" in finding[8] and "clause: 4.24" in finding[8]


def test_the_pdf_has_a_cover_and_every_post_with_its_history_in_unicode(force, history):
    data = export_body(force.infosec, "pdf")
    assert data.startswith(b"%PDF")
    assert pdf_title(data) == "Disclosure export: posts on the force's social media"
    text = pdf_text(data)
    cover = text.split("\n\n")[0]
    assert "Account: x:WMPDudley" in cover
    assert "Published from 2026-02-01 to 2026-02-28" in cover
    assert "Counts: 2 posts" in cover
    assert "wmp-cc01 v2.1; bluelamp 0.1.0" in cover
    assert "Generated: 2026-03-02T10:00:00Z" in cover, cover
    flat = " ".join(text.split())
    assert " ".join(UNICODE_TEXT.split()) in flat
    for words in ("Łukasiewicz", "Ελένη", "Дмитрий", "Ñúñez"):
        assert words in flat
    for words in (
        "disclosure-log (4.24)",
        "Version 1 (sent)",
        "Approval: approved by Sgt Amy Cole",
        "Removal: deleted",
        "Correction: corrected",
        "Removal request RR-",
        "Post ready to publish (post.submitted)",
        "20/123456/26",
    ):
        assert words in flat, words


def test_the_json_round_trips_unicode(force, history):
    import json

    data = json.loads(export_body(force.ccd, "json"))
    assert data["posts"][0]["text"] == UNICODE_TEXT
    assert data["export"]["format"] == "json"


def test_shaping_only_for_scripts_that_need_it():
    from bluelamp.disclosure.formats import needs_shaping

    assert needs_shaping("Appeal for محمد")
    assert needs_shaping("שלום")
    assert not needs_shaping(UNICODE_TEXT)
    assert not needs_shaping("plain words, £5 — “quoted”")


def test_an_arabic_name_comes_back_out_of_the_pdf_as_written(force, account):
    from bluelamp.disclosure.tests.conftest import make_post

    name = "Łukasz Wiśniewski محمد"
    make_post(account, text=f"Thank you {name}")
    lines = pdf_text(export_body(force.ccd, "pdf")).splitlines()
    assert f"Thank you {name}" in lines

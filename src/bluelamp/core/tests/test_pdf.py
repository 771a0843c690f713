"""Letters and schedules as PDF: every script the font covers comes back out as written."""

from __future__ import annotations

import io

from pypdf import PdfReader

from bluelamp.core.pdf import LINES_PER_PAGE, text_to_pdf
from bluelamp.core.testing.pdf import pdf_text, pdf_title


def test_a_letter_becomes_a_pdf_containing_its_text():
    data = text_to_pdf("Dear Ms Example,\n\nWe have removed the post.", title="RR-00001")
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    text = pdf_text(data)
    assert "Dear Ms Example," in text
    assert "We have removed the post." in text
    assert pdf_title(data) == "RR-00001"


def test_a_name_in_polish_and_arabic_comes_back_as_written():
    name = "Łukasz Wiśniewski محمد"
    data = text_to_pdf(f"Dear {name}\n\nWe have corrected your details.", title=f"To {name}")
    lines = pdf_text(data).splitlines()
    assert lines[0] == f"Dear {name}"
    assert "We have corrected your details." in lines
    assert pdf_title(data) == f"To {name}"
    assert "?" not in pdf_text(data)


def test_other_european_scripts_and_punctuation_come_back_as_written():
    text = "Ελένη Παπαδοπούλου, Ольга Иванова, Zoë Brontë, Ağaoğlu, Dvořák, “quotes” — £5 (note) \\"
    assert pdf_text(text_to_pdf(text)).replace("\n", " ") == text


def test_long_text_wraps_and_runs_onto_more_pages():
    data = text_to_pdf("\n".join(f"Line {i}" for i in range(LINES_PER_PAGE + 5)))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    assert "Line 0" in reader.pages[0].extract_text()
    assert f"Line {LINES_PER_PAGE + 4}" in reader.pages[1].extract_text()
    long_line = pdf_text(text_to_pdf("word " * 100))
    assert len(long_line.splitlines()) >= 5
    assert long_line.split() == ["word"] * 100


def test_an_empty_letter_is_still_a_pdf():
    assert PdfReader(io.BytesIO(text_to_pdf(""))).pages

"""The hand-rolled PDF writer: a valid-looking PDF 1.4 whose text can be found in the bytes."""

from __future__ import annotations

import re

from bluelamp.core.pdf import LINES_PER_PAGE, text_to_pdf


def test_a_letter_becomes_a_pdf_containing_its_text():
    data = text_to_pdf("Dear Ms Example,\n\nWe have removed the post.", title="RR-00001")
    assert data.startswith(b"%PDF-1.4\n")
    assert data.rstrip().endswith(b"%%EOF")
    assert b"(Dear Ms Example,) Tj" in data
    assert b"(We have removed the post.) Tj" in data


def test_brackets_and_backslashes_are_escaped_and_curly_quotes_kept():
    data = text_to_pdf("A (note) \\ and “quotes” and £5")
    assert b"A \\(note\\) \\\\ and \x93quotes\x94 and \xa35" in data


def test_long_text_wraps_and_runs_onto_more_pages():
    data = text_to_pdf("\n".join(f"Line {i}" for i in range(LINES_PER_PAGE + 5)))
    assert b"/Count 2" in data
    assert len(re.findall(rb"/Type /Page ", data)) == 2
    long_line = text_to_pdf("word " * 100)
    assert long_line.count(b") Tj") >= 5


def test_the_cross_reference_table_points_at_each_object():
    data = text_to_pdf("Hello")
    start = int(re.search(rb"startxref\n(\d+)", data).group(1))
    assert data[start:].startswith(b"xref\n")
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n ", data)]
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(f"{number} 0 obj".encode())

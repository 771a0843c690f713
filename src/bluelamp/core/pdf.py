"""Plain-text letters and schedules as PDF, written by fpdf2.

Each page is A4 with the text in 11-point DejaVu Sans (shipped in ``core/fonts`` with its
licence), wrapped to the page width. The font is embedded (subset) with a Unicode map, so names in
any script it covers (Latin with every European accent, Greek, Cyrillic, Hebrew, Arabic, Armenian,
Georgian) print as written and can be searched and copied out of the PDF. Text is shaped by
HarfBuzz, so Arabic letters join and right-to-left runs are laid out right to left. DejaVu has no
Chinese, Japanese or Korean glyphs: such characters print as an empty box."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_FILE = Path(__file__).parent / "fonts" / "DejaVuSans.ttf"
FONT = "DejaVuSans"
MARGIN = 72  # points: one inch
FONT_SIZE = 11
LEADING = 15
PAGE_HEIGHT = 842  # A4 in points
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING


def text_to_pdf(text: str, *, title: str = "") -> bytes:
    """``text`` as a PDF document of as many A4 pages as it needs."""
    document = FPDF(orientation="portrait", unit="pt", format="A4")
    document.set_margins(MARGIN, MARGIN, MARGIN)
    document.set_auto_page_break(True, margin=MARGIN)
    document.add_font(FONT, fname=FONT_FILE)
    document.set_font(FONT, size=FONT_SIZE)
    document.set_text_shaping(True)
    document.set_title(title)
    document.set_producer("Bluelamp")
    document.set_creator("Bluelamp")
    document.add_page()
    body = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    document.multi_cell(w=0, h=LEADING, text=body or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(document.output())

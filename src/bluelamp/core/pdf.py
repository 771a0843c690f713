"""A tiny PDF 1.4 writer for plain-text letters (no dependency).

Each page is A4 with the text in 11-point Helvetica, wrapped to the page width, one line per
``Tj``; the content streams are not compressed, so the text can be found in the bytes. Text is
encoded as Windows-1252 (WinAnsiEncoding); a character outside it is written as "?"."""

from __future__ import annotations

import textwrap

PAGE_WIDTH = 595  # A4 in points
PAGE_HEIGHT = 842
MARGIN = 72
FONT_SIZE = 11
LEADING = 15
WRAP = 88  # characters per line at 11pt Helvetica within the margins
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING

_SUBSTITUTES = {"\u2011": "-", "\u2212": "-", "\u00a0": " "}


def _lines(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        paragraph = paragraph.expandtabs(4).rstrip()
        if not paragraph:
            lines.append("")
            continue
        lines.extend(textwrap.wrap(paragraph, WRAP, break_long_words=True) or [""])
    return lines or [""]


def _escape(line: str) -> bytes:
    for char, substitute in _SUBSTITUTES.items():
        line = line.replace(char, substitute)
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(lines: list[str]) -> bytes:
    out = [b"BT", f"/F1 {FONT_SIZE} Tf {LEADING} TL".encode()]
    out.append(f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode())
    for line in lines:
        out.append(b"(" + _escape(line) + b") Tj T*")
    out.append(b"ET")
    return b"\n".join(out)


def text_to_pdf(text: str, *, title: str = "") -> bytes:
    """``text`` as a PDF document of as many A4 pages as it needs."""
    lines = _lines(text)
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    # Objects: 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs.
    objects: list[bytes] = []
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects.append(b"<< /Title (" + _escape(title) + b") /Producer (Bluelamp) >>")
    for i, page_lines in enumerate(pages):
        content = _page_stream(page_lines)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {6 + 2 * i} 0 R >>".encode()
        )
        objects.append(
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)

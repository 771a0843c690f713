"""Reading generated PDFs back in tests: the text a reader would copy out of them."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """Every page's text, pages separated by a blank line."""
    reader = PdfReader(io.BytesIO(bytes(data)))
    return "\n\n".join(page.extract_text() for page in reader.pages)


def pdf_title(data: bytes) -> str | None:
    return PdfReader(io.BytesIO(bytes(data))).metadata.title

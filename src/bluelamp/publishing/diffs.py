"""What changed between two versions of a post's words, word by word, for the author to read
(on the post page, in the API and in the e-mail that asks them to accept an approver's change).

``word_diff`` splits both texts into words and the spaces between them and lines them up with
``difflib``; the parts are ``("equal" | "delete" | "insert", text)`` in reading order, so that
joining the ``equal`` and ``delete`` parts gives the old words and the ``equal`` and ``insert``
parts the new ones."""

from __future__ import annotations

import difflib
import re

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The parts of ``old`` kept, taken out and put in to make ``new``."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(parts, EQUAL, "".join(a[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _add(parts, DELETE, "".join(a[i1:i2]))
        if tag in ("insert", "replace"):
            _add(parts, INSERT, "".join(b[j1:j2]))
    return parts


def _add(parts: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if parts and parts[-1][0] == op:
        parts[-1] = (op, parts[-1][1] + text)
    else:
        parts.append((op, text))


def as_plain_text(parts: list[tuple[str, str]]) -> str:
    """The change for an e-mail: taken-out words in ``[-…-]``, put-in words in ``{+…+}``."""
    marks = {EQUAL: "{}", DELETE: "[-{}-]", INSERT: "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in parts)


def changed(parts: list[tuple[str, str]]) -> bool:
    return any(op != EQUAL for op, _text in parts)

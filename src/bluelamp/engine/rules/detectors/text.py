"""Tokens, sentences and small text helpers shared by the detectors."""

from __future__ import annotations

import functools
import re

from bluelamp.engine.rules.detectors.fastre import fast_compile

WORD_RE = fast_compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_LOWER_WORD_RE = fast_compile(r"[a-z0-9]+(?:['’][a-z]+)*")
# A sentence ends at . ! ? (or runs of them) followed by space and a likely sentence start, or at
# a line break. Dots inside links and abbreviations followed by lower case do not split.
_SENT_END = fast_compile(r"[.!?…][\"'”’)]*\s+(?=[^\sa-z])|\n+")


def word_set(text: str, lower: str | None = None) -> frozenset[str]:
    """Lower-case word tokens; pass ``lower`` when the lower-cased text is already at hand."""
    return frozenset(_LOWER_WORD_RE.findall(lower if lower is not None else text.lower()))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        # The end mark (. ! ?) stays with its sentence; a line break does not.
        end = m.start() if text[m.start()] == "\n" else m.start() + 1
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return spans[-1]


def words_re(words, flags=re.IGNORECASE) -> re.Pattern[str]:
    """One alternation of whole words or phrases (longest first), spaces matching any spacing."""
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"[\s\-]+") for w in alts)
    return re.compile(rf"(?<![\w@#])(?:{body})(?!\w)", flags)


def per_pack(build):
    """``build(pack)``, remembered for the last pack seen. A pack is immutable and the same one
    comes with every post: an identity check is cheaper than hashing its word lists for
    ``lru_cache`` on each post. The (pack, value) pair is one tuple, read and replaced whole, so
    threads never see a mismatched pair."""
    last: list[tuple] = [(None, None)]

    @functools.wraps(build)
    def get(pack):
        seen, value = last[0]
        if seen is pack:
            return value
        value = build(pack)
        last[0] = (pack, value)
        return value

    return get

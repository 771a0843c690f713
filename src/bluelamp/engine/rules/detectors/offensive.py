"""The offensive-language lexicon (data/offensive_terms.txt): profanity, insults and slurs,
shared by the offensive-language rule and, for insults said of someone in a live case, by
contempt-risk."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bluelamp.engine.rules.detectors.gate import Gated
from bluelamp.engine.rules.detectors.text import words_re

_TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "offensive_terms.txt"


def _load_terms() -> dict[str, str]:
    terms = {}
    for line in _TERMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, term = line.partition(":")
            terms[term.strip().lower()] = kind.strip()
    return terms


#: term -> kind ("profanity", "insult" or "slur")
TERMS = _load_terms()


@lru_cache(maxsize=1)
def insult_pattern() -> Gated:
    """Insults and slurs only (not profanity): said of someone in a live case they are also
    bad character (contempt-risk)."""
    return Gated(words_re({t for t, k in TERMS.items() if k in ("insult", "slur")}))


# --- Obfuscated spellings ------------------------------------------------------------------
# Digits and symbols standing for letters ("sh1t", "b0ll0cks", "a$$hole", "w4nker") and
# letters stretched ("fuuuuck", "shiiiit"). A token is looked at only when it mixes letters
# with such characters or repeats a letter three times: ordinary words never do.

_LEET = {
    "0": "o",
    "1": "i",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "8": "b",
    "@": "a",
    "$": "s",
    "!": "i",
    "|": "l",
    "€": "e",
    "£": "e",
}
_LEET_ALT = {"1": "l", "!": "l", "|": "i"}
# A candidate token: letters with digits or symbols among them, or a letter three times.
OBFUSCATED_RE = re.compile(
    r"(?<![\w@#$!|£€./:-])(?=[A-Za-z0-9@$!|£€]*[A-Za-z])"
    r"(?=[A-Za-z0-9@$!|£€]*(?:[A-Za-z][0-9@$!|£€]|[0-9@$!|£€][A-Za-z]|([A-Za-z])\1\1))"
    r"[A-Za-z0-9@$!|£€]{3,24}(?![\w@#$|£€])"
)
# Letters spelled out one by one: "F U C K", "s.h.i.t".
SPACED_RE = re.compile(r"(?<![\w.])[A-Za-z](?:([ .])[A-Za-z])(?:\1[A-Za-z]){1,6}(?![\w])")
_RUN3 = re.compile(r"([a-z])\1{2,}")


def _readings(token: str) -> set[str]:
    """The words a token may stand for: each digit or symbol read as the letter it looks like
    (a "1" as i or l), and any letter run of three or more read as one or two letters."""
    low = token.lower()
    readings = {""}
    for ch in low:
        options = {_LEET.get(ch, ch)}
        if ch in _LEET_ALT:
            options.add(_LEET_ALT[ch])
        readings = {r + o for r in readings for o in options}
        if len(readings) > 16:
            break
    out = set()
    for r in readings:
        out.add(r)
        out.add(_RUN3.sub(r"\1", r))
        out.add(_RUN3.sub(r"\1\1", r))
    return out


def obfuscated(text: str, words: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """Spans of tokens that spell one of ``words`` (lower case) in disguise. A token that is
    itself a plain word is not a disguise (the plain-word lexicon judges it)."""
    spans = []
    for m in OBFUSCATED_RE.finditer(text):
        tok = m.group()
        if tok.isalpha() and tok.lower() in words:
            continue
        if tok.isdigit() or sum(c.isalpha() for c in tok) < 2:
            continue
        if not _readings(tok).isdisjoint(words):
            spans.append(m.span())
    for m in SPACED_RE.finditer(text):
        if re.sub(r"[ .]", "", m.group()).lower() in words:
            spans.append(m.span())
    return spans

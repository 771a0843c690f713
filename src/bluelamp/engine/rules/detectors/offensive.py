"""The offensive-language lexicon (data/offensive_terms.txt): profanity, insults and slurs,
shared by the offensive-language rule and, for insults said of someone in a live case, by
contempt-risk."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import filterfalse
from pathlib import Path

from bluelamp.engine.rules.detectors.gate import Gated, gated
from bluelamp.engine.rules.detectors.text import word_set, words_re

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
# Digits standing for letters ("sh1t", "b0ll0cks", "w4nker") and letters stretched ("fuuuuck",
# "shiiiit"); symbols inside a word ("f*ck", "a$$hole") are the masked spellings of the rule.
# Only tokens that mix letters with digits, or repeat a letter three times, are read: ordinary
# words never do, and the post's word tokens are at hand already.

_LEET = str.maketrans("013457@$8", "oieastasb")
_LEET_ALT = str.maketrans("013457@$8", "oleastasb")
_RUN3 = re.compile(r"([a-z])\1{2,}")
#: Some letter written three times running: the gate's literals say whether to look further.
# ("www" is left out: it starts a web address.)
TRIPLE = gated("|".join(c * 3 for c in "abcdefghijklmnopqrstuvxyz"), re.IGNORECASE)


def _spells(reading: str, words) -> bool:
    """Whether a reading is one of ``words``, letter runs of three or more read as one or two
    letters ("fuuuck", "shiiit")."""
    if reading in words:
        return True
    if _RUN3.search(reading):
        return _RUN3.sub(r"\1", reading) in words or _RUN3.sub(r"\1\1", reading) in words
    return False


def disguised_tokens(
    tokens, words: frozenset[str] | set[str], digits: bool = True, stretched: bool = True
) -> list[str]:
    """The lower-case word tokens that spell one of ``words`` in disguise: letters mixed with
    digits read as the letters they look like ("sh1t", "b0ll0cks"; a "1" as i or l; at least
    two letters, so no road number or postcode), or a letter three times ("fuuuck")."""
    found = []
    for tok in tokens:
        if tok.isalpha():
            if stretched and len(tok) > 3 and _RUN3.search(tok) and _spells(tok, words):
                found.append(tok)
            continue
        if not digits or tok.isdigit() or len(tok) < 3:
            continue
        reading = tok.translate(_LEET)
        if not reading.isalpha() or len(tok) - sum(map(str.isdigit, tok)) < 2:
            continue
        if _spells(reading, words) or ("1" in tok and _spells(tok.translate(_LEET_ALT), words)):
            found.append(tok)
    return found


_MAX_TOKEN = 30
_LETTER_RUN = re.compile(r"[a-z]{4,}")


def disguised_in_post(post, words: frozenset[str]) -> list[tuple[int, int]]:
    """:func:`disguised_tokens` for a post, looking only at the tokens that can be disguises:
    those with a digit in them (when the post has digits), those around a letter written three
    times (when the gate saw one)."""
    tokens = []
    if post.has_digit:
        tokens = list(filterfalse(str.isalpha, post.words))  # no loop in Python per word
    if post.may(TRIPLE):
        text = post.lower or post.text.lower()
        tokens.extend(
            t for t in _LETTER_RUN.findall(text) if len(t) <= _MAX_TOKEN and _RUN3.search(t)
        )
    if not tokens:
        return []
    return token_spans(post.text, disguised_tokens(tokens, words))


def token_spans(text: str, tokens) -> list[tuple[int, int]]:
    """Where each lower-case token stands in ``text`` as a whole word."""
    if not tokens:
        return []
    rx = re.compile(
        r"(?<![\w@#])(?:" + "|".join(re.escape(t) for t in tokens) + r")(?![\w])", re.IGNORECASE
    )
    return [m.span() for m in rx.finditer(text)]


# Letters spelled out one by one: "F U C K", "s.h.i.t".
SPACED_RE = re.compile(r"(?<![\w.])[A-Za-z](?:[ .][A-Za-z]){2,7}(?![\w])")
_SPACING = str.maketrans("", "", " .")


def spaced_spans(text: str, words) -> list[tuple[int, int]]:
    """Spans of a listed word spelled out letter by letter ("F U C K")."""
    return [
        m.span() for m in SPACED_RE.finditer(text) if m.group().translate(_SPACING).lower() in words
    ]


def obfuscated(text: str, words: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """Spans of tokens that spell one of ``words`` (lower case) in disguise."""
    return token_spans(text, disguised_tokens(word_set(text), words))

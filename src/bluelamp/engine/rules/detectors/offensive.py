"""The offensive-language lexicon (data/offensive_terms.txt): profanity, insults and slurs,
shared by the offensive-language rule and, for insults said of someone in a live case, by
contempt-risk."""

from __future__ import annotations

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

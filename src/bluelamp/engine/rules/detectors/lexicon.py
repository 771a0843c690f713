"""Word lists from the policy pack ([lexicons.<family>]) as whole-word matchers.

An entry matches as a word or phrase, never inside another word; spaces in it match any run of
spaces or a hyphen; a plural or possessive "s" after it is understood ("rapist's", "offences").
On lower-cased text the pattern is rewritten so the scanner jumps between possible first
letters; on other text a gate (the rarest word of each entry) skips posts with none of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.people import zipf
from bluelamp.engine.rules.detectors.text import per_pack


@dataclass(frozen=True, slots=True)
class Lexicon:
    pattern: re.Pattern[str]  # case-insensitive, for any text
    lowered: re.Pattern[str]  # the same on lower-cased text, which the scanner can jump through
    gate: re.Pattern[str]  # the rarest word of each entry (a prefix of it), lower case

    def may(self, lower: str) -> bool:
        return self.gate.search(lower) is not None

    def finditer(self, text: str, lower: str | None = None, start: int = 0, end: int | None = None):
        """Matches in ``text``; ``lower`` is its lower-cased form when that keeps every offset
        (pass None otherwise)."""
        end = len(text) if end is None else end
        if lower is None:
            if not self.may(text.lower()):
                return iter(())
            return self.pattern.finditer(text, start, end)
        # The rewritten pattern jumps through the text faster than any gate in front of it.
        return self.lowered.finditer(lower, start, end)

    def search(self, text: str, lower: str | None = None, start: int = 0, end: int | None = None):
        return next(iter(self.finditer(text, lower, start, end)), None)


def _rarest(entry: str) -> str:
    """The entry's least common word (wordfreq), cut to a stem that its inflections share: every
    match of the entry contains it, and few posts do."""
    words = [w for w in re.split(r"[\s\-'’]+", entry.lower()) if len(w) > 2] or [entry.lower()]
    word = min(words, key=lambda w: (zipf(w), -len(w)))
    return word[:6] if len(word) > 6 else word


def build(words, suffix: str = r"(?:['’]s|s|es)?") -> Lexicon:
    alts = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"[\s\-]+") for w in alts)
    source = rf"(?<![\w@#])(?:{body}){suffix}(?!\w)"
    stems = sorted({_rarest(w) for w in alts}, key=len, reverse=True)
    gate = re.compile("|".join(re.escape(s) for s in stems) or r"(?!)")
    return Lexicon(re.compile(source, re.IGNORECASE), fast_compile(source), gate)


def _getter(key: str, **kw):
    return per_pack(lambda pack: build(pack.lexicon(key), **kw))


sexual_offences = _getter("people.sexual_offences")
guilt_statements = _getter("people.guilt_statements")
defendant_labels = _getter("people.defendant_labels")
defendant_adjectives = _getter("people.defendant_adjectives", suffix="")


def _evidence_comment(pack) -> re.Pattern[str]:
    def alts(key: str) -> str:
        words = sorted({w.strip().lower() for w in pack.lexicon(key) if w.strip()}, key=len)
        return "|".join(re.escape(w).replace(r"\ ", r"[\s\-]+") for w in reversed(words))

    subjects, judgements = alts("people.evidence_subjects"), alts("people.evidence_judgements")
    if not subjects or not judgements:
        return re.compile(r"(?!)")
    return fast_compile(
        rf"(?<![\w@#])(?:{subjects})(?:['’]s?)?\s+(?:[\w'’]+\s+){{0,4}}?(?:is|was|are|were)\s+"
        rf"(?:\w+\s+){{0,2}}?(?:{judgements})(?!\w)"
    )


#: "His alibi is nonsense", "the CCTV is conclusive": comment on a live case's evidence.
evidence_comment = per_pack(_evidence_comment)

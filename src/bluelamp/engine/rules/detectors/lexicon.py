"""Word lists from the policy pack ([lexicons.<family>]) as whole-word matchers.

An entry matches as a word or phrase, never inside another word; spaces in it match any run of
spaces or a hyphen; a plural or possessive "s" after it is understood ("rapist's", "offences").
A gate in front skips posts that hold none of the entries' rarest words (a set test against the
post's words, which the post computes once for every rule); on lower-cased text the pattern is
rewritten so the scanner jumps between possible first letters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.people import zipf
from bluelamp.engine.rules.detectors.text import per_pack, phrase_alternation, word_set


@dataclass(frozen=True, slots=True)
class Lexicon:
    pattern: re.Pattern[str]  # case-insensitive, for any text
    lowered: re.Pattern[str]  # the same on lower-cased text, which the scanner can jump through
    gate: frozenset[str]  # the rarest word of each entry, with its plural and possessive forms

    def may(self, words: frozenset[str]) -> bool:
        """Whether the post's words include the rarest word of some entry: if not, none can
        match."""
        return not self.gate.isdisjoint(words)

    def _target(self, text: str, lower: str | None, words: frozenset[str] | None):
        """The pattern to run and the text to run it on, or None when no entry can match."""
        if not self.may(words if words is not None else word_set(text, lower)):
            return None
        if lower is None:
            return self.pattern, text
        return self.lowered, lower

    def finditer(
        self,
        text: str,
        lower: str | None = None,
        words: frozenset[str] | None = None,
        start: int = 0,
        end: int | None = None,
    ):
        """Matches in ``text``; ``lower`` is its lower-cased form when that keeps every offset
        (None otherwise), ``words`` its lower-case words (see text.word_set) if at hand."""
        target = self._target(text, lower, words)
        if target is None:
            return iter(())
        rx, subject = target
        return rx.finditer(subject, start, len(text) if end is None else end)

    def search(self, text: str, lower: str | None = None, words=None, start=0, end=None):
        target = self._target(text, lower, words)
        if target is None:
            return None
        rx, subject = target
        return rx.search(subject, start, len(text) if end is None else end)


def _rarest(entry: str) -> str:
    """The entry's least common word (wordfreq): every match of the entry contains it as a word
    (with at most a plural or possessive ending), and few posts do."""
    # Words as the post's word set has them: "doesn't" is one word there, so a gate of "doesn"
    # would never open.
    tokens = _ENTRY_WORD.findall(entry.lower().replace("’", "'"))
    words = [w for w in tokens if len(w) > 2] or tokens
    return min(words, key=lambda w: (zipf(w), -len(w)))


_ENTRY_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


def build(words, suffix: str = r"(?:['’]s|s|es)?") -> Lexicon:
    alts = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    body = phrase_alternation(alts)
    source = rf"(?<![\w@#])(?:{body}){suffix}(?!\w)"
    gate = set()
    for w in alts:
        stem = _rarest(w)
        forms = (stem, stem + "s", stem + "es", stem + "'s", stem + "’s")
        gate.update(forms)
        gate.update(f.replace("'", "’") for f in forms)  # "doesn’t", typed with a curly quote
    return Lexicon(re.compile(source, re.IGNORECASE), fast_compile(source), frozenset(gate))


def _getter(key: str, **kw):
    return per_pack(lambda pack: build(pack.lexicon(key), **kw))


sexual_offences = _getter("people.sexual_offences")
guilt_statements = _getter("people.guilt_statements")
defendant_labels = _getter("people.defendant_labels")
defendant_adjectives = _getter("people.defendant_adjectives", suffix="")
active_proceedings = _getter("people.active_proceedings")
trial_pending = _getter("people.trial_pending")


def _evidence_comment(pack) -> re.Pattern[str]:
    def alts(key: str) -> str:
        words = sorted({w.strip().lower() for w in pack.lexicon(key) if w.strip()}, key=len)
        return "|".join(re.escape(w).replace(r"\ ", r"[\s\-]+") for w in reversed(words))

    subjects, judgements = alts("people.evidence_subjects"), alts("people.evidence_judgements")
    if not subjects or not judgements:
        return re.compile(r"(?!)")
    return fast_compile(
        rf"(?<![\w@#])(?:{subjects})(?:['’]s?)?\s+(?:[\w'’]+\s+){{0,6}}?(?:is|was|are|were)\s+"
        rf"(?:\w+\s+){{0,2}}?(?:{judgements})(?!\w)"
    )


#: "His alibi is nonsense", "the CCTV is conclusive": comment on a live case's evidence.
evidence_comment = per_pack(_evidence_comment)

"""Word lists from the policy pack ([lexicons.<family>]) as whole-word matchers.

An entry matches as a word or phrase, never inside another word; spaces in it match any run of
spaces or a hyphen; a plural or possessive "s" after it is understood ("rapist's", "offences").
Each matcher keeps a cheap gate (the first word of every entry) so that a post with none of
them skips the pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluelamp.engine.rules.detectors.text import per_pack


@dataclass(frozen=True, slots=True)
class Lexicon:
    pattern: re.Pattern[str]
    firsts: tuple[str, ...]  # lower-case first words, for the substring gate

    def may(self, lower: str) -> bool:
        return any(w in lower for w in self.firsts)

    def finditer(self, text: str, lower: str | None = None, start: int = 0, end: int | None = None):
        lower = text.lower() if lower is None else lower
        if not self.may(lower):
            return iter(())
        return self.pattern.finditer(text, start, len(text) if end is None else end)

    def search(self, text: str, lower: str | None = None, start: int = 0, end: int | None = None):
        return next(iter(self.finditer(text, lower, start, end)), None)


def build(words, flags: int = re.IGNORECASE, suffix: str = r"(?:['’]s|s|es)?") -> Lexicon:
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"[\s\-]+") for w in alts)
    pattern = re.compile(rf"(?<![\w@#])(?:{body}){suffix}(?!\w)", flags)
    firsts = tuple(sorted({re.split(r"[\s\-'’]", w.lower(), maxsplit=1)[0][:5] for w in alts}))
    return Lexicon(pattern, firsts)


def _getter(key: str, **kw):
    return per_pack(lambda pack: build(pack.lexicon(key), **kw))


sexual_offences = _getter("people.sexual_offences")
guilt_statements = _getter("people.guilt_statements")
defendant_labels = _getter("people.defendant_labels")

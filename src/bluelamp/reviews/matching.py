"""Which open appeal case a post is about (CC/01 4.11): the post carries the case's force
reference (four characters or more, any case) or the person's full name (two words or more:
one name alone is too common), and the engine reads the post as an appeal for a missing or
wanted person (a news post that names the person is not their appeal).

Used when a case is recorded (the appeals already in the archive) and when posts are imported
(each imported appeal linked to its case in the import's transaction). One combined pattern
per set of cases screens every text in a single pass, so an import of 100,000 posts costs a
few hundred milliseconds whatever the number of open cases; the engine is asked only about the
few texts that name a case."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bluelamp.engine.model import Post as EnginePost
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules.subject import Subject

#: A shorter reference ("A1") would match inside ordinary words and numbers.
MIN_REFERENCE = 4


def name_pattern(name: str) -> re.Pattern[str] | None:
    words = name.split()
    if len(words) < 2:  # one word ("Jamie") is too common to say the post names them
        return None
    return re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)


def _reference(case) -> str | None:
    reference = (case.reference or "").strip()
    return reference.casefold() if len(reference) >= MIN_REFERENCE else None


class CaseMatcher:
    """The cases of ``cases`` that each text is an appeal about."""

    def __init__(self, cases: Iterable, pack: PolicyPack) -> None:
        self.pack = pack
        self.cases = [(case, _reference(case), name_pattern(case.name)) for case in cases]
        references = sorted({r for _, r, _ in self.cases if r}, key=len, reverse=True)
        names = [p.pattern for _, _, p in self.cases if p is not None]
        # References are compared case-folded (as ``str.casefold``), names as their own
        # patterns say: each screen finds every text the exact test below would.
        self._references = (
            re.compile("|".join(re.escape(r) for r in references)) if references else None
        )
        self._names = re.compile("|".join(names), re.IGNORECASE) if names else None

    def __bool__(self) -> bool:
        return bool(self.cases)

    def cases_for(self, text: str) -> list:
        if not text:
            return []
        folded: str | None = None
        screened = False
        if self._references is not None:
            folded = text.casefold()
            screened = self._references.search(folded) is not None
        if not screened and self._names is not None:
            screened = self._names.search(text) is not None
        if not screened:
            return []
        folded = folded if folded is not None else text.casefold()
        found = [
            case
            for case, reference, pattern in self.cases
            if (reference is not None and reference in folded)
            or (pattern is not None and pattern.search(text))
        ]
        if found and Subject(EnginePost(text=text), self.pack).appeal is None:
            return []
        return found

"""4.6, 5.10: nothing offensive, profane or derogatory."""

from __future__ import annotations

import re
from functools import lru_cache

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, first_of_overlapping, register
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import Gated, gated
from bluelamp.engine.rules.detectors.offensive import TERMS
from bluelamp.engine.rules.detectors.text import per_pack, words_re

_MASK = r"[*#@$%!_.\-]"
# Masked profanity: first letter kept, at least one later letter hidden (f*ck, f**k, sh!t, c***).
_MASKABLE = [t for t, k in TERMS.items() if k != "insult" and " " not in t and len(t) >= 4]


def _masked(term: str) -> str:
    rest = "".join(f"(?:{re.escape(c)}|{_MASK}+)" for c in term[1:])
    return rf"{re.escape(term[0])}(?=[a-z]*{_MASK}){rest}"


MASKED_RE = fast_compile(
    r"(?<![\w*])(?:"
    + "|".join(_masked(t) for t in sorted(_MASKABLE, key=len, reverse=True))
    + r")(?![\w*])",
    re.IGNORECASE,
)
# Derogatory comment about the force, its leaders or colleagues, without a listed word.
ABOUT_FORCE_RE = gated(
    r"\b(?:management|bosses|gaffers?|sarge|guv|senior leadership|SLT|command team|top brass|chief "
    r"constable|the force|WMP|colleagues|sergeants?|inspectors?|supervisors?|HR|control room|"
    r"the job)\b[^.!?\n]{0,60}?\b(?:useless|clueless|a joke|incompetent|pathetic|(?:don't|doesn't|"
    r"do not|does not) care|(?:haven't|hasn't) got a clue|no idea|shambles|disgrace|spineless|"
    r"cowards?|lazy|backstabbing|two-faced|a laughing stock|not fit to|rubbish)\b",
    re.IGNORECASE,
)
_NOT_PEOPLE = fast_compile(
    r"\b(?:the|these|those|absolute|total|utter|bunch of|pack of)\s+animals\b", re.I
)


@lru_cache(maxsize=8)
def _lexicon(extra: tuple[str, ...]) -> Gated:
    return Gated(words_re(set(TERMS) | {e.lower() for e in extra}))


@per_pack
def _pack_lexicon(pack) -> Gated:
    return _lexicon(pack.extra_profanity)


# A masking character inside a word ("f*ck", "sh!t") is the cheap sign that MASKED_RE may match:
#   [A-Za-z][*#$%!]+[A-Za-z*] | [A-Za-z][*#$%]{2,} | [A-Za-z]@[a-z]{1,6}\b(?![.@])
# Only whether it occurs is used, so the search starts at the (rare) masking character, which
# the engine jumps to, and looks back for the letter.
_MASK_SIGN = fast_compile(
    r"[*#$%!@](?<=[A-Za-z][*#$%!@])"
    r"(?:(?<=[*#$%!])[*#$%!]*[A-Za-z*]|(?<=[*#$%])[*#$%]+|(?<=@)[a-z]{1,6}\b(?![.@]))"
)


@lru_cache(maxsize=8)
def _places(names: tuple[str, ...]) -> re.Pattern[str] | None:
    return words_re(names) if names else None


@register
class OffensiveLanguage(Rule):
    id = "offensive-language"
    clause = "4.6"
    severity = Severity.BLOCK
    title = "Offensive or derogatory language"
    explanation = (
        "CC/01 4.6 and 5.10: nothing that could bring the force into disrepute — no profanity "
        '(masked spellings such as "f*ck" included), slurs, or derogatory language about '
        "people, groups, colleagues or the force. Quoting an offence's legal name (\"racially "
        'aggravated public order offence"), talking about slurs without using one, and place '
        "names that contain rude words (listed in the policy pack) are fine."
    )

    def check(self, post, pack):
        text = post.text
        spans = [m.span() for m in post.finditer(_pack_lexicon(pack))]
        if ("*" in text or "!" in text or "#" in text or "@" in text or "$" in text) and (
            _MASK_SIGN.search(text)
        ):
            spans.extend(m.span() for m in MASKED_RE.finditer(text))
        if "animals" in post.words:
            spans.extend(m.span() for m in _NOT_PEOPLE.finditer(text))
        spans.extend(m.span() for m in post.finditer(ABOUT_FORCE_RE))
        if not spans:
            return []
        places = _places(pack.rude_place_names)
        place_spans = [m.span() for m in places.finditer(text)] if places else []
        spans = [(s, e) for s, e in spans if not any(ps <= s and e <= pe for ps, pe in place_spans)]
        findings = []
        for s, e in first_of_overlapping(spans):
            findings.append(
                self.finding(
                    post,
                    f"“{text[s:e]}” is offensive or derogatory language. Remove it: posts must not "
                    "bring the force into disrepute.",
                    (s, e),
                )
            )
        return findings

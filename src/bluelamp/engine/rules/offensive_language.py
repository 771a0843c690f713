"""4.6, 5.10: nothing offensive, profane or derogatory."""

from __future__ import annotations

import re
from functools import lru_cache

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, first_of_overlapping, register
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import Gated, gated
from bluelamp.engine.rules.detectors.offensive import (
    TERMS,
    disguised_in_post,
    spaced_spans,
    token_spans,
)
from bluelamp.engine.rules.detectors.people import FIRST_NAMES
from bluelamp.engine.rules.detectors.text import (
    LazyPattern,
    Phrases,
    per_pack,
    terms_re,
    words_re,
)

_MASK = r"[*#@$%!_.\-]"
# Masked profanity: first letter kept, at least one later letter hidden (f*ck, f**k, sh!t, c***).
_MASKABLE = [t for t, k in TERMS.items() if k != "insult" and " " not in t and len(t) >= 4]


def _masked(term: str) -> str:
    rest = "".join(f"(?:{re.escape(c)}|{_MASK}+)" for c in term[1:])
    return rf"{re.escape(term[0])}(?=[a-z]*{_MASK}){rest}"


# Compiled on first use: only a post with a masking character inside a word needs it.
MASKED_RE = LazyPattern(
    lambda: fast_compile(
        r"(?<![\w*])(?:"
        + "|".join(_masked(t) for t in sorted(_MASKABLE, key=len, reverse=True))
        # With its endings: "p*kis", "f**king", "tw*ts".
        + r")(?:e?s|ies|ing|in|ed|er|ers|y)?(?![\w*])",
        re.IGNORECASE,
    )
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


def _alt(words) -> str:
    return terms_re(words).pattern.removeprefix(r"(?<![\w@#])")


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


class _Lexicon:
    """The pack's offensive-language data, compiled once per pack."""

    def __init__(self, pack) -> None:
        lex = pack.lexicon
        self.terms = _lexicon(pack.extra_profanity)
        # What a disguised spelling may stand for: every listed word, and the words that are
        # insults only when disguised ("d1ck").
        self.disguisable = frozenset(
            t for t in set(TERMS) | {e.lower() for e in pack.extra_profanity} if " " not in t
        ) | {w.lower() for w in lex("language.masked_only_insults")}
        # Word tokens one of which each pattern below needs: most posts have none of them.
        self.needs = {}
        adjectives = lex("language.insulting_adjectives")
        groups = lex("language.people_groups")
        group_names = lex("language.group_names")
        smears = lex("language.group_smears")
        nouns = lex("language.insulting_nouns")
        self.said_of = None
        if adjectives and groups:
            # "you lot are thick", "these drivers are brainless", "people who fly-tip are
            # scummy" — not "stupid enough to" (how an offender was caught).
            self.said_of = _lazy(
                rf"\b(?:you(?: lot| two| people| guys| lads)?|they|he|she|(?:(?:these|those|the|"
                rf"some|all|most|our|your)\s+)?{_alt(groups)})(?:\s+who\b[^.!?\n]{{0,40}}?)?\s*"
                rf"(?:\s(?:are|is|were|was)|['’](?:re|s))\s+(?:(?:all|so|such|just|absolutely|"
                rf"completely|totally|utterly|bloody|really|being|a bunch of|a load of)\s+)*"
                rf"{_alt(adjectives)}(?!\s+enough\b)",
                re.IGNORECASE,
            )
        self.smear = None
        if group_names and (smears or adjectives):
            both = _alt(list(smears) + list(adjectives))
            names = _alt(group_names)
            self.smear = _lazy(
                rf"\b(?:(?:all|most|these|those|bloody|the)\s+)?{names}\s+(?:are|is)\s+(?:(?:all|"
                rf"just|nothing but|only|a bunch of|a load of|basically|mostly)\s+)*{both}|"
                rf"\ball\s+{names}\s+(?:are|is)\s+(?:\w+\s+){{0,2}}?{both}",
                re.IGNORECASE,
            )
        self.needs = {
            "said_of": Phrases(adjectives).keys,
            "smear": Phrases(group_names).keys,
        }
        self.dehumanised = _DEHUMANISED
        self.name_calling = None
        if nouns:
            self.needs["name_calling"] = Phrases(nouns).keys
            # "what a clown", "he's such a creep", "you absolute muppet" (said of a person).
            self.name_calling = _lazy(
                rf"\b(?:(?:what|such|being(?:\s+such)?)\s+an?|(?:you|you're|you are|he's|he is|"
                rf"she's|she is|ur)(?:\s+(?:such\s+)?an?)?|(?=(?:absolute|total|utter|complete)\s))"
                rf"\s*(?:(?:absolute|total|complete|"
                rf"utter|proper|right|massive|bloody|"
                rf"useless|lazy|little|big|fat|stupid|pathetic)\s+)*{_alt(nouns)}(?!-?\w)"
                # "the clowns at the Home Office", "the current clown", "this vile coward who…":
                # the insult is the head of a phrase that points at people.
                rf"|\b(?:the|this|that|these|those)\s+(?:(?:current|new|same|vile|cowardly|"
                rf"useless|lazy|absolute|total|utter|spineless|pathetic)\s+)?{_alt(nouns)}"
                rf"(?=\s+(?:at|in charge|running|who|that|please|in (?:power|office|government|"
                rf"Whitehall|Westminster|Downing Street|Parliament|the Home Office|the council|"
                rf"HQ|headquarters))\b|\s*(?:[.!?,]|$))",
                re.IGNORECASE,
            )
        # Profanity with an ending ("fcuking", "shitty", "fuckers"): every listed profanity of
        # one word with each common ending, as word tokens.
        self.inflected = frozenset(
            t + end
            for t, k in TERMS.items()
            if k == "profanity" and " " not in t and len(t) >= 3
            for end in _ENDINGS
        ) - set(TERMS)
        # A person called an animal or a monster ("the animal who did this"): dehumanising.
        self.needs["dehumanised"] = _DEHUMANISED_WORDS
        self.any_need = frozenset().union(*self.needs.values())


_ENDINGS = ("ing", "in", "ed", "er", "ers", "s", "y", "ty", "head", "heads", "hole", "holes")
_DEHUMANISED_WORDS = frozenset(
    {"animal", "animals", "monster", "monsters", "beast", "beasts", "savage", "savages"}
)
_DEHUMANISED = re.compile(
    r"\b(?:the|this|that|these|those|an?)\s+(?:(?:absolute|sick|evil|vile|cowardly|heartless)\s+)?"
    r"(?:animals?|monsters?|beasts?|savages?)\s+(?:who|that)\b(?!\s+(?:was|were|is|are|has|had)\s+"
    r"(?:injured|hurt|found|killed|rescued|stolen|lost|missing|taken))",
    re.IGNORECASE,
)
# Before a person's name: "that animal Craig Poole", "the monster Dean Walsh" (a first name
# from the list, so that "the animal Welfare Officer" is no one).
_DEHUMANISED_NAMED = re.compile(
    r"\b(?i:the|this|that)\s+(?:(?i:absolute|sick|evil|vile|cowardly|heartless)\s+)?"
    r"(?i:animal|monster|beast|savage)\s+([A-Z][a-z]+)\s+[A-Z][a-z]+"
)


def _lazy(source: str, flags: int) -> LazyPattern:
    return LazyPattern(lambda: re.compile(source, flags))


@per_pack
def _pack_lexicon(pack) -> _Lexicon:
    return _Lexicon(pack)


# A masking character inside a word ("f*ck", "sh!t") is the cheap sign that MASKED_RE may match:
#   [A-Za-z][*#$%!]+[A-Za-z*] | [A-Za-z][*#$%]{2,} | [A-Za-z]@[a-z]{1,6}\b(?!@|\.\w)
# Only whether it occurs is used, so the search starts at the (rare) masking character, which
# the engine jumps to, and looks back for the letter.
_MASK_SIGN = fast_compile(
    r"[*#$%!@](?<=[A-Za-z][*#$%!@])"
    r"(?:(?<=[*#$%!])[*#$%!]*[A-Za-z*]|(?<=[*#$%])[*#$%]+|(?<=@)[a-z]{1,6}\b(?!@|\.\w))"
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
        lex = _pack_lexicon(pack)
        spans = [m.span() for m in post.finditer(lex.terms)]
        spans.extend(disguised_in_post(post, lex.disguisable))
        words = post.words
        if not lex.inflected.isdisjoint(words):
            spans.extend(token_spans(text, lex.inflected & words))
        if not lex.any_need.isdisjoint(words):
            for name in ("said_of", "smear", "name_calling", "dehumanised"):
                rx = getattr(lex, name)
                if rx is not None and not lex.needs[name].isdisjoint(words):
                    spans.extend(m.span() for m in rx.finditer(text))
        # Letters spelled out one by one leave single-letter tokens.
        if len(_LETTERS & words) >= 3:
            spans.extend(spaced_spans(text, lex.disguisable))
        if ("*" in text or "!" in text or "#" in text or "@" in text or "$" in text) and (
            _MASK_SIGN.search(text)
        ):
            spans.extend(m.span() for m in MASKED_RE.finditer(text))
        if not _DEHUMANISED_WORDS.isdisjoint(words):
            # The words after it must be a person the post names: "the beast Summer Fair" is
            # an event, though "Summer" is a given name.
            spans.extend(
                m.span()
                for m in _DEHUMANISED_NAMED.finditer(text)
                if m.group(1) in FIRST_NAMES and any(n.start == m.start(1) for n in post.names)
            )
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

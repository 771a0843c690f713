"""Parties, politicians, offices and stances, from the policy pack (5.10, 6.6, 6.12)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bluelamp.engine.rules.detectors.gate import Gated, gated
from bluelamp.engine.rules.detectors.text import words_re

CRITIC = (
    r"joke|shameful|shame on|a shame|disgrace(?:ful)?|pathetic|useless|incompetent|clueless|"
    r"failed|failing|failure|betray\w*|lies|liars?|lying|corrupt\w*|scandal\w*|resign|out of "
    r"touch|(?:don't|doesn't|do not|does not|never) care|hypocri\w+|cuts|slashed|gutted|wrecked|"
    r"ruined|destroy\w*|broken promises?|waste of|wonder why|typical|rubbish|nonsense|"
    r"ridiculous|idiotic|stupid|shambles|a con|sham|should be ashamed|ashamed|can't be trusted|cannot be trusted|kick "
    r"(?:them|him|her) out|get (?:them|him|her) out|have to go|must go|need to go|out now"
)
PRAISE = (
    r"only party|the only one|best party|proud to (?:stand|work|campaign|support)|(?:stand|"
    r"standing) (?:with|behind|alongside)|support(?:ing)? (?:the|our)|back(?:ing)? (?:the|our)|"
    r"right (?:decision|call|choice|plan|policy)|brilliant|fantastic|amazing|excellent|spot on|"
    r"the answer|deliver(?:ing|ed|s)? for|gets? things done|cares? about|actually cares?|"
    r"champion\w*"
)
VOTE = r"vote(?:s|d)?|voting|elect|re-?elect|ballot"
CRITIC_RE = gated(rf"\b(?:{CRITIC})\b", re.IGNORECASE)
PRAISE_RE = gated(rf"\b(?:{PRAISE})\b", re.IGNORECASE)
POLICY_OF_RE = gated(
    r"\b(?:government|PCC|commissioner|minister|mayor|council|MP|councillor|party|Home "
    r"Secretary|Prime Minister|Chancellor|Westminster|Downing Street)(?:['’]s)?\s+(?:new\s+|"
    r"latest\s+|proposed\s+)?(?:plans?|polic(?:y|ies)|budget|decision|scheme|proposals?|cuts|"
    r"funding|precept|bill|laws?|reforms?)\b",
    re.IGNORECASE,
)
GOVERNMENT_RE = gated(
    r"\b(?:this|the|our|current|useless|tory|labour)\s+government\b|\bministers\b|\bWestminster\b|"
    r"\bDowning Street\b|\bpoliticians\b",
    re.IGNORECASE,
)
CANDIDATE_RE = gated(
    r"\b(?:(?:PCC|council|parliamentary|mayoral|election|by-election|local election|"
    r"Labour|Conservative|Tory|Green|Reform|Lib Dem|Liberal Democrat|independent)\s+candidates?|"
    r"candidates? (?:for|standing|in the)|standing for (?:election|council|parliament|mayor|PCC)|"
    r"hustings)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PoliticsLexicon:
    parties: Gated
    vote_for: Gated
    hashtag: Gated
    politicians: Gated | None
    offices: Gated
    offices_upper: Gated | None
    policies: Gated | None
    slogans: Gated | None


def _short_forms(parties: tuple[str, ...]) -> set[str]:
    forms = set(parties)
    for p in parties:
        first = p.split()[0]
        if first.lower() not in ("independent", "women's"):
            forms.add(first)
    return forms


@lru_cache(maxsize=8)
def lexicon(
    parties: tuple[str, ...],
    politicians: tuple[str, ...],
    offices: tuple[str, ...],
    policies: tuple[str, ...],
    slogans: tuple[str, ...],
) -> PoliticsLexicon:
    # Party names are proper nouns: match their capitalised forms only ("labour market" is not
    # the Labour Party), except in the party's full name.
    party_re = words_re(parties, flags=0)
    # Short forms ("Green" for the Green Party) only count in "vote Green" and hashtags: as a
    # word on its own "Green" or "Reform" is ordinary English.
    party_forms = _short_forms(parties)
    party_alt = "|".join(sorted((re.escape(p) for p in party_forms), key=len, reverse=True))
    vote_for = gated(
        rf"\b(?:{VOTE})\s+(?:for\s+)?(?:the\s+)?(?:{party_alt})\b|\b(?:don'?t|do not|never|"
        rf"won'?t|will not)\s+vote\b|\bvote\s+(?:them|him|her|it)\s+(?:out|in|back)\b|\bvote\s+"
        rf"(?:out|against|for change|wisely)\b|\bvote (?:them|him|her) (?:again|in may|out)\b|"
        rf"\b(?:{VOTE})\s+(?:for\s+)?(?:him|her|them)\s+again\b",
        re.IGNORECASE,
    )
    hashtag = gated(
        rf"#(?:vote\w+|\w*(?:{party_alt.replace(chr(92) + ' ', '')})\w*)", re.IGNORECASE
    )
    upper = [o for o in offices if o.isupper()]
    lower = [o for o in offices if not o.isupper()]
    return PoliticsLexicon(
        parties=Gated(party_re),
        vote_for=vote_for,
        hashtag=hashtag,
        politicians=Gated(words_re(politicians)) if politicians else None,
        offices=Gated(words_re(lower)),
        offices_upper=Gated(words_re(upper, flags=0)) if upper else None,
        policies=Gated(words_re(policies)) if policies else None,
        slogans=Gated(words_re(slogans)) if slogans else None,
    )


def for_pack(pack) -> PoliticsLexicon:
    return lexicon(
        pack.parties,
        pack.politicians,
        pack.elected_offices,
        pack.contested_policies,
        pack.partisan_slogans,
    )

"""Parties, politicians, offices and stances, from the policy pack (5.10, 6.6, 6.12)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bluelamp.engine.rules.detectors.gate import Gated, gated
from bluelamp.engine.rules.detectors.text import per_pack, words_re

# Criticism: any of these in the sentence of a political target (or the next) is an opinion.
CRITIC = (
    r"joke|shameful|shame on|a shame|disgrace(?:ful)?|pathetic|useless|incompetent|incompetence|"
    r"clueless|failed|failing|failure|betray\w*|lies|liars?|lying|corrupt\w*|scandal\w*|sleaze|"
    r"should resign|resign now|must resign|out of touch|(?:don't|doesn't|do not|does not|never) "
    r"(?:care|value|listen|get it)|hypocri\w+|slashed|gutted|wrecked|ruined|destroy\w*|broken "
    r"promises?|empty promises?|waste of|wastes?|wasted|wasting|wonder why|typical|rubbish|"
    r"nonsense|ridiculous|idiotic|stupid|shambles|shambolic|a con|sham|should be ashamed|"
    r"ashamed|can't be trusted|cannot be trusted|kick (?:them|him|her) out|get (?:them|him|her) "
    r"out|has to go|have to go|must go|needs? to go|out now|disaster|disastrous|fiasco|chaos|"
    r"chaotic|a mess|madness|mad|insane|hammering|scrap (?:it|them|this|the)|war on|attack on|"
    r"can't even|cannot even|worst|u-turns?|couldn't make it up|could not make it up|cash cow|"
    r"stealth tax|tax grab|rip[-\s]?off|through the roof|good riddance|los(?:e|ing|t) (?:his|her|"
    r"their) seats?|nobody listened|let (?:us|them|you|the public|down)|failed us|needs? to pay up|"
    r"pay up|wants? sacking|sack (?:him|her|them)|out of control|too little,? too late|"
    r"unfit|not fit|laughing stock|a farce|farcical|con job|spin|all talk|a mistake|mistaken|"
    r"misguided|reckless|short[-\s]sighted|(?:will|would|could) cost lives|cost lives|backwards|"
    r"a step backwards|an attack|betrayal|gutless|spineless|shambolic|clueless|woke|nanny state|"
    r"two[-\s]tier|out of (?:their|his|her) depth|bottled it|sold (?:us|out)|useless lot|"
    r"(?:should|must) (?:be sacked|go|step down|quit)|hopeless|a liability|tone[-\s]deaf|"
    r"bring back|get rid of|scrap|axe|cut(?:ting)? (?:our|police|the) \w+"
)
# Praise: counts only of a party, a politician's policy, or in an allegiance phrase.
PRAISE = (
    r"only party|the only ones?|best party|proud to (?:stand|work|campaign|support|back)|(?:stand|"
    r"standing) (?:with|behind|alongside)|support(?:ing)? (?:the|our)|back(?:ing)? (?:the|our)|"
    r"right (?:decision|call|choice|plan|policy)|brilliant|fantastic|amazing|excellent|spot on|"
    r"the answer|deliver(?:ing|ed|s)? for|gets? things done|cares? about|actually cares?|"
    r"champion\w*|talking sense|talks? sense|had it right|got it right|great idea|fair play to|"
    r"hats off to"
)
# Praise of a politician that is allegiance whatever the target: "doing a brilliant job",
# "best Home Secretary we've had", "backs the police", "four more years".
STRONG_PRAISE = (
    r"doing an? (?:brilliant|great|fantastic|amazing|excellent|superb|fab|top) job|best \w+(?: "
    r"\w+)? (?:we've|we have|we've ever|we have ever|this country has|this city has|we've got|"
    r"we've) (?:ever )?had|(?:finally|actually) (?:someone who )?backs? (?:the )?police|fighting "
    r"for|four more years|more years of this|solidarity with|the only ones talking|on our side|the "
    r"only one who (?:actually )?(?:listens|cares|gets things done|delivers|bothers)|keep it up|"
    r"keep up the (?:good|great) work|(?:thank god|thankfully) (?:for|we have)"
)
# Voting advice and allegiance that need no named target.
ALLEGIANCE = (
    r"re-?elect (?:him|her|them|[A-Z][a-z]+)|got my vote|deserves? (?:your|my|our|a) vote|spoil "
    r"(?:your|the|my) ballot|vote for anyone|remember (?:this|that|it) (?:when|at) (?:you vote|the "
    r"polls|the ballot box|the election)|(?:out )?canvassing (?:for|with|in)|wearing (?:my|the|a) "
    r"rosette|don't let them|do not let them|(?:vote|voting) (?:for )?(?:cllr|councillor|mr|mrs|"
    r"ms|dr)\b|i'd vote for|i would vote for|i'm voting|i am voting|we're voting|vote them out|"
    r"(?:proud|lifelong|card[-\s]carrying|paid[-\s]up) (?:\w+ )?(?:party )?(?:member|voter|"
    r"supporter|activist)|(?:join|joined|joining) the \w+(?: \w+)? party|party member|"
    r"(?:blame|blamed|to blame|cheers,?) (?:the )?(?:government|tories|tory|labour|"
    r"conservatives|lib dems|greens|reform|council|pcc|mayor|minister|ministers)|"
    r"vote (?:him|her) out|never voting|won't be voting|get out and vote for"
)
VOTE = r"vote(?:s|d)?|voting|elect|re-?elect|ballot"
CRITIC_RE = gated(rf"\b(?:{CRITIC})\b", re.IGNORECASE)
PRAISE_RE = gated(rf"\b(?:{PRAISE})\b", re.IGNORECASE)
STRONG_PRAISE_RE = gated(rf"\b(?:{STRONG_PRAISE})\b", re.IGNORECASE)
ALLEGIANCE_RE = gated(rf"(?:{ALLEGIANCE})", re.IGNORECASE)
POLICY_OF_RE = gated(
    r"\b(?:government|PCC|commissioner|minister|mayor|council|MP|councillor|party|Secretary|"
    r"Prime Minister|Chancellor|Westminster|Downing Street)(?:['’]s)?\s+(?:new\s+|latest\s+|"
    r"proposed\s+|\w+\s+)?(?:plans?|polic(?:y|ies)|budget|decision|scheme|proposals?|cuts|"
    r"funding|precept|bill|laws?|reforms?|cameras|u-turn|targets?|strategy|rules|powers|"
    r"crackdown|review)\b",
    re.IGNORECASE,
)
GOVERNMENT_RE = gated(
    r"\bgovernment\b|\bministers\b|\bWestminster\b|\bDowning Street\b|\bNo\.? ?10\b|"
    r"\bNumber 10\b|\bpoliticians\b|\bparty leaders?\b|\bmain parties\b|\b(?:the|this) "
    r"(?:current )?lot in charge\b|\bthe current lot\b|\bthose in charge\b|\bParliament\b|"
    r"\b(?:Justice|Home|Foreign|Health|Education|Transport) Secretary\b|\bSecretary of State\b|"
    r"\bthe Treasury\b|\bthe cabinet\b",
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
    framing: Gated
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
    # Partisan framing: "Tory austerity", "Labour chaos", "under Labour, crime has…".
    framing = gated(
        rf"\b(?:{party_alt})\s+(?:austerity|cuts|chaos|failures?|sleaze|mess|incompetence|lies|"
        rf"broken promises|u-turns?|cronies|disaster|years|government)\b|\bunder (?:the )?"
        rf"(?:{party_alt})\b",
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
        framing=framing,
        politicians=Gated(words_re(politicians)) if politicians else None,
        offices=Gated(words_re(lower)),
        offices_upper=Gated(words_re(upper, flags=0)) if upper else None,
        policies=Gated(words_re(policies)) if policies else None,
        slogans=Gated(words_re(slogans)) if slogans else None,
    )


@per_pack
def for_pack(pack) -> PoliticsLexicon:
    return lexicon(
        pack.parties,
        pack.politicians,
        pack.elected_offices,
        pack.contested_policies,
        pack.partisan_slogans,
    )

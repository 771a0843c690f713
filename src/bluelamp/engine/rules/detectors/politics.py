"""Parties, politicians, offices and stances, from the policy pack (5.10, 6.6, 6.12)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bluelamp.engine.rules.detectors.gate import MAXSIZE, Gated, gated
from bluelamp.engine.rules.detectors.text import (
    HASHTAG_RE,
    LazyPattern,
    Phrases,
    _variants,
    per_pack,
    split_hashtag,
    terms_re,
    word_costs,
    words_re,
)

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
    r"bring back|get rid of|scrap|axe|cut(?:ting)? (?:our|your|police|the police|policing) \w+"
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
    r"vote (?:him|her) out|never voting|won't be voting|get out and vote for|"
    r"use (?:your|their|our) (?:vote|ballot)\b[^.!?\n]{0,40}?\bto (?:kick|get rid|throw|remove|"
    r"punish|send (?:them|a message)|stop|back|support|keep|change)"
)
# Getting a government or council out at the polls: "kick this lot out", "… out at the next
# election", "remember that in May". Each alternative has its own literal for the gate.
POLLS_OUT_RE = gated(
    r"\b(?:kick|throw|turf|boot|vote|get) (?:this|that|the whole) lot out\b|"
    r"\b(?:kick|throw|turf|boot|vote|get)\b[^.!?\n]{0,30}?\bout\b[^.!?\n]{0,20}?\b(?:at|in) the "
    r"(?:next )?(?:general |local |council |mayoral |PCC )?elections?\b|"
    r"\bremember (?:this|that|it|them) (?:in May|on polling day|on election day|at the ballot "
    r"box|next time you vote|when you vote|at the next election)",
    re.IGNORECASE,
)
VOTE = r"vote(?:s|d)?|voting|elect|re-?elect|ballot"
_VOTE_WORDS = ("vote", "votes", "voted", "voting", "elect", "reelect", "ballot")
# Words too common to tell a political hashtag: each pattern needs a rarer word too.
_STOP = frozenset(
    "the and for to of a an in on not our your my with at by is it this that from no yes do "
    "will never out up all".split()
)
CRITIC_RE = gated(rf"\b(?:{CRITIC})\b", re.IGNORECASE)
# Voting in a sentence: with criticism in it, a steer on how to vote ("vote on Thursday and think
# about who cut your station").
VOTING_RE = gated(
    r"\b(?:vote|voting|votes|polls|polling (?:day|station)|ballot|election day|"
    r"(?:general|local|council|mayoral|PCC) elections?)\b",
    re.IGNORECASE,
)
# "Vote Sarah", "vote for Patel": a name after "vote", in a post that names a party, office or
# politician (an award's "vote for Bella the police dog" names none).
VOTE_NAME_RE = gated(r"\b[Vv]ote (?:for )?[A-Z][a-z]+\b")
# A party given as an abbreviation after a name: "Jo Bloggs (Lab)".
PARTY_ABBREV_RE = gated(r"\((?:Lab|Con|LD|Lib Dems?|Grn|Green|Reform|SNP|Ind|UKIP|Plaid)\)")
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


# The national government, whose praise is support for it ("well done to the government for
# finally funding us"); praise of a council team or the Home Office's funding is courtesy.
_NATIONAL = gated(
    r"\b(?:the|this|our) government\b|\bministers\b|\bWestminster\b|\bDowning Street\b|"
    r"\bNumber 10\b|\bthe cabinet\b",
    re.IGNORECASE,
)
_CAPITALS = re.compile(r"[A-Z]{2,}s?(?=[A-Z][a-z]|[^A-Za-z]|$)")


@dataclass(frozen=True, slots=True)
class PoliticsLexicon:
    parties: Gated
    vote_for: Gated
    framing: Gated
    politicians: Gated | None
    offices: Gated
    offices_upper: Gated | None
    policies: Gated | None
    slogans: Gated | None
    # [lexicons.language]: institutions, more offices, campaigning, stances.
    institutions: Phrases | None
    campaigning: Phrases | None
    opposing: Phrases | None
    criticism: Phrases | None
    praise: Phrases | None
    claims: Phrases | None
    national: Gated | None
    # Hashtags are split into words (#VoteGreen -> "vote green") and matched as a phrase.
    tag_partisan: LazyPattern
    tag_target: LazyPattern
    tag_office: LazyPattern
    tag_acronyms: frozenset[str]
    vocabulary: frozenset[str]
    # Every word of the lists the hashtag patterns are made of (lower case, with plurals and
    # possessives): a hashtag with none of them cannot match.
    tag_words: frozenset[str]
    # Capitalised acronyms among the offices ("MP", "PCC"): the case-sensitive pattern runs only
    # when one occurs.
    acronyms: tuple[str, ...]
    # Every key word of the Phrases lists above: a post with none of them skips them all.
    phrase_keys: frozenset[str]
    # All of those lists as one, to choose once per post which phrases can match.
    all_phrases: Phrases
    tag_cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


def _short_forms(parties: tuple[str, ...]) -> set[str]:
    forms = set(parties)
    for p in parties:
        first = p.split()[0]
        if first.lower() not in ("independent", "women's"):
            forms.add(first)
    return forms


def _phrases(words, flags=re.IGNORECASE) -> Phrases | None:
    words = [w for w in words if w.strip()]
    return Phrases(words, flags) if words else None


# A candidate is not an office: "successful candidates will be invited to interview" is
# recruitment. Election candidates are found by CANDIDATE_RE ("PCC candidates", "standing for
# council").
_NOT_OFFICES = frozenset({"candidate", "candidates"})


@lru_cache(maxsize=8)
def lexicon(
    parties: tuple[str, ...],
    politicians: tuple[str, ...],
    offices: tuple[str, ...],
    policies: tuple[str, ...],
    slogans: tuple[str, ...],
    language: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> PoliticsLexicon:
    lang = dict(language)
    offices = tuple(o for o in offices if o.lower() not in _NOT_OFFICES) + lang.get(
        "political_offices", ()
    )
    ordinary = {w.lower() for w in lang.get("ordinary_party_words", ())}
    # Party names are proper nouns: match their capitalised forms only ("labour market" is not
    # the Labour Party), except in the party's full name.
    party_re = words_re(parties, flags=0)
    # Short forms ("Green" for the Green Party) only count in "vote Green" and the like: as a
    # word on its own "Green" or "Reform" is ordinary English.
    party_forms = _short_forms(parties)
    party_alt = "|".join(sorted((re.escape(p) for p in party_forms), key=len, reverse=True))
    vote_for = gated(
        rf"\b(?:{VOTE})\s+(?:for\s+)?(?:the\s+)?(?:{party_alt})\b|\b(?:don'?t|do not|never|"
        rf"won'?t|will not)\s+vote\b|\bvote\s+(?:them|him|her|it)\s+(?:out|in|back)\b|\bvote\s+"
        rf"(?:out|against|for change|wisely)\b|\bvote (?:them|him|her) (?:again|in may|out)\b|"
        rf"\b(?:{VOTE})\s+(?:for\s+)?(?:him|her|them)\s+again\b|"
        # A cheer for a party: "Go on Labour", "come on you Greens".
        rf"\b(?:go on|come on|c'?mon|up the)\s+(?:you\s+)?(?:the\s+)?(?:{party_alt})\b",
        re.IGNORECASE,
    )
    # Partisan framing: "Tory austerity", "Labour chaos", "under Labour, crime has…".
    framing_body = (
        rf"\b(?:{party_alt})\s+(?:austerity|cuts|chaos|failures?|sleaze|mess|incompetence|lies|"
        rf"broken promises|u-turns?|cronies|disaster|years|government)\b|\bunder (?:the )?"
        rf"(?:{party_alt})\b"
    )
    framing = gated(framing_body, re.IGNORECASE)
    # Acronyms ("MP", "MPs", "PCC") are matched in capitals only: "MPS" is the Metropolitan
    # Police Service.
    upper = [o for o in offices if o.rstrip("s").isupper()]
    lower = [o for o in offices if not o.rstrip("s").isupper()]
    # Parties whose name is not also an ordinary word: in a hashtag they name the party
    # ("#Tories", "#LibDems"); "#HallGreen" does not.
    proper_parties = [p for p in parties if p.lower() not in ordinary]
    slogan_words = list(slogans)
    tag_partisan = LazyPattern(
        lambda: re.compile(
            "|".join(
                f"(?:{body})"
                for body in (
                    vote_for.pattern.pattern,
                    framing_body,
                    words_re(proper_parties).pattern,
                    words_re(slogan_words).pattern if slogan_words else None,
                    terms_re(lang["political_campaigning"]).pattern
                    if lang.get("political_campaigning")
                    else None,
                    rf"\b(?:{party_alt})\s+(?:out|in|win|to win|all the way|for (?:change|government))\b",
                )
                if body
            ),
            re.IGNORECASE,
        )
    )
    # In a hashtag's words (lower case) only the offices that are words ("councillor", "mayor")
    # and politicians' names; acronyms are looked for among the hashtag's capitalised parts.
    office_words = list(lower) + list(politicians)
    tag_office = LazyPattern(lambda: terms_re(office_words))
    tag_target = LazyPattern(
        lambda: terms_re(
            office_words + list(policies) + list(lang.get("political_institutions", ()))
        )
    )
    tag_acronyms = frozenset(upper) | frozenset(u + "s" for u in upper)
    # Words the hashtag splitter may not know ("pcc", "ulez", "tory"): lower-case single words
    # of the political lists.
    vocabulary = frozenset(
        w.lower()
        for group in (
            parties,
            offices,
            policies,
            politicians,
            lang.get("political_institutions", ()),
        )
        for term in group
        for w in term.replace("-", " ").split()
        if w.isalpha()
    )
    tag_words = set(_VOTE_WORDS)
    costs = word_costs()
    for group in (
        parties,
        tuple(party_forms),
        politicians,
        offices,
        policies,
        slogans,
        lang.get("political_institutions", ()),
        lang.get("political_campaigning", ()),
    ):
        for term in group:
            # The rarest word of each term is enough to tell whether it can match.
            ws = [
                w for w in re.findall(r"[a-z0-9]+(?:['’][a-z]+)*", term.lower()) if w not in _STOP
            ]
            if ws:
                tag_words |= _variants(max(ws, key=lambda w: (costs.get(w, 9.0), len(w))))
    institutions = _phrases(lang.get("political_institutions", ()))
    campaigning = _phrases(lang.get("political_campaigning", ()))
    opposing = _phrases(lang.get("political_opposing", ()))
    criticism = _phrases(lang.get("political_criticism", ()))
    praise = _phrases(lang.get("political_praise", ()))
    claims = _phrases(lang.get("political_claims", ()))
    return PoliticsLexicon(
        parties=Gated(party_re),
        vote_for=vote_for,
        framing=framing,
        politicians=Gated(words_re(politicians)) if politicians else None,
        offices=Gated(terms_re(lower)),
        # "PM" is not the Prime Minister in "at 5 PM".
        offices_upper=Gated(re.compile(r"(?<!\d)(?<!\d )" + terms_re(upper, flags=0).pattern))
        if upper
        else None,
        # "immigration offences" is an offence's name, not the policy.
        policies=Gated(
            re.compile(words_re(policies).pattern + r"(?!\s+(?:offen[cs]es?|crimes?)\b)", re.I)
        )
        if policies
        else None,
        slogans=Gated(words_re(slogans)) if slogans else None,
        institutions=institutions,
        campaigning=campaigning,
        opposing=opposing,
        criticism=criticism,
        praise=praise,
        claims=claims,
        national=_NATIONAL,
        tag_partisan=tag_partisan,
        tag_target=tag_target,
        tag_office=tag_office,
        tag_acronyms=tag_acronyms,
        vocabulary=vocabulary,
        tag_words=frozenset(tag_words),
        all_phrases=Phrases(
            [
                phrase
                for key in (
                    "political_institutions",
                    "political_campaigning",
                    "political_opposing",
                    "political_criticism",
                    "political_praise",
                    "political_claims",
                )
                for phrase in lang.get(key, ())
            ]
        ),
        phrase_keys=frozenset().union(
            *(
                p.keys
                for p in (institutions, campaigning, opposing, criticism, praise, claims)
                if p is not None
            )
        ),
        acronyms=tuple(sorted({u.rstrip("s") for u in upper})),
    )


_LANGUAGE_KEYS = (
    "political_institutions",
    "political_offices",
    "political_campaigning",
    "political_opposing",
    "political_criticism",
    "political_praise",
    "political_claims",
    "ordinary_party_words",
)


@per_pack
def for_pack(pack) -> PoliticsLexicon:
    return lexicon(
        pack.parties,
        pack.politicians,
        pack.elected_offices,
        pack.contested_policies,
        pack.partisan_slogans,
        tuple((k, pack.lexicon(f"language.{k}")) for k in _LANGUAGE_KEYS),
    )


def _chosen(post) -> frozenset[str]:
    """The phrases of all the pack's political phrase lists that can match this post, worked
    out once per post (one pass over the post's words for all the lists)."""
    lex = for_pack(post.pack)
    return post.memo("political-phrases", lambda p: lex.all_phrases.select(p.words))


def finditer(post, rx, start: int = 0, end: int = MAXSIZE):
    """Matches of a gated pattern or of a :class:`Phrases` list in the post."""
    if isinstance(rx, Phrases):
        chosen = _chosen(post)
        if not chosen:
            return iter(())
        return rx.finditer(post.text, post.words, start, min(end, len(post.text)), chosen)
    return post.finditer(rx, start, end)


def search(post, rx, start: int = 0, end: int = MAXSIZE):
    if isinstance(rx, Phrases):
        chosen = _chosen(post)
        if not chosen:
            return None
        return rx.search(post.text, post.words, start, min(end, len(post.text)), chosen)
    return post.search(rx, start, end)


def _tag_kind(lex: PoliticsLexicon, tag: str) -> str | None:
    """What a hashtag is, politically (see :func:`political_hashtags`); most share no word with
    the political lists and are settled without a pattern. Remembered per lexicon."""
    cache = lex.tag_cache
    try:
        return cache[tag]
    except KeyError:
        pass
    words = split_hashtag(tag, lex.vocabulary)
    phrase = " ".join(words)
    kind = None
    if lex.tag_words.isdisjoint(words):
        kind = None
    elif lex.tag_partisan.search(phrase):
        kind = "partisan"
    elif lex.tag_office.search(phrase):
        kind = "office"
    elif lex.tag_target.search(phrase):
        kind = "target"
    if (
        kind is None
        and lex.tag_acronyms
        and not lex.tag_acronyms.isdisjoint(_CAPITALS.findall(tag))
    ):
        kind = "office"
    if len(cache) < 8192:
        cache[tag] = kind
    return kind


def political_hashtags(post, lex: PoliticsLexicon) -> list[tuple[int, int, str]]:
    """Hashtags that are political, as (start, end, kind): "partisan" (#VoteGreen, #ToriesOut,
    #GetBrexitDone, #LibDems), "office" (#PCCElections: names an elected office or politician)
    or "target" (#ULEZ, #HomeOffice: a policy or institution). Split into words first, so that a
    party's name inside a place or another word (#HallGreen, #history) is no party."""

    def compute(post):
        found = []
        for m in HASHTAG_RE.finditer(post.text):
            kind = _tag_kind(lex, m.group(1))
            if kind is not None:
                found.append((m.start(), m.end(), kind))
        return found

    if "#" not in post.text:
        return []
    return post.memo("political-hashtags", compute)

"""5.10, 6.6: no political opinion or allegiance."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, first_of_overlapping, register
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.politics import (
    ALLEGIANCE_RE,
    CRITIC_RE,
    GOVERNMENT_RE,
    PARTY_ABBREV_RE,
    POLICY_OF_RE,
    POLLS_OUT_RE,
    PRAISE_RE,
    STRONG_PRAISE_RE,
    VOTE_NAME_RE,
    VOTING_RE,
    finditer,
    for_pack,
    political_hashtags,
    search,
)
from bluelamp.engine.rules.detectors.text import per_pack, phrase_alternation

# What may stand between a word that takes a side and its target ("say no to the council's
# new Clean Air Zone").
_BETWEEN = re.compile(
    r"[\s\-–]*(?:(?:the|our|this|these|their|your|a|new|proposed|planned|latest|"
    r"so-called)\b[\s\-–]*){0,3}$",
    re.IGNORECASE,
)


@per_pack
def _party_allegiance(pack) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """A party's name, as written (capitalised), followed by the pack's words of allegiance
    ("Green Party all the way", "Plaid or nothing"): the short form of a party counts here, as
    in "vote Green", because the words after it say it is the party; after "the" it is a
    thing ("the Green all the way round the park")."""
    after = [w.strip().lower() for w in pack.lexicon("language.party_allegiance") if w.strip()]
    if not after or not pack.parties:
        return None
    forms = set(pack.parties)
    for p in pack.parties:
        first = p.split()[0]
        if first.lower() not in ("independent", "women's") and first[:1].isupper():
            forms.add(first)
    names = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    body = phrase_alternation(sorted(set(after), key=len, reverse=True))
    rx = fast_compile(
        rf"(?<![\w@#])(?<![Tt]he )(?:{names})(?:\s+(?:Party|party))?[\s,!–—-]+(?i:{body})(?!\w)"
    )
    return rx, frozenset(f.split()[0].lower() for f in forms)


# Steering a vote to a kind of candidate: "whoever you vote for, make sure it's someone who'll
# keep our station open" (6.6). The steer needs both the vote and the kind of candidate.
_WHOEVER_VOTE = fast_compile(
    r"\b(?:whoever|whichever (?:party|candidate)|who(?:ever)?) you (?:vote for|back|choose|pick)\b",
    re.IGNORECASE,
)
_KIND_OF_CANDIDATE = fast_compile(
    r"\b(?:it['’]s|it is|they['’]re|they are|you pick|you choose|you back|vote for)\s+"
    r"(?:someone|somebody|a candidate|a party|the one|one|people)\s+(?:who|that)",
    re.IGNORECASE,
)
# Scare quotes: a plain word or two put in quotation marks to mock it ("another 'consultation'
# from the PCC", "run a shift on 'efficiencies'"); with a political target in the sentence the
# sneer is at the target's policy.
# A name for something ("the council's 'walkabout'", "our 'cuppa' morning") is quoted, not mocked.
_SCARE_QUOTES = fast_compile(
    r"(?<![\w'‘’\"“])(?<!['’]s )(?<![Oo]ur )(?<![Tt]he )(?<![Tt]his )(?<! a )(?<![Aa]n )"
    r"['‘“\"][a-z]{4,}['’”\"](?![\w'’])"
)


_INSTITUTION_OWNER = re.compile(r"(?:government|council|Westminster|Downing Street)\b", re.I)


class _Span:
    """A hashtag found by the splitter, shaped like a match for the code below."""

    __slots__ = ("_e", "_s")

    def __init__(self, s: int, e: int) -> None:
        self._s, self._e = s, e

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def span(self) -> tuple[int, int]:
        return self._s, self._e


def political_targets(post, lex, start: int, end: int, institutions: bool = True) -> list:
    """Parties, politicians, offices, contested policies and (with ``institutions``) the
    government and its institutions in [start, end); political hashtags included. Each has
    .start(), .end() and .span()."""
    found = _all_targets(post, lex) if institutions else _elected_targets(post, lex)
    return [m for m in found if start <= m.start() < end]


def _elected_targets(post, lex) -> list:
    def compute(post):
        found = []
        for rx in (lex.parties, PARTY_ABBREV_RE, lex.politicians, lex.offices, lex.policies):
            if rx is not None:
                found.extend(post.finditer(rx))
        text = post.text
        if lex.offices_upper is not None:
            for acronym in lex.acronyms:
                if acronym in text:
                    found.extend(post.finditer(lex.offices_upper))
                    break
        # A politician's plan or policy; the government's or the council's is an institution's.
        found.extend(
            m for m in post.finditer(POLICY_OF_RE) if not _INSTITUTION_OWNER.match(m.group())
        )
        found.extend(
            _Span(s, e) for s, e, kind in political_hashtags(post, lex) if kind != "target"
        )
        return found

    return post.memo("political-elected-targets", compute)


def _all_targets(post, lex) -> list:
    def compute(post):
        found = list(_elected_targets(post, lex))
        found.extend(m for m in post.finditer(POLICY_OF_RE) if _INSTITUTION_OWNER.match(m.group()))
        for rx in (GOVERNMENT_RE, lex.institutions):
            if rx is not None:
                found.extend(finditer(post, rx))
        found.extend(
            _Span(s, e) for s, e, kind in political_hashtags(post, lex) if kind == "target"
        )
        found.sort(key=lambda m: m.start())
        return found

    return post.memo("political-targets", compute)


# A target followed by a verb of speaking or a neutral act is the speaker or the doer: what
# follows is what they said or did ("Councillor Jones said the attack was appalling"), not an
# opinion about them.
_SPEAKER = re.compile(
    r"[\s,]*(?:[A-Z][\w'’.-]*[\s,]+){0,3}(?:has |have |had |was |were )?(?:said|says|say|"
    r"described|describes|condemned|condemns|called|calls|added|adds|told|tells|thanked|thanks|"
    r"urged|urges|praised|praises|welcomed|welcomes|warned|warns|spoke|speaks|joined|joins|"
    r"visited|visits|attended|attends|met|meets|commented|stated|explained|tweeted|wrote|"
    r"hailed|opened|launched|backed|supported|funded|funds)\b"
)


def political_speaker(post) -> tuple[int, int] | None:
    """The first political target when every one the post names is the speaker or the doer
    ("The Home Secretary said the attack was appalling"): what follows is theirs, not an
    opinion about them. The statistical stage's reading of reported speech."""
    targets = _all_targets(post, for_pack(post.pack))
    if targets and all(_SPEAKER.match(post.text, t.end()) for t in targets):
        return targets[0].start(), targets[0].end()
    return None


# A relative clause between target and stance: the stance is about someone else ("the PCC
# joined officers to stop drivers who don't care").
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which)\b|\bthat (?!is\b|are\b|was\b|were\b)", re.I)
# An institution used as a noun before another noun is a place or a department ("the council
# car park", "council staff"), not the institution acting.
_ADJUNCT = re.compile(
    r"[\s'’s]*(?:car ?parks?|offices?|buildings?|estates?|house|houses|homes?|flats?|tenants?|"
    r"staff|teams?|workers?|officers?|CCTV|depots?|vehicles?|vans?|premises|land|property|"
    r"properties|grounds|licensing|wardens?)\b",
    re.I,
)


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A next sentence that starts by pointing back at what was named ("They don't value us"), or
# that holds it to a promise ("Ministers promised 20,000 officers. Still waiting for ours").
_BACK_REFERENCE = re.compile(
    r"\s*(?:they|it|he|she|this|that|these|those|still (?:waiting|no|nothing|none))\b", re.I
)


def _stance_matches(post, rxs, start: int, end: int) -> list:
    found = []
    for rx in rxs:
        if rx is not None:
            found.extend(finditer(post, rx, start, end))
    return found


def _about(text: str, t, m) -> bool:
    """Whether the stance ``m`` is said of the target ``t``."""
    if m.start() <= t.start() and t.end() <= m.end():
        return True  # the stance names the target ("best Home Secretary we've had")
    if t.start() < m.end() and m.start() < t.end():
        return False  # part of the target ("police cuts" is a policy, not criticism of one)
    if _ADJUNCT.match(text, t.end()):
        return False
    if m.start() >= t.end():
        if _SPEAKER.match(text, t.end()):
            return False
        rel = _RELATIVE.search(text, t.end(), m.start())
        # "a Home Secretary who actually backs…": a clause on the target itself is about it.
        if rel and text[t.end() : rel.start()].strip():
            return False
    return True


def _stance(post, lex, targets, start: int, end: int, window_end: int):
    """(target, stance): criticism of any political target is opinion; so is strong praise of
    a politician or institution; plain praise only of a party, a politician's policy or the
    national government ("thanks to the PCC for the brilliant event" is courtesy). The stance
    must be said of the target, not by it or of someone else."""
    text = post.text
    strong = _stance_matches(
        post,
        (CRITIC_RE, lex.criticism, STRONG_PRAISE_RE, lex.praise, _SCARE_QUOTES),
        start,
        window_end,
    )
    plain = []
    if (
        post.search(lex.parties, start, end)
        or post.search(POLICY_OF_RE, start, end)
        or post.search(lex.national, start, end)
    ):
        plain = _stance_matches(post, (PRAISE_RE,), start, window_end)
    for m in sorted(strong + plain, key=lambda m: m.start()):
        for t in targets:
            if _about(text, t, m):
                return t, m
    return None


def _opposed_targets(post, lex) -> list[tuple[int, int]]:
    """A word that takes a side followed within a word or two by a political target ("say no
    to the Clean Air Zone", "scrap the precept")."""
    if lex.opposing is None:
        return []
    out = []
    targets = None
    text = post.text
    for m in finditer(post, lex.opposing):
        if targets is None:
            targets = _all_targets(post, lex)
        for t in targets:
            if m.end() <= t.start() <= m.end() + 30 and _BETWEEN.match(text, m.end(), t.start()):
                out.append((m.start(), t.end()))
                break
    return out


@register
class PoliticalOpinion(Rule):
    id = "political-opinion"
    clause = "5.10"
    severity = Severity.BLOCK
    title = "Political opinion or allegiance"
    explanation = (
        "CC/01 5.10 and 6.6: officers and staff do not express political opinion, on force "
        "accounts or controversially on their own: no support for or criticism of a party, a "
        "politician or government policy, no voting advice, no partisan slogans, no political "
        'campaigning (petitions, lobbying). A neutral, factual mention of an office holder ("the '
        'Police and Crime Commissioner visited the team") is fine.'
    )

    def check(self, post, pack):
        lex = for_pack(pack)
        text = post.text
        spans: list[tuple[int, int, str]] = []
        # One set test tells whether any of the pack's phrase lists can match at all.
        phrases = not lex.phrase_keys.isdisjoint(post.words)
        for rx, what in (
            (lex.vote_for, "voting advice"),
            (ALLEGIANCE_RE, "voting advice or allegiance"),
            (POLLS_OUT_RE, "voting advice"),
            (lex.slogans, "a partisan slogan"),
            (lex.framing, "partisan framing"),
            (lex.campaigning if phrases else None, "political campaigning"),
            (lex.claims if phrases else None, "a political claim"),
        ):
            if rx is not None:
                for m in finditer(post, rx):  # nearly always none: no generator to set up
                    spans.append((m.start(), m.end(), what))
        allegiance = _party_allegiance(pack)
        if allegiance is not None and not allegiance[1].isdisjoint(post.words):
            for m in allegiance[0].finditer(text):
                spans.append((m.start(), m.end(), "allegiance to a party"))
        if "vote" in post.words or "back" in post.words or "choose" in post.words:
            for m in post.finditer(_WHOEVER_VOTE):
                s_start, s_end = post.sentence_at(m.start())
                steer = _KIND_OF_CANDIDATE.search(text, m.end(), s_end)
                if steer:
                    spans.append((m.start(), steer.end(), "voting advice"))
        if "#" in text:
            for s, e, kind in political_hashtags(post, lex):
                if kind == "partisan":
                    spans.append((s, e, "a partisan hashtag"))
        if phrases:
            for s, e in _opposed_targets(post, lex):
                spans.append((s, e, "political campaigning"))
        if (
            (phrases and lex.criticism is not None and search(post, lex.criticism))
            or (("'" in text or "‘" in text or "“" in text) and post.search(_SCARE_QUOTES))
            or (phrases and lex.praise is not None and search(post, lex.praise))
            or post.search(CRITIC_RE)
            or post.search(STRONG_PRAISE_RE)
            or post.search(PRAISE_RE)
        ) and _all_targets(post, lex):
            sentences = post.sentences
            for i, (s_start, s_end) in enumerate(sentences):
                targets = political_targets(post, lex, s_start, s_end)
                if not targets:
                    continue
                # The stance may follow in a short next sentence ("…cameras are a cash cow.
                # Shameful.") or one that points back ("They don't value us").
                w_end = s_end
                if i + 1 < len(sentences):
                    n_start, n_end = sentences[i + 1]
                    nxt = text[n_start:n_end]
                    if len(_WORD.findall(nxt)) <= 4 or _BACK_REFERENCE.match(nxt):
                        w_end = n_end
                found = _stance(post, lex, targets, s_start, s_end, w_end)
                if found:
                    t, stance = found
                    spans.append(
                        (min(t.start(), stance.start()), max(t.end(), stance.end()), "an opinion")
                    )
        if phrases and lex.criticism is not None and post.search(VOTING_RE):
            for s_start, s_end in post.sentences:
                vote = post.search(VOTING_RE, s_start, s_end)
                if vote is None:
                    continue
                # (The pack's political criticism only: "worst weather" in an awards vote is
                # no steer.)
                stance = phrases and search(post, lex.criticism, s_start, s_end)
                if stance:
                    spans.append(
                        (
                            min(vote.start(), stance.start()),
                            max(vote.end(), stance.end()),
                            "voting advice",
                        )
                    )
            for m in post.finditer(VOTE_NAME_RE):
                if _elected_targets(post, lex):
                    spans.append((m.start(), m.end(), "voting advice"))
        findings = []
        for s, e, what in first_of_overlapping(spans):
            findings.append(
                self.finding(
                    post,
                    f"This is {what} about politics (“{text[s:e]}”). Officers and staff keep "
                    "political opinion off social media: remove it.",
                    (s, e),
                )
            )
        return findings

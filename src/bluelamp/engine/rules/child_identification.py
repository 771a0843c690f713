"""4.10, 4.12: a child in a criminal case must not be identified (Children and Young Persons
Act 1933 s.49, Youth Justice and Criminal Evidence Act 1999 s.45)."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.people import (
    CALENDAR,
    CHILD_WORDS_RE,
    FIRST_NAMES,
    HIS_PLACE_RE,
    RELATION_RE,
    SCHOOL_RE,
    attached_age,
    describe_person,
    follow_on,
    is_deceased,
    next_sentence,
    tied_handles,
)

# The child has a part in a criminal case: suspect, arrested, charged, convicted, victim, witness.
CASE_ROLE_RE = gated(
    r"\b(?:arrest(?:ed)?|charged|convicted|sentenced|jailed|remanded|custody|youth court|"
    r"court|suspect(?:ed)?|accused|victim|witness(?:ed)?|robbed|mugged|assaulted|attacked|"
    r"stabbed|shot|injured|hurt|hit by|knocked (?:down|over)|run over|abused|groomed|exploited|"
    r"raped|sexually|threatened|bullied|punched|kicked|beaten|targeted|died|killed|murdered|"
    r"hit[-\s]and[-\s]run|failed to stop|fight|stole|stolen|steal|stealing|theft|burglary|robbery|"
    r"assault|stabbing|released under investigation|on bail|bailed|cautioned|reprimand|bitten|"
    r"mauled|witness(?:es)?|giving evidence|gave evidence|snatched|grabbed|approached by|"
    r"chased|jumped|nicked|youth rehabilitation|referral order|robbing|lifted|in the cells|"
    r"thefts?|mugging|broken into|break-ins?|criminal damage|fights|interviewed|pinched|"
    r"swiped|nabbed|terrorising|terrorizing|threats|threatening|harassed|harassment|stalked|"
    r"stalking|blackmail\w*|"
    # Exploited into crime, or doing the damage: "recruited to run drugs", "smashing the shelters".
    r"recruited|county lines|running drugs|run drugs|drug running|smashing|smashed|vandalis\w+|"
    r"vandaliz\w+|set fire|setting fires|criminally exploited|snatch|snatching|battered|grooming|"
    r"community resolution|nicking|pinching|youth conference order|giving (?:her|his|their) "
    r"evidence|evidence by video link)\b",
    re.IGNORECASE,
)
MISSING_OR_FOUND_RE = gated(
    # "Safe and well" alone is not a missing person ("the victim is safe and well with foster
    # carers"); found safe and well is.
    r"\b(?:missing|last seen|found safe|been found|located safe|have you seen|"
    r"help (?:us )?find|concern for)\b",
    re.IGNORECASE,
)


# An age said of the child as a predicate: "he's 16", "the boy arrested is 14", "the victim's
# only 16" (not "the score is 14", "he's 16 minutes away").
_PREDICATIVE_AGE = fast_compile(
    r"\b(?:[Hh]e|[Ss]he|[Tt]he (?:boy|girl|lad|lass|child|teenager|teen|victim|youngster|youth|"
    r"young person|suspect|pupil)(?: (?:arrested|charged|involved|injured|hurt|concerned|"
    r"responsible|in question))?)(?:['’]s| is| was)\s+(?:only\s+|just\s+|aged\s+)?"
    r"(\d{1,2})\b(?![\d:.,]\d|\s*(?:%|am\b|pm\b|years? ago|mins?\b|minutes|hours|miles|times|"
    r"metres|feet|ft\b|degrees|mph|stone|kg|pounds|weeks|months|days))"
)
# A sentence that goes on about the case's images or victims ("the images include…", "one of
# them is…") belongs to the child's sentence before it.
_CASE_ANAPHOR = fast_compile(
    r"\b(?:the|these|those) (?:offences?|images|photos|photographs|videos|abuse|children "
    r"pictured)\b|\bone of (?:the|them|those)\b|\b(?:the|his|her|their) (?:account|profile|"
    r"handle|username)s? (?:he|she|they)?",
    re.IGNORECASE,
)


# Where the child goes, named: "a pupil at Thorns Collegiate", "attends St Mary's", "plays
# for the Aston Villa academy" (s.49(4): particulars that lead to the child).
_CHILD_PLACE = fast_compile(
    r"\b(?:(?:a |the )?(?:pupils?|students?|year \d{1,2}) (?:at|of)|goes to|attends|attending|"
    r"plays for|playing for|trains with|trains at|(?:goal)?keeper for|captain of|striker for)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'’&\-]*\s*){1,4}"
    r"(?:academy|youth team|juniors|under[-\s]?\d{1,2}s|u\d{1,2}s)?",
)


def child_evidence(post) -> list[tuple[int, int, str]]:
    """Spans that identify a child in a criminal case, with what identifies them."""
    return post.memo("child-identification", _compute)


# A suspect's part in the case: a child suspect who is wanted is not a missing child.
_SUSPECT_RE = gated(
    r"\b(?:suspect(?:ed)?|wanted|in connection with|on suspicion|accused|offender|arrest(?:ed)?|"
    r"charged)\b",
    re.IGNORECASE,
)
# A child word that names a kind of offence ("child sex offences", "child abuse images") is not
# a child in the story: the name of the defendant beside it is not the child's.
_OFFENCE_AFTER = fast_compile(
    r"\s+(?:sex|sexual|abuse|cruelty|neglect|abduction|protection|exploitation|pornography|"
    r"grooming|offences?|safeguarding|images?|trafficking|death|killer|murder)\b",
    re.IGNORECASE,
)
# A parent or other relative counts as identifying only when named beside it ("his father Dean
# Walsh") or when the child is the named person's own relative ("Walsh's daughter").
_CHILD_KIN = (
    "daughter",
    "son",
    "stepdaughter",
    "stepson",
    "step-daughter",
    "step-son",
    "niece",
    "nephew",
    "granddaughter",
    "grandson",
    "grandchild",
    "great-nephew",
    "great-niece",
    "sister",
    "brother",
    "cousin",
    "pupil",
    "student",
)


def _compute(post) -> list[tuple[int, int, str]]:
    # Imported here, not at the top: importing the module registers its rule, and the
    # catalogue keeps the contract's order.
    from bluelamp.engine.rules.sexual_offence_victim import offence_spans

    text = post.text
    if not (post.search(CASE_ROLE_RE) or offence_spans(post)):
        return []  # no part in a criminal case: nothing to protect under s.49 / s.45
    children = [(a.start, a.end) for a in post.ages if a.years < 18]
    for m in _PREDICATIVE_AGE.finditer(text):
        if 0 < int(m.group(1)) < 18 and not any(a <= m.start(1) < b for a, b in children):
            children.append(m.span())
    for rx in (_YOUTH_TEAM, _DASH_AGE):
        for m in rx.finditer(text):
            if 0 < int(m.group(1)) < 18:
                children.append(m.span())
    kin = _named_parents_children(post)
    children += [(a, b) for a, b, _ in kin]
    if not children and not post.words & _CHILD_GATE:
        return []
    for m in post.finditer(CHILD_WORDS_RE):
        # "the girl who…" may be an adult; a bare boy or girl is a child only with a child's age,
        # a school, or "little"/"young" before it.
        weak = m.group(0).lower().rstrip("s") in _WEAK_CHILD_WORDS
        young = re.search(r"(?:little|young|small)\s+$", text[max(0, m.start() - 8) : m.start()])
        if weak and not (
            children
            or young
            or post.search(SCHOOL_RE)
            or post.search(_CHILD_OFFENCE)
            or _BOY_HARMED.match(text, max(0, m.start() - 4), m.end() + 20)
        ):
            continue
        children.append(m.span())
    if not children:
        return []
    if kin and not post.search(MISSING_OR_FOUND_RE):
        return sorted(set(kin) | set(_evidence(post, children)))
    return _evidence(post, children)


def _evidence(post, children) -> list[tuple[int, int, str]]:
    """What identifies each of the ``children`` (spans of their ages or child words)."""
    from bluelamp.engine.rules.sexual_offence_victim import given_names_with_age, personal_handles

    text = post.text
    missing = post.appeal is not None and post.appeal.kind == "missing"
    if (missing or post.search(MISSING_OR_FOUND_RE)) and not post.search(_SUSPECT_RE):
        return []  # naming a missing child is how appeals work; a wanted child suspect is not one
    evidence: list[tuple[int, int, str]] = []
    child_sentences: set[tuple[int, int]] = set()
    # The dead are not protected (s.49 and s.45 protect the living); nor is a named adult.
    living = [n for n in post.identifying_names if not is_deceased(text, n.start, n.end)]
    names = [
        n
        for n in living
        if not ((a := attached_age(text, n.start, n.end, post.ages)) and a.years >= 18)
    ]
    for c_start, c_end in children:
        if is_deceased(text, c_start, c_end):
            continue  # "the murder of 15-year-old…", "who was six when he died"
        s_start, s_end = post.sentence_at(c_start)
        category = _OFFENCE_AFTER.match(text, c_end) is not None
        if any(0 <= a.start - c_end <= 20 and a.years >= 18 for a in post.ages) or _DEATH_SENTENCE(
            post, s_start, s_end
        ):
            continue  # "a former pupil, now 26": the victim is an adult now
        for name in names if not category else ():
            if not s_start <= name.start < s_end:
                continue
            near = (name.end <= c_start and c_start - name.end <= 4) or (
                name.start >= c_end
                and name.start - c_end <= 30
                and _APPOSITION.fullmatch(text, c_end, name.start) is not None
            )
            if near or _is_subject(text, name, c_start, c_end):
                evidence.append((name.start, name.end, "name"))
        # "The girl, her niece, was 9.", "She's the daughter of…": the next sentence about the
        # same child.
        nxt = follow_on(post, s_start, s_end)
        if nxt is None and _CHILD_FOLLOW.match(text, s_end):
            nxt = next_sentence(post, s_end)
        if nxt is not None:
            s_end = nxt[1]
        elif s_end < len(text):
            after = next_sentence(post, s_end)
            if after[0] >= s_end and _CASE_ANAPHOR.search(text, after[0], after[1]):
                s_end = after[1]
        child_sentences.add((s_start, s_end))
        for m in post.finditer(SCHOOL_RE, s_start, s_end):
            if not category:
                evidence.append((m.start(), m.end(), "school"))
        if not category:
            for m in _CHILD_PLACE.finditer(text, s_start, s_end):
                evidence.append((m.start(), m.end(), "school or club"))
        for h_start, h_end in tied_handles(text, living, post.ages):
            if s_start <= h_start < s_end:
                evidence.append((h_start, h_end, "handle"))
        if names or post.arrested or post.charged or post.convicted:
            for m in post.finditer(HIS_PLACE_RE, s_start, s_end):
                evidence.append((m.start(), m.end(), "place tied to the suspect"))
        for m in post.finditer(RELATION_RE, s_start, s_end):
            phrase = text[m.start() : m.end()]
            word = phrase.split(None, 1)[0].lower()
            possessed = re.match(r"[A-Z][a-z]+(?:['’]s|s['’])", phrase)
            kin = any(k in phrase.lower() for k in _CHILD_KIN)
            named_beside = any(0 <= n.start - m.end() <= 2 for n in living)
            if (
                possessed
                or named_beside
                or (kin and post.names and word in ("his", "her", "their"))
                or re.search(r"\bof\b", phrase, re.IGNORECASE)
                or _OF_AFTER.match(text, m.end())
            ):
                evidence.append((m.start(), m.end(), "relationship to an identifiable person"))
        for rx in (_NAMED_PARENTS_CHILD, _PARENT_BUSINESS):
            for m in rx.finditer(text, s_start, s_end):
                evidence.append((m.start(), m.end(), "relationship to an identifiable person"))
        for rx in (_CALLED_GIVEN, _VOCATIVE_GIVEN):
            for m in rx.finditer(text, s_start, s_end):
                if m.group(1) in FIRST_NAMES and m.group(1) not in CALENDAR:
                    evidence.append((m.start(1), m.end(1), "name"))
    # A given name with a child's age ("Sophie (15)") and a handle the post gives as someone's
    # in a child's sentence identify the child (s.49(4): name, school, "any particulars
    # calculated to lead to the identification").
    for start, end, years in given_names_with_age(post):
        if years < 18 and not is_deceased(text, start, end):
            evidence.append((start, end, "name"))
    child_sentences |= {post.sentence_at(a) for a, _ in children}
    for h_start, h_end in personal_handles(post):
        if any(a <= h_start < b for a, b in child_sentences):
            evidence.append((h_start, h_end, "handle"))
    if evidence or any(not is_deceased(text, a, b) for a, b in children):
        for item in post.identifiers:
            if item.kind in ("address", "flat", "postcode"):
                evidence.append((item.start, item.end, "home address"))
    return sorted(set(evidence))


# An offence whose victim is by its nature a child of the accused: child neglect or cruelty, a
# failure to protect a girl from FGM, sexual activity with a child in the family.
_OFFENCE_AGAINST_A_CHILD = gated(
    r"\b(?:neglect(?:ed|ing)?|cruelty|ill[-\s]treat(?:ed|ing|ment)|abandon(?:ed|ing)|female "
    r"genital mutilation|FGM|sexual activity with a (?:child|family member)|incest|familial|"
    r"indecent (?:images|photos|photographs|videos) of (?:his|her|their))\b",
    re.IGNORECASE,
)
# The accused's own child: "her two children", "his daughter", "his partner's daughter".
_OWN_CHILD = fast_compile(
    r"\b(?:his|her|their)\s+(?:own\s+)?(?:(?:two|three|four|five|six|twin|young|baby|infant|"
    r"newborn|little|\w+[-\s]year[-\s]old|(?:partner|girlfriend|boyfriend|wife|husband)['’]s)\s+)*"
    r"(?:children|kids|child|baby|babies|twins|sons?|daughters?|step-?daughters?|step-?sons?|"
    r"nieces?|nephews?|"
    r"granddaughters?|grandsons?|grandchildren|step-?grand(?:daughter|son|child)s?|"
    r"step-?grandchildren|great-(?:nephew|niece|grandson|granddaughter|grandchild)s?)\b",
    re.IGNORECASE,
)


# A relative the post calls young is a child: "his young niece", "her little brother".
_YOUNG_KIN = gated(
    r"\b(?:his|her|their)\s+(?:young|little|baby|infant|toddler)\s+(?:niece|nephew|cousin|sister|"
    r"brother|daughter|son|grandson|granddaughter|stepdaughter|stepson)\b",
    re.IGNORECASE,
)


def _named_parents_children(post) -> list[tuple[int, int, str]]:
    """A named person's own children in an offence against children, or a relative the post
    calls young ("his young niece"): the named person is the "particulars calculated to lead to
    the identification" of the child (CYPA 1933 s.49(4))."""
    if not post.identifying_names:
        return []
    against_child = post.search(_OFFENCE_AGAINST_A_CHILD)
    if not against_child and not post.search(_YOUNG_KIN):
        return []
    text = post.text
    found = []
    kin = [*(_OWN_CHILD.finditer(text) if against_child else ()), *_YOUNG_KIN.finditer(text)]
    for m in kin:
        s_start, s_end = post.sentence_at(m.start())
        prev = post.sentence_at(max(0, s_start - 2))[0] if s_start else s_start
        named = any(
            prev <= n.start < s_end and not is_deceased(text, n.start, n.end)
            for n in post.identifying_names
        )
        if named and not is_deceased(text, m.start(), m.end()):
            found.append((m.start(), m.end(), "relationship to an identifiable person"))
    return found


# The next sentence says who the child is: "He is the son of local boxing coach Terry Maddox",
# "She attends Thorns Collegiate".
_CHILD_FOLLOW = fast_compile(
    r"\s*(?:He|She)(?:\s+is|\s+was|['’]s)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:son|daughter|grandson|"
    r"granddaughter|stepson|stepdaughter|nephew|niece|pupil|student)\b|\s*(?:He|She)\s+(?:attends|"
    r"goes to|plays for|lives)\b"
)


# "the son of Gary Holt", "the daughter of local councillor…": the relation is to a person.
_OF_AFTER = fast_compile(r"\s+of\s+(?:(?:the|a|an|local|[a-z-]+)\s+){0,4}(?:[a-z]+,\s+)?[A-Z]")


_DEATH_WORDS = gated(
    r"\b(?:died|(?:pronounced|found|confirmed) dead|passed away|tributes?|lost (?:his|her|their) "
    r"life)\b",
    re.IGNORECASE,
)
_ROLE_WORDS = gated(
    r"\b(?:arrest(?:ed)?|charged|convicted|suspect(?:ed)?|accused|remanded|jailed|sentenced|"
    r"appear(?:ed|s)?|detained|guilty|custody|bail(?:ed)?|wanted)\b",
    re.IGNORECASE,
)


def _DEATH_SENTENCE(post, start: int, end: int) -> bool:
    """The sentence says someone died and nobody in it is a suspect: the child in it is the one
    who died ("the baby boy, the son of…, has died in hospital"). Only words whose subject is the
    dead count; "killed" or "murder" may have a living child as the killer."""
    return bool(post.search(_DEATH_WORDS, start, end)) and not post.search(_ROLE_WORDS, start, end)


def _is_subject(text: str, name, child_start: int, child_end: int) -> bool:
    """A name in the same sentence as the child's age refers to the child when nothing else
    (another person) stands between them."""
    between = (
        text[child_end : name.start] if name.start >= child_end else text[name.end : child_start]
    )
    if re.search(r"\b(?:is|was)\s*$", between):
        return True  # "the 16-year-old who got jumped … is Sophie Wright"
    # A verb or preposition between them makes them two people: "Dean Walsh was jailed for
    # abusing a 12-year-old girl", "a 15-year-old was robbed by Dean Walsh".
    return len(between) < 100 and not _TWO_PEOPLE.search(between)


_TWO_PEOPLE = fast_compile(
    r"\b(?:man|woman|men|women|officer|PC|his|her|their|after|when|who|following|death|by|for|"
    r"of|against|with|towards|to|from|into|and|\w+ing)\b"
)


# "a 15-year-old boy, Jack Smith,", "the girl, named locally as Jade Price": the name is the child.
_APPOSITION = fast_compile(
    r"[\s,:(\-–]*(?:(?:(?:who\s+)?(?:is|was)|named|called|known|locally|as|from|of|[A-Z][\w'’-]*)"
    r"[\s,:(\-–]+){0,4}?"
)
_WEAK_CHILD_WORDS = frozenset({"boy", "girl", "kid", "lad", "lass"})
# What makes a "boy" or "girl" a child with no age given: a youth team ("the keeper for Bloxwich
# Town U16s"), an offence that only a child can suffer ("grooming a girl", "indecent images"),
# a boy as the victim in a police report ("the boy who was stabbed"), an age after a dash
# ("Jordan Pike's youngest – only 17").
_YOUTH_TEAM = fast_compile(r"\b(?:U|[Uu]nder[-\s]?)(1[0-7])s?\b")
_CHILD_OFFENCE = gated(
    r"\b(?:groom(?:ed|ing)|indecent (?:images|photos|photographs|videos)|sexual activity with|"
    r"causing or inciting|sexual communication with)\b",
    re.IGNORECASE,
)
_BOY_HARMED = fast_compile(
    r"\b[Tt]he (?:young )?boy who (?:was|had been|has been|got)\b", re.IGNORECASE
)
_DASH_AGE = fast_compile(r"[–—-]\s*(?:only|just|aged)\s+(\d{1,2})\b(?![\d:.,]\d)")
# A child known through a named parent: "Jordan Pike's youngest", "whose dad runs the phone
# shop on Ladypool Road".
_NAMED_PARENTS_CHILD = fast_compile(
    r"\b[A-Z][a-z]+ [A-Z][a-z]+['’]s (?:youngest|eldest|oldest|middle one|lad|boy|girl|kid|son|"
    r"daughter)\b"
)
_PARENT_BUSINESS = fast_compile(
    r"\bwhose (?:dad|father|mum|mom|mother|parents?|nan|gran|grandad|grandfather|uncle|aunt) "
    r"(?:runs|owns|manages|works at)\s+(?:the\s+|a\s+)?(?:[a-z]+\s+){0,3}(?:[a-z]+\s+)?"
    r"(?:on|in|at)\s+[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)*"
)
# "the Year 9 lad from St Bede's called Kai": a given name put to the child.
_CALLED_GIVEN = fast_compile(r"\b(?:called|named)\s+([A-Z][a-z]{2,})\b")
# A child addressed by a given name in the child's sentence: "– Keisha, you were so brave".
_VOCATIVE_GIVEN = fast_compile(r"(?:^|[–—,.!]\s+)([A-Z][a-z]{2,}),\s+(?:you|we|thank you)\b")
_CHILD_GATE = frozenset(
    "boy girl boys girls schoolboy schoolgirl pupil pupils teen teens teenager teenagers teenage "
    "juvenile youngster youngsters youth minor child children kid kids toddler baby infant year yr "
    "sixth".split()
)


@register
class ChildIdentification(Rule):
    id = "child-identification"
    clause = "4.10"
    severity = Severity.BLOCK
    law = (
        "Children and Young Persons Act 1933 s.49; Youth Justice and Criminal Evidence Act 1999 "
        "s.45"
    )
    title = "A child in a criminal case is identified"
    explanation = (
        "CC/01 4.10 and 4.12, and the law they point to (CYPA 1933 s.49, YJCEA 1999 s.45): a "
        "person under 18 who is a suspect, arrested, charged, convicted, a victim or a witness "
        "must not be identified — by name, school, home address, social media handle, "
        "relationship to a named person or other particulars. An unnamed juvenile with no "
        "identifying detail is fine, and so is naming a missing child in an appeal or a child in "
        "a context that is not a crime (a cadet, a school visit)."
    )

    def check(self, post, pack):
        evidence = child_evidence(post)
        findings = []
        for start, end, what in evidence:
            s_start, s_end = post.sentence_at(start)
            young = [a for a in post.ages if a.years < 18 and s_start <= a.start < s_end]
            nearest = min(young, key=lambda a: abs(a.start - start), default=None)
            instead = describe_person(post, start, nearest.years if nearest else None)
            if nearest is None:
                instead = {"a man": "a boy", "a woman": "a girl"}.get(instead, "a child")
            findings.append(
                self.finding(
                    post,
                    f"A child in a criminal case is identified by {what} (“{post.text[start:end]}”)."
                    f" Remove the name and anything that points to the child: say “{instead}” "
                    "instead.",
                    (start, end),
                )
            )
        return findings

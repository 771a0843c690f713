"""People in a post: personal names, ages and children, and the words that tie a person to
another (4.10, 4.12, 4.23)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bluelamp.engine.rules.detectors.fastre import fast as fast_rx
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import _lowered, gated
from bluelamp.engine.rules.detectors.identifiers import STREET_SUFFIXES
from bluelamp.engine.rules.detectors.places import PLACES_LOWER
from bluelamp.engine.rules.detectors.text import word_centibels

_DATA = Path(__file__).resolve().parent.parent / "data"


def _load_names() -> frozenset[str]:
    lines = (_DATA / "first_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


FIRST_NAMES = _load_names()

# Words that, capitalised after a given name, show the phrase is not a person's name.
NOT_SURNAMES = frozenset(
    (
        STREET_SUFFIXES.replace("|", " ")
        + """ Police Station Library Academy School College University Hospital Church Centre Center
        Team Unit Day Week Month Year Party Council Commissioner Crown Magistrates Court Park Road
        Incident Fair Festival Mosque Temple Gurdwara Cathedral Community Neighbourhood Watch
        Primary Secondary High Infant Junior Nursery Village Town City Estate Retail Leisure
        Sports Club Football Cricket Rugby Stadium Arena Market Shopping Hub Hall House Tower
        Gallery Museum Theatre Cinema Service Services Trust Foundation Charity Appeal Campaign
        Airport Bridge Canal Reservoir Pool Baths Cemetery Crematorium Hotel Inn Arms Tavern
        Surgery Clinic Pharmacy Bank Building Society Ltd Limited PLC Group Midlands Birmingham
        Wolverhampton Coventry Walsall Dudley Sandwell Solihull Heath Green Bromwich Villa City
        Rovers Albion Wanderers Town United Live Q Dog Dogs Cadets Specials Volunteers Christmas
        Easter Eid Diwali Vaisakhi Ramadan Hanukkah Bonfire Night Morning Evening Afternoon Jubilee
        January February March April May June July August September October November December
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday Lodge Cottage Farm Barn Manor
        Valley Brook River Canal Route Cycle Trail Towpath Island Roundabout Junction Expressway
        Motorway Retail Industrial Business Shopping Precinct Mall Arcade Bus Coach Rail Metro
        Tram Airport Hotel Inn Pub Bar Restaurant Cafe Café Salon Gym Police Fire Ambulance Rooms
        Lounge Social Tavern Arms Club Bowl Cinema Studio Studios Works Mill Yard Wharf Quay""".replace(
            "|", " "
        )
    ).split()
)

_SURNAME = r"(?:Mc|Mac|O['’‘]|De|Da|Di|Van|Von|Le|La|St\.? ?)?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*"
TITLE_NAME_RE = fast_compile(
    rf"\b(?P<title>Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+(?P<rest>{_SURNAME}(?:\s+{_SURNAME})?)\b"
)
OFFICER_TITLES = fast_compile(
    r"(?:\b(?:PC|PCSO|DC|DS|DI|DCI|DSU|Sgt|Sergeant|Insp|Inspector|Ch\.? ?Insp|Chief Inspector|"
    r"Supt|Superintendent|Chief Superintendent|Ch Supt|Chief Constable|Deputy Chief Constable|"
    r"Assistant Chief Constable|ACC|DCC|CC|Detective|Det|Constable|Officer|officer|Special Constable|"
    r"Cadet|cadet|Commander|colleague|our|Our|Chief|Special|Specials)\.?\s+)$"
)
POLITICAL_TITLES = fast_compile(
    r"(?:\b(?:Cllr|Councillor|councillor|MP|Mayor|mayor|PCC|Commissioner|candidate|Minister|"
    r"minister|Secretary|Prime Minister|Lord|Baroness|Sir|Dame)\.?,?\s+)$"
)

_NUM_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUM = r"\d{1,3}|" + "|".join(_NUM_WORDS)
#: The number words an age may be written in ("fifteen-year-old").
NUMBER_WORDS = frozenset(_NUM_WORDS)
# Ages, as separate patterns each starting with something the scanner finds fast, and each run
# only when its cue is in the post: "15-year-old", "aged 15", "Jayden Clarke, 15,", "15yo",
# "Keith (42)".
_YEAR_OLD_RE = fast_compile(
    rf"\b({_NUM})(?:\s*-\s*|\s+)(?:year|yr)s?(?:\s*-\s*|\s+)old\b", re.IGNORECASE
)
_AGED_RE = fast_compile(rf"\baged\s+({_NUM})\b", re.IGNORECASE)
_COMMA_AGE_RE = fast_compile(
    r",\s+(\d{1,2})(?=\s*(?:,|\bfrom\b|\bof\b|\bwho\b|\bhas\b|\bwas\b|\bis\b|\)|\.|$))",
    re.IGNORECASE,
)
_YO_RE = fast_compile(
    r"\b(\d{1,2})\s*(?:yo|y/o|yrs?)\b(?!\s+(?:ago|later|earlier|on|since|before|after|in\b))",
    re.IGNORECASE,
)
_PAREN_AGE_RE = fast_compile(r"\s+\((\d{1,2})\)")
_NOW_AGE_RE = fast_compile(
    r"\b(?:now|turned|turns|just turned)\s+(?:aged\s+)?(\d{1,2})\b", re.IGNORECASE
)
# "…was 9 at the time": the age of the person when it happened.
_AT_THE_TIME_RE = fast_compile(
    rf"\b(?:was|were|is|aged)\s+({_NUM})\s+at\s+the\s+time\b", re.IGNORECASE
)
CHILD_WORDS_RE = gated(
    r"\b(?<!former )(?<!ex-)(?:boy|girl|schoolboy|schoolgirl|schoolchild|school\s?kid|pupil|teen|"
    r"teenager|teenage|juvenile|youngster|youth(?!\s+(?:worker|club|team|football|coach|leader|"
    r"centre|center|service|services|group|project|work|justice|offending|zone|clubs))|"
    r"minor(?!\s+(?:injur\w*|damage|offen[cs]e\w*|collision|crash|incident|road|roads|"
    r"disruption|delays?|fire|cuts?|bruis\w*|wounds?|repairs?|works|changes?))|"
    r"child|children|kid|toddler|baby|infant|(?:year|yr\.?)\s*(?:[1-9]|1[0-3])\b(?:\s+(?:pupil|student|boy|girl|"
    r"lad|lass))?|under[-\s]?18|sixth[-\s]former|birthday boy|birthday girl)s?\b",
    re.IGNORECASE,
)
SCHOOL_RE = gated(
    r"\b(?:[A-Z][\w'’\-]*\s+){1,4}(?:Academy|School|College|High|Primary|Grammar|Infants?|"
    r"Juniors?|Sixth Form)\b(?!\s+(?:Street|St|Road|Rd|Lane|Park))|\bYear\s+(?:[1-9]|1[0-3])\b"
    # Welsh-medium schools put the word first: "Ysgol Bro Teifi", "Ysgol Uwchradd Tywyn".
    r"|\bYsgol(?:\s+(?:y|yr|[A-Z][\w'’\-]*)){1,4}|\bYr\.?\s?(?:[1-9]|1[0-3])\b"
)
HANDLE_RE = fast_compile(r"(?<![\w@])@[A-Za-z0-9_]{2,30}\b")
# A place or home that the post ties to the suspect: "the club where he coached", "lives next
# door to him". Where the suspect is known, it points to the victim.
HIS_PLACE_RE = gated(
    r"\b(?:club|school|team|class|gym|church|academy|group|troop|squad|centre|nursery|"
    r"practice|surgery)\s+(?:where|at which)\s+(?:he|she|they)\s+(?:coached|coaches|taught|"
    r"teaches|worked|works|volunteered|volunteers|ran|runs|led|leads|helped|helps)\b"
    r"|\b(?:lives?|living|lived)\s+(?:next\s+door\s+to|with|opposite|downstairs\s+from|"
    r"upstairs\s+from|across\s+the\s+road\s+from)\s+(?:him|her|them)\b",
    re.IGNORECASE,
)
# A sentence that goes on about the same victim or child: "The girl, her niece, was 9", "She's
# the daughter of…", "Her mum, Jane Hill, thanked…". Its particulars are theirs.
FOLLOW_ON_RE = fast_compile(
    r"\s*(?:She|Her|The\s+(?:(?:young|little|teenage|\d{1,2}[-\s]year[-\s]old)\s+)?(?:girl|boy|child|"
    r"victim|woman|teenager|youngster|pupil|complainant|survivor|lad|lass|baby|toddler|"
    r"schoolgirl|schoolboy))\b"
)


def next_sentence(post, end: int) -> tuple[int, int]:
    """The sentence that starts after ``end``, past the spaces between."""
    text = post.text
    return post.sentence_at(min(len(text) - 1, end + len(text[end:]) - len(text[end:].lstrip())))


def follow_on(post, start: int, end: int) -> tuple[int, int] | None:
    """The next sentence after [start, end) when it is about the same victim or child."""
    if end >= len(post.text) or not FOLLOW_ON_RE.match(post.text, end):
        return None
    return next_sentence(post, end)


RELATION_RE = gated(
    r"\b(?:his|her|their|the)\s+(?:own\s+|next[-\s]door\s+|former\s+|elderly\s+|estranged\s+)?(?:"
    r"step-?grand(?:daughter|son|child)|great-(?:nephew|niece|grandson|granddaughter|grandchild)|"
    r"missus|hubby|wife|husband|partner|ex[-\s]?(?:wife|husband|"
    r"partner|girlfriend|boyfriend)|girlfriend|boyfriend|daughter|son|stepdaughter|stepson|"
    r"step-daughter|step-son|sister|brother|niece|nephew|cousin|mother|mum|father|dad|"
    r"grandmother|grandfather|granddaughter|grandson|aunt|uncle|sister-in-law|brother-in-law|"
    r"mother-in-law|father-in-law|daughter-in-law|son-in-law|neighbour|flatmate|lodger|carer|"
    r"employee|colleague|pupil|student|fiancée?)\b"
    r"|\b(?:wife|husband|partner|daughter|son|sister|brother|niece|nephew|mother|father|"
    r"girlfriend|boyfriend|stepdaughter|stepson|sister-in-law|grandson|granddaughter|"
    r"grandmother|grandfather|cousin)\s+of\b"
    r"|\b(?:his|her|their)\s+(?:\w+[-\s]year[-\s]old|\d{1,2}[-\s]?(?:yo|yr[-\s]old)|little|"
    r"teenage|young|baby)\s+(?:daughter|son|stepdaughter|stepson|sister|brother|niece|nephew|"
    r"cousin|grandson|granddaughter|girlfriend|boyfriend)\b"
    r"|\b(?:son|daughter|stepson|stepdaughter|nephew|niece|grandson|granddaughter|brother|"
    r"sister)\s+of\s+(?:the|a)\s+(?:\w+\s+)?(?:landlord|landlady|owner|manager|head|"
    r"headteacher|vicar|imam|councillor|mp|officer|pcso|coach|teacher|shopkeeper)\b"
    r"|\b[A-Z][a-z]+(?:['’]s|s['’])\s+(?:\d{1,2}[-\s]year[-\s]old\s+|youngest\s+|eldest\s+|"
    r"oldest\s+)?(?:wife|husband|partner|daughter|son|sister|brother|niece|nephew|girlfriend|"
    r"boyfriend|stepdaughter|stepson|sister-in-law|mother|father|neighbour|lad|lass|grandson|"
    r"granddaughter)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    role: str  # "private", "officer", "politician"


@dataclass(frozen=True, slots=True)
class Age:
    start: int
    end: int
    years: int


_TOKEN_RE = fast_compile(r"(?<![\w@#'’‘])[A-Z][A-Za-z'’‘\-]*")
# The part of each capitalised token before its first hyphen (and the parts after hyphens too):
# every token's head is among these, so no head is a given name if none of these is.
_HEAD_RE = fast_compile(r"(?<![\w@#'’‘])[A-Z][A-Za-z'’‘]*")


# Full names and given names alone both ask this of the post: worked out once.
@lru_cache(maxsize=8)
def _may_hold_given_name(text: str) -> bool:
    """Whether a capitalised token of ``text`` may begin with a known given name: most posts
    have none, and then no token needs looking at."""
    return not FIRST_NAMES.isdisjoint(_HEAD_RE.findall(text))


# "Kirsty Lane, 33", "Sophie Lane, arrested…", "Amy Road has been…": a street word followed
# by an age, a lower-case word or a verb is a surname.
_AGE_FOLLOWS = fast_compile(
    r",\s*(?:aged\s+)?\d{1,3}\b|\s+\(\d{1,3}\)|,\s+(?:who|arrested|charged|aged|now)\b|\s+"
    r"(?:has|had|was|is|who|said)\b"
)
# Street words no one has as a surname: "the garage on Albert Road who…" is a place even
# when "who" follows ("Jack Lane, who…" is a person).
_NEVER_SURNAMES = frozenset(
    "Road Rd Street Avenue Ave Crescent Cres Terrace Gardens Square Mews Parade Boulevard "
    "Circus Esplanade Promenade Highway Middleway Ringway Queensway Embankment Causeway".split()
)
_SURNAME_RE = fast_compile(rf"{_SURNAME}(?:['’]s)?$")
# "Jane Hill MP", "Tom Reid, QC": a public office or honour after the name.
_PUBLIC_AFTER = fast_compile(r"\s*,?\s*(?:MP|MEP|MSP|MS|AM|QC|KC|OBE|MBE|CBE|PCC|JP)\b")
# "a Harley Davidson", "an Aston Martin": an article before the words makes them a thing.
_ARTICLE_BEFORE = fast_compile(r"(?:^|\s)(?:a|an)\s+$")


# --- Common words are not names -------------------------------------------------------------
# A capitalised word is a name only if it is not an ordinary English word. How ordinary a word is
# comes from wordfreq's English word list (Zipf scale: 7 is "in", 5.4 is "John", 3 is rare). Its
# "small" list (every word at Zipf 3 or more) is read straight from the package's data file on
# first use: importing wordfreq itself pulls in its tokenisers and costs ten times more, and
# start-up counts.
_ZIPF: dict[str, float] | None = None
#: Words more frequent than the commonest given names ("John" 5.38) are ordinary English when
#: capitalised ("In", "Man", "See", "Hope"): they do not start a name.
GIVEN_MAX_ZIPF = 5.4
CALENDAR = frozenset(
    """Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec January February March April May June
    July August September October November December Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)


def _load_zipf() -> dict[str, float]:
    """wordfreq's small English list (text.word_centibels, read once for every detector) as
    {word: Zipf}."""
    return {word: round(9 - index / 100, 2) for word, index in word_centibels().items()}


def zipf(word: str) -> float:
    """English word frequency of ``word`` on the Zipf scale (wordfreq), 0 when rarer than 3."""
    global _ZIPF
    if _ZIPF is None:
        _ZIPF = _load_zipf()
    return _ZIPF.get(word.lower(), 0.0)


def is_given_name(word: str) -> bool:
    """A known given name that is not an ordinary English word or a month or day."""
    if word not in FIRST_NAMES or word in CALENDAR:
        return False
    return zipf(word) < GIVEN_MAX_ZIPF


def _headline_surname_ok(word: str) -> bool:
    bare = word[:-2] if word.endswith(("'s", "’s")) else word
    # Verbs of a headline ("Jailed", "Charged", "Following") are not surnames; surnames that
    # are also words ("Brown", "Smith") stay possible.
    return not (bare.lower().endswith(("ed", "ing")) and zipf(bare) >= 3.0)


# Capitalised little words in the middle of a line mark it as a title-case headline ("Man
# Jailed For Robbery Of Shop").
_TITLE_WORDS = frozenset(
    "For Of In At Over After With To And On From By Into As Following Before Near Outside".split()
)
_LINE_RE = fast_compile(r"[^\n|]+")
_WORDS_RE = fast_compile(r"[A-Za-z][A-Za-z'’\-]*")
# The first letter of each word of _WORDS_RE: a word runs to the end of its run of letters,
# apostrophes and hyphens, so each such run that holds a letter is one word, begun by its first
# letter.
_INITIALS_RE = fast_compile(r"['’\-]*([A-Za-z])[A-Za-z'’\-]*")


# Full names and given names alone both need the post's headlines: worked out once per post.
@lru_cache(maxsize=8)
def headline_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of lines written in title case, where capitals do not mark names."""
    spans = []
    for line in _LINE_RE.finditer(text):
        start, end = line.span()
        initials = _INITIALS_RE.findall(text, start, end)
        n = len(initials)
        if n < 4:
            continue
        caps = sum(map(str.isupper, initials))
        if caps < 0.7 * n:
            continue  # too few capitals for either test below
        # The little words are looked for only when the capitals alone do not decide.
        if (n >= 5 and caps >= 0.85 * n) or not _TITLE_WORDS.isdisjoint(
            _WORDS_RE.findall(text, start, end)[1:]
        ):
            spans.append((start, end))
    return tuple(spans)


_POSSESSIVE = ("'s", "’s")


def _bare(word: str) -> str:
    """A token without its possessive ending ("Smith's" -> "Smith")."""
    return word[:-2] if word.endswith(_POSSESSIVE) else word


_NICK_GAP = fast_compile(r"\s+['‘\"“][A-Z][\w-]*(?:\s[A-Z][\w-]*)?['’\"”]\s+")


def find_names(text: str, places: frozenset[str]) -> list[Name]:
    """Personal names: a known given name followed by one or two surname-like words, or a
    title (Mr, Mrs, Dr…) and a surname. Places, streets, organisations, brands ("a Harley
    Davidson"), handles and the capitals of a headline are skipped."""
    found: list[Name] = []
    taken: list[tuple[int, int]] = []
    titled = "Mr" in text or "Ms" in text or "Miss" in text or "Dr" in text or "Mx" in text
    for m in TITLE_NAME_RE.finditer(text) if titled or "Master" in text else ():
        found.append(Name(m.start(), m.end(), m.group(0), _role(text, m.start())))
        taken.append((m.start(), m.end()))
    if not _may_hold_given_name(text):
        return found  # in the order found, which is by start
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text)]
    # Headlines are looked for only once a given name is found: most posts have none.
    heads = None
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        head = word.split("-")[0]
        if (
            head not in FIRST_NAMES  # is_given_name's first test, without a call per token
            or not is_given_name(head)
            or any(s <= start < e for s, e in taken)
            or _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
        ):
            i += 1
            continue
        if heads is None:
            heads = headline_spans(text) if len(tokens) >= 4 else ()
        headline = any(a <= start < b for a, b in heads)
        j = i + 1
        last_end = end
        while j < len(tokens) and j - i <= 2:
            s, e, w = tokens[j]
            gap = text[last_end:s]
            bare = w[:-2] if w.endswith(_POSSESSIVE) else w
            aged = _AGE_FOLLOWS.match(text, e)
            # A nickname in quotes between given name and surname: "Dean 'Tank' Morris".
            nick = j == i + 1 and _NICK_GAP.fullmatch(gap) is not None
            if (
                not (gap.isspace() or nick)
                or "\n" in gap
                or (bare in NOT_SURNAMES and (not aged or bare in _NEVER_SURNAMES))
                or not _SURNAME_RE.match(w)
                or (bare.lower() in PLACES_LOWER and word in places and not aged)
                or (headline and not _headline_surname_ok(w))
                or (not aged and zipf(bare) >= GIVEN_MAX_ZIPF)
            ):
                break
            last_end = e
            j += 1
            if w.endswith(("'s", "’s")):
                last_end -= 2
                break
        if j == i + 1:
            i += 1
            continue
        if j < len(tokens) and _bare(tokens[j][2]) in NOT_SURNAMES:
            nxt_gap = text[last_end : tokens[j][0]]
            if nxt_gap.isspace() and not _AGE_FOLLOWS.match(text, last_end):
                i = j + 1  # "Cherry Tree Lane", "Velvet Rooms": a place, not a person
                continue
        role = "politician" if _PUBLIC_AFTER.match(text, last_end) else _role(text, start)
        found.append(Name(start, last_end, text[start:last_end], role))
        i = j
    found.sort(key=lambda n: n.start)
    return found


# A given name on its own counts as naming someone where the post ties it to them: next to an
# age ("Zain, 11", "Ava (13)"), a school year or a place ("Aisha in Year 10", "Stacey from the
# café"), or a relationship ("my sister's mate becky").
_GIVEN_AFTER = fast_compile(
    r"(?:,\s*(?:aged\s+)?\d{1,2}\b|\s+\(\d{1,2}\)|,?\s+who (?:turned|is|was) \d|\s+in year \d|\s+"
    r"from the\b|\s+at (?:the )?[A-Z]|\s*[.!]?\s*$)",
    re.IGNORECASE,
)
_CASUAL_RE = fast_compile(
    r"\b(?:my|our|her|his|their)\s+(?:\w+(?:['’]s)?\s+){0,2}?(?:mate|friend|bestie|housemate|"
    r"flatmate|sister|brother|cousin|neighbour|niece|nephew|daughter|son|colleague|partner|"
    r"girlfriend|boyfriend)\s+([a-z][a-z'\-]+)(?:\s+([a-z][a-z'\-]+))?"
    r"|\bis\s+([a-z][a-z'\-]+)\s+([a-z][a-z'\-]+)\b"
)
FIRST_NAMES_LOWER = frozenset(n.lower() for n in FIRST_NAMES)
_NOT_CASUAL_SURNAME = frozenset(
    "from in at on and or but who was is the a an she he they it her his with for to of by "
    "doing ok okay fine safe home proper really so very".split()
)


_FEW_SPANS = 8


def find_given_names(text: str, taken: list[tuple[int, int]]) -> list[Name]:
    """Given names alone, and names typed in lower case in casual posts."""
    found: list[Name] = []
    heads = None
    # A long post names many people: there, the positions inside ``taken`` as a set, not a
    # look at every name for every token.
    covered: set[int] | None = None
    if len(taken) > _FEW_SPANS:
        covered = set()
        for s, e in taken:
            covered.update(range(s, e))
    # A token that is a given name is its own head: none if no head is one.
    for m in _TOKEN_RE.finditer(text) if _may_hold_given_name(text) else ():
        word = m.group(0)
        if (
            word not in FIRST_NAMES
            or word in NOT_SURNAMES
            or (
                m.start() in covered
                if covered is not None
                else any(s <= m.start() < e for s, e in taken)
            )
            or not is_given_name(word)
            or text[max(0, m.start() - 2) : m.start()][:1].isdigit()
        ):
            continue
        if heads is None:
            heads = headline_spans(text)
        if any(a <= m.start() < b for a, b in heads):
            continue
        before = text[max(0, m.start() - 2) : m.start()]
        if (m.start() == 0 or before.endswith((". ", "\n"))) and not _GIVEN_AFTER.match(
            text, m.end()
        ):
            continue
        if _GIVEN_AFTER.match(text, m.end()) and _role(text, m.start()) == "private":
            found.append(Name(m.start(), m.end(), word, "private"))
    for m in _CASUAL_RE.finditer(text):
        first = m.group(1) or m.group(3)
        last = m.group(2) or m.group(4)
        start = m.start(1) if m.group(1) else m.start(3)
        if (
            first not in FIRST_NAMES_LOWER
            or first in _NOT_CASUAL_SURNAME  # "my mate in the Bull's Head"
            or any(s <= start < e for s, e in taken)
        ):
            continue
        end = start + len(first)
        if last and last not in _NOT_CASUAL_SURNAME and last not in FIRST_NAMES_LOWER:
            end = (m.start(2) if m.group(2) else m.start(4)) + len(last)
        elif m.group(3):
            continue  # "is sophie" alone is too weak
        found.append(Name(start, end, text[start:end], "private"))
    return found


def _role(text: str, start: int) -> str:
    before = text[max(0, start - 40) : start]
    if OFFICER_TITLES.search(before):
        return "officer"
    if POLITICAL_TITLES.search(before):
        return "politician"
    return "private"


_FAST = {}
# What every match of a pattern holds, looked for in the lower-cased text before the pattern
# runs: most posts hold the cue ("old" in "hold", "yo" in "you", "now ") but not this. An "s"
# also stands for "ſ", which IGNORECASE takes for "s" and lower-casing leaves as it is.
_YEAR_OLD_CUE = fast_compile(r"(?:year|yr)[sſ]?(?:\s*-\s*|\s+)old")
_YO_CUE = fast_compile(r"\d\s*(?:yo|y/o|yr)")
_NOW_AGE_CUE = fast_compile(r"(?:now|turned|turn[sſ])\s+(?:aged\s+)?\d")
# Each pattern with the words that must be in the lower-cased text (any of them) and the cue
# above, if it has one; in this order, the first to find an age at a place gives it.
_AGE_PATTERNS = (
    (_YEAR_OLD_RE, ("old",), _YEAR_OLD_CUE),
    (_AGED_RE, ("aged",), None),
    (_COMMA_AGE_RE, (", ",), None),
    (_YO_RE, ("yo", "yr", "y/o"), _YO_CUE),
    (_PAREN_AGE_RE, ("(",), None),
    (_NOW_AGE_RE, ("now ", "turn"), _NOW_AGE_CUE),
    (_AT_THE_TIME_RE, ("at the time",), None),
)


def find_ages(text: str, lower: str | None = None) -> list[Age]:
    """Ages: "15-year-old", "aged 15", "Jayden Clarke, 15,", "15yo", "Keith (42)", "now 16".
    With ``lower`` (the text lower-cased, same length) the patterns run without IGNORECASE."""
    fast = lower is not None
    lower = lower if lower is not None else text.lower()
    ages: list[Age] = []
    starts = set()
    for rx, words, cue in _AGE_PATTERNS:
        for word in words:
            if word in lower:
                break
        else:
            continue
        if cue is not None and cue.search(lower) is None:
            continue
        if fast and rx.flags & re.IGNORECASE:
            if rx not in _FAST:
                _FAST[rx] = fast_rx(_lowered(rx))
            matches = _FAST[rx].finditer(lower)
        else:
            matches = rx.finditer(text)
        after_word = rx is _COMMA_AGE_RE or rx is _PAREN_AGE_RE
        for m in matches:
            start = m.start()
            if after_word and not (start and text[start - 1].isalpha()):
                continue
            raw = m.group(1).lower()
            years = _NUM_WORDS[raw] if raw in _NUM_WORDS else int(raw)
            if years <= 120 and start not in starts:
                starts.add(start)
                ages.append(Age(start, m.end(), years))
    ages.sort(key=lambda a: a.start)
    return ages


# --- Who a name or a child is in the story ---------------------------------------------------
# The dead are not protected by the anonymity rules: CYPA 1933 s.49 and YJCEA 1999 s.45 protect
# living children concerned in proceedings, and the Sexual Offences (Amendment) Act 1992 s.1
# gives anonymity during the victim's lifetime. Forces name the dead at the family's request.
_DESCRIPTORS = (
    r"(?:(?:the|a|an|his|her|their|tragic|much[-\s]loved|beloved|little|young|baby|schoolboy|"
    r"schoolgirl|teenager|teenage|toddler|boy|girl|man|woman|father|mother|dad|mum|son|daughter|"
    r"\w+[-\s](?:year|yr|month|week)s?[-\s]old|\d{1,2}\s*yo|aged\s+\d{1,3}|of|our)\s+)*"
)
DEATH_BEFORE_RE = fast_compile(
    r"(?:(?<!attempted )murder(?:ing|ed)?|death|deaths|killing|killed|kill|manslaughter|"
    r"(?<!non-)(?<!non )fatal(?:ly)?\s+\w+(?:\s+of)?|(?<!non-)(?<!non )fatal|tributes?\s+(?:to|for|"
    r"paid\s+to)|paid\s+tribute\s+to|funeral\s+of|memory\s+of|inquest\s+into|justice\s+for|"
    r"loss\s+of|the\s+late|body\s+of|remembering|RIP)\s+(?:of\s+|to\s+)?" + _DESCRIPTORS + r"$",
    re.IGNORECASE,
)
# Said of the person after the name or age. Being killed takes the passive ("was killed"): "Jack
# Smith, 15, killed a man" makes him the suspect, not the dead.
DEATH_AFTER_RE = fast_compile(
    r"(?:,?\s*(?:aged\s+)?\d{1,3},?|\s*\(\d{1,3}\))?(?:,\s*[^,.]{1,60},)?\s*(?:who\s+)?"
    r"(?:(?:has|had|sadly|tragically|later|subsequently)\s+)*(?:died|passed\s+away|did\s+not\s+"
    r"survive|lost\s+(?:his|her|their)\s+li(?:fe|ves)|(?:was|were|is|has\s+been|had\s+been)\s+"
    r"(?:\w+\s+){0,2}?(?:pronounced|found|confirmed|declared)\s+dead|(?:was|were|has\s+been|had\s+"
    r"been)\s+(?:sadly\s+|tragically\s+)?(?:killed|murdered|stabbed\s+to\s+death|shot\s+dead|"
    r"fatally\s+\w+)|(?:was\s+)?(?:just\s+|only\s+)?(?:\w+\s+(?:years?|months?|weeks?)\s+old\s+)?"
    r"(?:when|after|before)\s+(?:he|she|they)\s+died|['’]s?\s+(?:family|families|parents|mum|dad|"
    r"mother|father)\s+(?:have|has)?\s*(?:paid|pay)\s+tribute)",
    re.IGNORECASE,
)


def is_deceased(text: str, start: int, end: int) -> bool:
    """The person at [start, end) (a name, or a child's age) is said to have died."""
    if DEATH_BEFORE_RE.search(text, max(0, start - 80), start):
        return True
    return DEATH_AFTER_RE.match(text, end) is not None


def attached_age(text: str, start: int, end: int, ages: list[Age]) -> Age | None:
    """The age given with the person at [start, end): "Dean Walsh, 36,", "Dean Walsh (36)",
    "36-year-old Dean Walsh", "22yo Dean Walsh"."""
    for a in ages:
        if 0 <= a.start - end <= 3 and _AGE_GAP.fullmatch(text, end, a.start):
            return a
        if 0 <= start - a.end <= 12 and _AGE_GLUE.fullmatch(text, a.end, start):
            return a
    return None


_AGE_GAP = fast_compile(r"[\s,(]*")
_AGE_GLUE = fast_compile(
    r"\s*(?:(?:man|woman|male|female|boy|girl|teenager|lad|#?wanted)\s+)*", re.IGNORECASE
)

# A handle points to a person where the post ties it to them: "her Instagram account
# @jess_x", "known online as @jess_x", "Jess (@jess_x)". A handle the post is addressed to,
# or one to contact, follow or watch (an organisation or the media), identifies nobody.
PERSONAL_HANDLE_BEFORE = fast_compile(
    r"(?:instagram|insta|snapchat|snap|tiktok|twitter|facebook|social\s+media|online|username|"
    r"user\s+name|handle|account|profile|known\s+as|goes\s+by|called|(?:under|by)\s+the\s+name|"
    r"(?:she|he)(?:['’]s|\s+is)|(?:video|footage|photos?|pictures?|clip|images?)\s+of)"
    r"\W{0,3}(?:\w+\W{1,3}){0,1}$",
    re.IGNORECASE,
)


def tied_handles(text: str, names: list[Name], ages: list[Age]) -> list[tuple[int, int]]:
    """Handles that the post ties to a person (see PERSONAL_HANDLE_BEFORE)."""
    spans = []
    for m in HANDLE_RE.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        glued = any(0 <= m.start() - n.end <= 3 for n in names) or any(
            0 <= a.start - m.end() <= 3 for a in ages
        )
        bracketed = before.endswith("(") and text[m.end() : m.end() + 1] == ")"
        if glued or bracketed or PERSONAL_HANDLE_BEFORE.search(before):
            spans.append(m.span())
    return spans


_SEX_CUES = (
    ("male", fast_compile(r"\b(?:man|he|him|his|male|boy|lad|father|son|husband|brother)\b", re.I)),
    (
        "female",
        fast_compile(r"\b(?:woman|she|her|female|girl|mother|daughter|wife|sister)\b", re.I),
    ),
)
_NOUNS = {
    ("male", True): "man",
    ("female", True): "woman",
    ("male", False): "boy",
    ("female", False): "girl",
}


def describe_person(post, pos: int, years: int | None) -> str:
    """A way to refer to the person at ``pos`` without identifying them, from what the post
    itself says: their own age and sex ("a 15-year-old boy"), or a neutral phrase ("a
    15-year-old", "a person"). Never an age or sex the post does not give."""
    text = post.text
    s_start, s_end = post.sentence_at(pos)
    window = text[s_start : min(len(text), s_end + 160)]
    sexes = {sex for sex, rx in _SEX_CUES if rx.search(window)}
    sex = sexes.pop() if len(sexes) == 1 else None
    if years is None:
        return {"male": "a man", "female": "a woman"}.get(sex or "", "a person")
    article = "an" if str(years).startswith("8") or years in (11, 18) else "a"
    noun = _NOUNS.get((sex or "", years >= 18))
    return f"{article} {years}-year-old" + (f" {noun}" if noun else "")

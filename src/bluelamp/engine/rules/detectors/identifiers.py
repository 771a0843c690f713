"""Identifiers of a private individual: addresses, postcodes, dates of birth, National
Insurance, NHS and payment card numbers (4.12)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.text import ascii_digits

STREET_SUFFIXES = (
    "Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Cl|Drive|Dr|Way|Crescent|Cres|Grove|Gr|Place|Pl|"
    "Gardens|Gdns|Terrace|Tce|Court|Ct|Walk|Rise|Hill|Square|Sq|Mews|View|Row|Green|Parade|Vale|"
    "Croft|Meadow|Meadows|Fold|Boulevard|Circus|Gate|End|Wharf|Bank|Chase|Copse|Dale|Fields|"
    "Heights|Hollow|Mount|Oval|Path|Quay|Ridge|Spinney|Glade|Park|Approach|Passage|Yard|Brow|"
    "Causeway|Crest|Drove|Embankment|Esplanade|Leys|Orchard|Pathway|Promenade|Villas|Wynd|Highway|"
    "Queensway|Ringway|Middleway"
)
# Welsh names put the street word first: "Heol y Dderwen", "Ffordd Penrhyn", "Stryd Fawr".
WELSH_STREET = (
    r"(?:Heol|Ffordd|Stryd|Lôn|Lon|Rhodfa|Clos|Cilgant|Teras|Maes)\s+"
    r"(?:(?:y|yr|['’]r|[A-Z][\w'’\-]*)\s+){0,2}[A-Z][\w'’\-]*"
)
STREET_NAME = rf"(?:(?:[A-Z][\w'’\-]*\s+){{1,3}}(?:{STREET_SUFFIXES})\b|{WELSH_STREET}\b)(?!\s+\d)"
STREET_RE = fast_compile(rf"\b{STREET_NAME}")
# A house number (or range, or 12a) directly before a named street: a house-level address.
HOUSE_NUMBER_RE = fast_compile(
    rf"(?<![\w£$€.,:/#\-])(?:no\.?\s*)?\d{{1,4}}[A-Za-z]?(?:\s*[-–/]\s*\d{{1,4}}[A-Za-z]?)?,?\s+"
    rf"(?:the\s+)?{STREET_NAME}"
)
FLAT_RE = fast_compile(
    r"\b(?:flat|apartment|apt\.?|maisonette)\s*(?:no\.?\s*)?\d{1,4}[A-Za-z]?\b|\b(?:lives at|"
    r"resident at|residents? of|house at|home at|at) number \d{1,4}[A-Za-z]?\b",
    re.I,
)
HOUSE_NAME_RE = fast_compile(
    rf"\b(?:[A-Z][a-z]+\s+){{1,2}}(?:Cottage|Farm|Lodge|Barn|Villa|Bungalow|Manor|Farmhouse)(?:,|\s+on|\s+in)\s+"
    rf"{STREET_NAME}"
)
POSTCODE_RE = fast_compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[ABD-HJLNP-UW-Z]{2}\b")
_PUBLIC_PLACE = fast_compile(
    r"\b(?:police station|station|front counter|front desk|enquiry office|library|court|centre|"
    r"center|church|mosque|gurdwara|temple|"
    r"synagogue|school|academy|college|university|hospital|stadium|park|shop|store|supermarket|"
    r"office|offices|HQ|headquarters|hall|museum|theatre|venue|hub|surgery|market|arena|ground|"
    r"Lloyd House|pub|hotel|restaurant|cafe|café|garage|depot)\b",
    re.I,
)
_HOME = fast_compile(
    r"\b(?:lives|living|resident|residents|address|(?:his|her|their|my|a) (?:home|house|flat))\b",
    re.I,
)
_FLAT_BEFORE = fast_compile(r"(?:flat|apartment|apt\.?|maisonette|unit)\s*(?:no\.?\s*)?$", re.I)

_MONTHS = (
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    "Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
FULL_DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:19|20)?\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+(?:19|20)\d{{2}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}})"
)
DOB_RE = fast_compile(
    rf"\b(?:date\s+of\s+birth\b|d\.?\s?o\.?\s?b\b\.?|born(?:\s+on)?\b|birthday\b)[\s:,\-–(]*"
    rf"(?:is\s+|was\s+|of\s+)?"
    rf"(?P<date>{FULL_DATE})",
    re.I,
)
# A full date in brackets (or between commas) straight after a person's name, the way forces
# write a defendant's date of birth: "Jo Bloggs (27/12/1985) of ...", "Jo Bloggs, 34,
# (27/12/1985)". An incident date follows "on" or "of", or a day or month, not a name.
_NUMERIC_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}"
DOB_NAME_RE = fast_compile(
    rf"(?<![\w'’])(?P<name>[A-Z][A-Za-z'’\-]+)(?:,\s*\d{{1,3}},?)?\s*\(\s*(?P<date>{FULL_DATE})\s*\)"
    rf"|(?<![\w'’])(?P<name2>[A-Z][A-Za-z'’\-]+),\s*(?P<date2>{_NUMERIC_DATE}),\s*(?=(?:of|from|who|"
    rf"has|was|is|and|aged)\b)"
)
# A full date is there at all (cheap, before the name-and-date pattern runs).
_DATE_SHAPE = fast_compile(
    r"\d[/.\-]\d{1,2}[/.\-]\d|\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (?:19|20)"
)
# A full name ends where the date's name word is: "Gail Andrews (…)", "Francis Turton (…)".
_FULL_NAME_BEFORE = fast_compile(r"\b[A-Z][a-z'’\-]+\s+$")
_NOT_A_NAME = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter eve day night
    morning afternoon evening today tonight yesterday court update updated result results
    closing closed opening open date dated ref reference log incident crime from on of at by
    until since between week weekend month year""".split()
)
# Whose birthday: a police dog's ("PD Max, born 3rd May 2017") or the force's own ("West
# Midlands Police was born on 1 April 1974") is no person's date of birth.
_BORN_NOT_A_PERSON = fast_compile(
    r"(?:\b(?:PD|police dogs?|dogs?|puppy|pup|horses?|pony|kitten|cat)\b[^.!?\n]{0,16}"
    r"|\b(?:Police|Constabulary|Service)\s+(?:was\s+)?)$"
)
DOB_AFTER_RE = fast_compile(rf"(?P<date>{FULL_DATE})\s*\(?\b(?:d\.?o\.?b\.?|date of birth)\b", re.I)
NINO_RE = fast_compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
)
NINO_CUE_RE = fast_compile(
    r"\b(?:NI|N\.I\.|NINO|national insurance)\b(?:\s*(?:no\.?|number))?[\s:.(]*(?:is\s+|was\s+)?"
    r"(?P<n>[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d])\b",
    re.I,
)
_NI_WORD = fast_compile(r"\b(?:NI|NINO)\b")
_NINO_ANY_PREFIX = fast_compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
# (Not the rest of a phone number written "+44 (0)345 …".)
TEN_DIGITS_RE = fast_compile(
    r"(?<![\d\w+])(?<!\(0\))(?<!\(0\) )\d{3}[\s\-]?\d{3}[\s\-]?\d{4}(?![\d\w])"
)
CARD_RE = fast_compile(r"(?<![\d\w])[2-6]\d{3}(?:[\s\-]?\d){9,15}(?![\d\w])")


@dataclass(frozen=True, slots=True)
class Identifier:
    start: int
    end: int
    kind: str  # address, flat, postcode, dob, nino, nhs, card
    value: str


def _nhs_valid(digits: str) -> bool:
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_STREET_WORDS = frozenset(s.lower() for s in STREET_SUFFIXES.split("|")) | frozenset(
    "heol ffordd stryd lôn lon rhodfa clos cilgant teras maes".split()
)
_DOB_CUES = ("birth", "born", "dob", "d.o.b", "d o b", "d.ob", "do.b", "d. o. b")
# Two letters, then four digits (a space allowed between pairs). Only whether it occurs is
# used: the search starts at the first digit and looks back for the letters.
_NINO_SHAPE = fast_compile(r"\d(?:(?<=[A-Za-z]{2}\d)|(?<=[A-Za-z]{2} \d))\d ?\d\d")
_POSTCODE_SHAPE = fast_compile(r"[A-Z]\d")
# What every match of HOUSE_NUMBER_RE holds: a house number's last digit (and letter) and the
# street. It is tried at digits only, where HOUSE_NUMBER_RE is also tried at every "n" (of
# "no."): most posts with a number and a street word have no match, and find that sooner.
_HOUSE_NUMBER_SHAPE = fast_compile(rf"\d[A-Za-z]?,?\s+(?:the\s+)?{STREET_NAME}")
# The prefilters below run on the lower-cased text without IGNORECASE, several times faster. To
# find every place the case-insensitive pattern matches the text, "i" also stands for "ı" and
# for "i̇" (what "İ" lower-cases to), and "s" for "ſ": IGNORECASE takes them for "i" and "s".
_I = "(?:i\u0307?|ı)"
_S = "[sſ]"
# What every match of FLAT_RE holds (its words, then a digit): "number" alone is in many posts.
_FLAT_SHAPE = fast_compile(
    rf"(?:flat|apartment|apt\.?|ma{_I}{_S}onette)\s*(?:no\.?\s*)?\d|number \d"
)
# What every match of DOB_AFTER_RE holds (the date before the cue makes it costly to search).
_DOB_AFTER_CUE = fast_compile(rf"d\.?o\.?b|date of b{_I}rth")
# What every match of DOB_NAME_RE holds: the date in brackets, or between commas before one of
# its words. Searched from the "(" or ",", not at each capitalised word.
_DOB_NAME_SHAPE = fast_compile(
    rf"\(\s*{FULL_DATE}\s*\)|,\s*{_NUMERIC_DATE},\s*(?=(?:of|from|who|has|was|is|and|aged)\b)"
)
# What every match of NINO_RE and NINO_CUE_RE holds: three pairs of digits and the final letter
# (A to D, either case). A year after two letters ("in 2024") passes _NINO_SHAPE, not this.
_NINO_DIGITS = fast_compile(r"\d\d\s?\d\d\s?\d\d\s?[A-Da-d]")
# Any of these words in the lower-cased text: one search instead of a test per word.
_HOUSE_NAME_CUE = fast_compile(r"cottage|farm|lodge|barn|villa|bungalow|manor")


def find_identifiers(
    text: str, words: frozenset[str], has_digit: bool, lower: str | None = None
) -> list[Identifier]:
    """Each pattern runs only when a cheap sign of it is there: a street word, a cue, enough
    digits."""
    found: list[Identifier] = []
    add = found.append
    lower = lower if lower is not None else text.lower()  # only for cues: length may differ
    if has_digit:
        n_digits = ascii_digits(text)
        streets = not words.isdisjoint(_STREET_WORDS)
        for m in (
            HOUSE_NUMBER_RE.finditer(text) if streets and _HOUSE_NUMBER_SHAPE.search(text) else ()
        ):
            if _FLAT_BEFORE.search(text, max(0, m.start() - 14), m.start()):
                continue  # "Flat 3, Tower Court": the flat number is the finding
            add(Identifier(m.start(), m.end(), "address", m.group(0)))
        for m in (
            FLAT_RE.finditer(text)
            if (
                ("flat" in lower or "apart" in lower or "apt" in lower or "maisonette" in lower)
                or "number" in lower
            )
            and _FLAT_SHAPE.search(lower)
            else ()
        ):
            add(Identifier(m.start(), m.end(), "flat", m.group(0)))
        for m in POSTCODE_RE.finditer(text) if _POSTCODE_SHAPE.search(text) else ():
            # A full postcode points to a handful of homes unless it is given for public premises.
            window = text[max(0, m.start() - 80) : m.start()]
            if _PUBLIC_PLACE.search(window) and not _HOME.search(window):
                continue
            add(Identifier(m.start(), m.end(), "postcode", m.group(0)))
        if any(c in lower for c in _DOB_CUES):
            for m in DOB_RE.finditer(text):
                if not _BORN_NOT_A_PERSON.search(text, max(0, m.start() - 24), m.start()):
                    add(Identifier(m.start(), m.end(), "dob", m.group(0)))
            for m in DOB_AFTER_RE.finditer(text) if _DOB_AFTER_CUE.search(lower) else ():
                add(Identifier(m.start(), m.end(), "dob", m.group(0)))
        for m in (
            DOB_NAME_RE.finditer(text)
            if _DATE_SHAPE.search(text) and _DOB_NAME_SHAPE.search(text)
            else ()
        ):
            name = m.group("name") or m.group("name2")
            if name.lower() in _NOT_A_NAME or name.lower() in _STREET_WORDS:
                continue
            from bluelamp.engine.rules.detectors.people import FIRST_NAMES  # people imports us

            if name not in FIRST_NAMES and not _FULL_NAME_BEFORE.search(text, 0, m.start()):
                continue  # "Blues v Villa (12/03/2021)": a person's name comes first
            group = "date" if m.group("date") else "date2"
            add(Identifier(m.start(group), m.end(group), "dob", m.group(group)))
        if n_digits >= 6 and _NINO_DIGITS.search(text) and _NINO_SHAPE.search(text):
            for m in NINO_RE.finditer(text):
                add(Identifier(m.start(), m.end(), "nino", m.group(0)))
            for m in NINO_CUE_RE.finditer(text):
                add(Identifier(m.start("n"), m.end("n"), "nino", m.group("n")))
            # Said to be one ("your National Insurance number … I've got it as QQ 12 34 56
            # C"): any two capitals, the shape HMRC writes its own examples in.
            if "national insurance" in lower or _NI_WORD.search(text):
                for m in _NINO_ANY_PREFIX.finditer(text):
                    add(Identifier(m.start(), m.end(), "nino", m.group(0)))
        for m in TEN_DIGITS_RE.finditer(text) if n_digits >= 10 else ():
            digits = re.sub(r"\D", "", m.group(0))
            cue = "nhs" in text[max(0, m.start() - 40) : m.start()].lower()
            if digits[0] == "0" or not (cue or _nhs_valid(digits)):
                continue
            if cue or re.fullmatch(r"\d{3} \d{3} \d{4}", m.group(0)):
                add(Identifier(m.start(), m.end(), "nhs", m.group(0)))
        for m in CARD_RE.finditer(text) if n_digits >= 13 else ():
            digits = re.sub(r"\D", "", m.group(0))
            grouped = re.fullmatch(r"\d{4}([ -])\d{4}\1\d{4}\1\d{4}", m.group(0))
            if 13 <= len(digits) <= 19 and (_luhn(digits) or grouped):
                add(Identifier(m.start(), m.end(), "card", m.group(0)))
    for m in HOUSE_NAME_RE.finditer(text) if _HOUSE_NAME_CUE.search(lower) else ():
        add(Identifier(m.start(), m.end(), "address", m.group(0)))
    return _dedupe(found)


def _dedupe(items: list[Identifier]) -> list[Identifier]:
    """Drop a finding wholly inside another (a DOB date is not also a card number)."""
    items.sort(key=lambda i: (i.start, -(i.end - i.start)))
    kept: list[Identifier] = []
    for item in items:
        if kept and item.start >= kept[-1].start and item.end <= kept[-1].end:
            continue
        kept.append(item)
    return kept


_BUILDING_NAME = re.compile(r"[A-Z][\w'’]*\s+$")


def _home_word(home: re.Pattern[str], text: str) -> bool:
    """A word for a home, not the last word of a building's name ("Council House")."""
    return any(
        not (m.group(0)[0].isupper() and _BUILDING_NAME.search(text, 0, m.start()))
        for m in home.finditer(text)
    )


_POSSESSIVE_PLACE = re.compile(r"\b[A-Z][a-z]+['’]s\s+(?:in|at|on|,)?\s*$")


def postcode_is_home(text: str, item: Identifier, home: re.Pattern[str]) -> bool:
    """A full postcode is personal data when the post ties it to where someone lives: a word
    for a home near it ("her home in", "the house in the ... area", "lives at"), a house-level
    address before it, or a person's place ("Doris's in"). A postcode given for a public
    building, a business or an event is not."""
    before = text[max(0, item.start - 80) : item.start]
    after = text[item.end : item.end + 30]
    if _PUBLIC_PLACE.search(before[-40:]) and not _HOME.search(before):
        return False
    return bool(
        _home_word(home, before)
        or _home_word(home, after)
        or _POSSESSIVE_PLACE.search(before)
        or HOUSE_NUMBER_RE.search(before[-60:])
    )


def address_is_public(text: str, item: Identifier, home: re.Pattern[str]) -> bool:
    """A numbered address given for a public building or a business ("our front office at
    14 Bilston Street", "the shop at 3 High Street") rather than for where someone lives. A
    house name (Rose Cottage) is always a home."""
    if not item.value[:1].isdigit() and not item.value.lower().startswith("no"):
        return False
    before = text[max(0, item.start - 40) : item.start]
    after = text[item.end : item.end + 30]
    if _home_word(home, text[max(0, item.start - 60) : item.start]) or _home_word(home, after):
        return False
    return bool(_PUBLIC_PLACE.search(before) or _PUBLIC_PLACE.match(after.lstrip(" ,(")))

"""4.23: other people can identify the subject of a post even without a name."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.child_identification import child_evidence
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.identifiers import STREET_RE
from bluelamp.engine.rules.sexual_offence_victim import sexual_victim_evidence

# Jobs and roles that narrow a description to few people.
ROLES = (
    r"teacher|deputy head|headteacher|head teacher|nurse|doctor|dentist|taxi driver|"
    r"cab driver|bus driver|lorry driver|delivery driver|shopkeeper|postman|postwoman|"
    r"postie|firefighter|paramedic|vicar|priest|imam|rabbi|organist|verger|churchwarden|"
    r"footballer|goalkeeper|striker|captain|coach|kitman|physio|referee|barber|hairdresser|"
    r"cleaner|carer|care worker|lollipop (?:man|lady)|dinner lady|pharmacist|solicitor|"
    r"accountant|landlord|landlady|publican|licensee|security guard|bouncer|doorman|door staff|"
    r"lecturer|student|mechanic|builder|plumber|electrician|chef|waiter|waitress|barmaid|"
    r"barman|shop assistant|cashier|receptionist|social worker|caretaker|groundsman|midwife|"
    r"soldier|magistrate|train driver|butcher|baker|newsagent|market trader|scaffolder|roofer|"
    r"decorator|manager of|owner of|supervisor|pcso|police sergeant|police officer|warden|"
    r"stallholder|stall holder|shop owner|café owner|cafe owner|takeaway owner|driving instructor|"
    r"youth worker|support worker|porter|optician|librarian|childminder|nanny|tutor|chaplain|"
    r"councillor|businessman|businesswoman|entrepreneur|presenter|influencer|blogger|"
    r"sergeant|constable|inspector|detective|custody officer|detention officer|prison officer|"
    r"special constable|traffic warden|civil enforcement officer|paramedic|"
    r"head of year|form tutor|teaching assistant|coach driver|cab driver|courier|"
    # Faith roles: few people hold one at any one place of worship.
    r"granthis?|pastor|deacon|elder of|sevadar|parish priest|curate|choirmaster|lay reader"
)
ROLE_RE = gated(
    rf"\b(?:{ROLES}|vets?)\b|\bwho (?:runs|run|owns|own|manages|manage|coaches|coach|teaches|teach|"
    r"drives|works|work|sells|delivers|cleans|volunteers)\b|\bworks? (?:as|at|for|behind|the)\b|"
    r"\bbased at\b|\bemployed (?:at|by|as)\b|\bworking (?:for|at|as)\b(?! part of)|\bplays? (?:in goal |up front |in defence )?for\b|"
    r"\b(?:keeper|captain|manager|coach|chair(?:man|woman)?) (?:of|for|at) (?:the )?[A-Z]",
    re.IGNORECASE,
)
_ROLE_ABBREV = fast_compile(r"\b(?:GP|MP|DJ|PCSO)\b")
# A definite description that fits one person: "the vicar of St Cuthbert's", "the only female
# firefighter at…", "the woman who owns the red Fiat", "the brother of the man found dead".
UNIQUE_RE = gated(
    rf"\bthe\s+(?:\d{{1,3}}[-\s]year[-\s]old\s+|elderly\s+|retired\s+|former\s+|new\s+|"
    rf"[\w-]+-speaking\s+|female\s+|male\s+|local\s+)*(?:{ROLES})\b(?!\s+(?:of|at|in)\s+the\s+"
    rf"(?:year|month|week|day))"
    r"|\bthe only\b|\bone of the (?:twin|two|three)\b|\bthe one who\b"
    r"|\bthe (?:[\w-]+ ){0,3}(?:man|woman|lad|lass|bloke|fella|fellow|chap|guy|lady|gent|gentleman|"
    r"pensioner|person|couple|family) who (?:owns|runs|works|lives|coaches|feeds|manages|"
    r"teaches|drives|sells|delivers|cleans|looks after|volunteers)\b"
    r"|\bthe (?:[\w-]+ )?(?:ex-)?(?:brother|sister|son|daughter|wife|husband|mother|mum|father|dad|partner|"
    r"widow|widower|twin|cousin|nephew|niece|uncle|aunt|grandson|granddaughter|girlfriend|"
    r"boyfriend) of (?:the|a|one of (?:our|the|your)|bilston|[A-Z])",
    re.IGNORECASE,
)
AGE_WORDS_RE = gated(
    r"\bin (?:his|her|their) (?:late |early |mid-?)?(?:teens|20s|30s|40s|50s|60s|70s|80s|90s|"
    r"twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b|\b\d0-odd\b|"
    r"\bnow (?:aged )?\d{2}\b|\b(?:elderly|pensioner|octogenarian|nonagenarian|centenarian)\b|"
    r"\b\d0-(?:something|odd|plus)\b",
    re.IGNORECASE,
)
RESIDENCE_RE = gated(
    r"\b(?:lives|living|resident|residing)\b|\bwhose (?:house|home|flat|garden|car)\b|\b(?:his|"
    r"her|their) (?:house|home|flat) (?:on|in|at|off)\b|\bneighbours? of\b|"
    r"\b(?:on|in|at the (?:very |far )?(?:end|top|bottom) of)\s+(?:your|my|our|the|her|his)\s+"
    r"(?:road|street|close|cul-de-sac|lane|avenue|estate|block|flats|terrace|drive)\b",
    re.IGNORECASE,
)
FAMILY_RE = gated(
    r"\b(?:mother|father|mum|dad|mom) of (?:one|two|three|four|five|six|\d+)\b|\b(?:grandmother|"
    r"grandfather|grandma|grandad|granddad|widow|widower|single (?:mum|mother|dad|father)|twins?|"
    r"triplets|quads|quadruplets|"
    r"newly ?weds?|pregnant)\b|\blives (?:alone|with)\b|\b(?:brother|sister|son|daughter|wife|"
    r"husband|mother|father|partner|cousin|nephew|niece) of\b|\bmarried to\b|"
    r"\b(?:my|our|his|her|their) (?:[\w-]+['’]s )?(?:son|daughter|brother|sister|mother|father)"
    r"-in-law\b|\b(?:my|our|his|her|their) (?:neighbour|friend|colleague|boss)['’]s (?:son|"
    r"daughter|brother|sister|husband|wife|partner|dad|mum|father|mother|nephew|niece|"
    r"grandson|granddaughter)\b",
    re.IGNORECASE,
)
DISTINCT_RE = gated(
    r"\b(?:wheelchair|blind|deaf|amputee|walking stick|guide dog|mobility scooter|disabled|"
    r"ginger|red-haired|tattooed|[\w-]+-speaking|well[-\s]known(?! to (?:officers|police|us|the police))|"
    r"the only|who feeds|with the "
    r"eyelashes|owns the|who owns|distinctive|famous|local legend|everyone knows|"
    r"(?:D-Day|war|Falklands|Gulf|Korea|Korean War|Normandy|Arctic Convoy) veteran)\b|"
    r"\bwith the (?:[\w-]+\s+){0,2}?(?:hair|beard|moustache|tattoos?|scar|glasses|limp|accent|"
    r"piercings?|van|car|motorbike|dog|dogs|pram|bike)\b|"
    r"\bwith (?:\d{1,2}|ten|twenty|thirty|forty) years['’]? (?:service|experience)\b|"
    # A routine others can see: "walks his collie along the Tweed every morning at 7".
    r"\bevery (?:morning|evening|night|day|weekend|week|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday) at\b|\bwho walks (?:his|her|their) (?:\w+\s+)?(?:dog|collie|"
    r"spaniel|labrador|terrier|greyhound|lurcher|dogs)\b|"
    r"\b(?:driven|worked|run|ran|lived|taught|coached|served)\s+(?:\w+\s+){0,3}?for\s+"
    r"(?:\d{1,2}|ten|twenty|thirty|forty|many)\s+years\b",
    re.IGNORECASE,
)
# Workplace or premises tied to a role: "at the Kingsbury Lodge surgery", "of Parklands Primary".
WORKPLACE_RE = fast_compile(
    r"\b(?:at|of|from|for|outside|by|above|opposite|next to)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?"
    r"(?:[A-Z][\w'’\-]*)(?:\s+[A-Z][\w'’\-]*)*"
)


# A sentence that carries on about the person just described: a pronoun or "the" + a person.
_SAME_PERSON = fast_compile(
    r"\s*(?:she|he|they|her|his|their|the (?:[\w-]+ ){0,3}?(?:woman|man|victim|girl|boy|lad|"
    r"lass|pensioner|assistant|worker|driver|owner|teacher|nurse|person|couple))\b",
    re.IGNORECASE,
)
_ANIMAL_FOUND = gated(
    r"\b(?:is this your (?:dog|cat|horse|pony|tortoise|parrot|pet)|(?:lost|found|stray) (?:dog|cat|"
    r"pet|puppy|kitten|horse|pony)|found wandering|dog warden)\b",
    re.IGNORECASE,
)
_TITLE_OF_NAME = fast_compile(r"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b")


def _kinds(post, start: int, end: int) -> tuple[dict[str, tuple[int, int]], bool]:
    text = post.text
    kinds: dict[str, tuple[int, int]] = {}
    for age in post.ages:
        if start <= age.start < end:
            kinds["age"] = (age.start, age.end)
            break
    role = _ROLE_ABBREV.search(post.text, start, end)
    if role:
        kinds["occupation"] = role.span()
    for key, rx in (
        ("age", AGE_WORDS_RE),
        ("occupation", ROLE_RE),
        ("home", RESIDENCE_RE),
        ("family", FAMILY_RE),
        ("distinctive feature", DISTINCT_RE),
    ):
        if key not in kinds:
            m = post.search(rx, start, end)
            # "Councillor Jane Smith", "Superintendent Mark Dexter": the title of a named
            # person who speaks in the post, not a detail of an unnamed one.
            if m and not (key == "occupation" and _TITLE_OF_NAME.match(text, m.end())):
                kinds[key] = m.span()
    if "occupation" in kinds:
        m = WORKPLACE_RE.search(text, kinds["occupation"][1], end)
        if m and m.start() - kinds["occupation"][1] < 40:
            kinds["workplace"] = m.span()
    street = STREET_RE.search(text, start, end)
    if street:
        kinds["street"] = street.span()
    unique = post.search(UNIQUE_RE, start, end)
    return kinds, unique is not None


@register
class JigsawIdentification(Rule):
    id = "jigsaw-identification"
    clause = "4.23"
    severity = Severity.REVIEW
    title = "Details that together identify someone"
    explanation = (
        "CC/01 4.23: others can identify the subject of a post even without a name. Several "
        "details about one unnamed private person — age, street, where they live, job or "
        "workplace, family, a distinctive feature — or a description that fits only one person "
        '("the vicar of St Cuthbert\'s", "the only female firefighter at…") point to a '
        "single individual. Review whether each detail is needed."
    )

    def check(self, post, pack):
        # Two details at least are needed: count what could possibly be there (gate bits
        # first, then the cheap detectors) before anything costly runs.
        possible = sum(
            post.may(rx)
            for rx in (
                AGE_WORDS_RE,
                ROLE_RE,
                ROLE_RE,
                RESIDENCE_RE,
                FAMILY_RE,
                DISTINCT_RE,
                UNIQUE_RE,
            )
        )
        case = post.incident or post.arrested
        if possible < 2:
            possible += bool(_ROLE_ABBREV.search(post.text)) + bool(post.ages)
            if possible < 2:
                possible += bool(STREET_RE.search(post.text))
                if possible < 2:
                    return []
        if post.search(_ANIMAL_FOUND):
            return []  # a lost or found animal is the subject, not a person
        if post.private_names or (
            post.appeal is not None and post.appeal.kind in ("wanted", "missing")
        ):
            return []
        if any(i.kind in ("address", "flat", "postcode") for i in post.identifiers):
            return []  # the address itself is personal data: that rule already says it
        if child_evidence(post) or sexual_victim_evidence(post):
            return []  # the more specific rule already says it
        findings = []
        sentences = post.sentences
        for i, (start, end) in enumerate(sentences):
            kinds, unique = _kinds(post, start, end)
            if (
                case
                and len(kinds) < 3
                and i + 1 < len(sentences)
                and _SAME_PERSON.match(post.text, sentences[i + 1][0])
            ):
                # "…a woman was assaulted at the Spar on Slade Road. The 23-year-old shop
                # assistant…": the next sentence goes on about the same person in the case.
                kinds, unique = _kinds(post, start, sentences[i + 1][1])
            # Only the subject of a case or incident is at risk, unless three details or more
            # already single out one person ("the widower in his 80s at the end of Elm Road").
            if len(kinds) >= 3 or (
                case and ((unique and len(kinds) >= 2) or (unique and "family" in kinds))
            ):
                spans = sorted(kinds.values())
                s, e = spans[0][0], spans[-1][1]
                what = ", ".join(sorted(kinds))
                findings.append(
                    self.finding(
                        post,
                        f"No name, but the details ({what}) together could identify one person. "
                        "Leave out the details that are not needed.",
                        (s, e),
                    )
                )
                break
        return findings

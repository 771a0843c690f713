"""4.10, 4.12: a victim of a sexual offence has lifelong anonymity (Sexual Offences
(Amendment) Act 1992 s.1)."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors import lexicon
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.people import (
    CALENDAR,
    FIRST_NAMES,
    HANDLE_RE,
    HIS_PLACE_RE,
    RELATION_RE,
    SCHOOL_RE,
    follow_on,
    is_deceased,
    tied_handles,
)

SEXUAL_RE = gated(
    r"\b(?:sexual(?:ly)?\s+(?:assault\w*|offen[cs]e\w*|abus\w*|attack\w*|touch\w*|activity|"
    r"exploitation|motivated|harassment)|rap(?:e|ed|es|ing|ist)|indecent(?:ly)?\s+(?:assault\w*|"
    r"expos\w+|images?|touch\w*)|upskirt\w*|voyeur\w*|groped|groping|molest\w*|sextortion|"
    r"intimate (?:image|images|photos)|revenge porn|exposed (?:himself|herself)|sexual offences?|"
    r"child sexual|grooming|sex attack|sex offence\w*|assault by penetration|attempted rape|"
    r"spiked and (?:assaulted|raped)|flashed|flashing|flasher|indecent exposure|"
    r"(?:photos?|pictures?|pics?|videos?|filmed|filming|phone|camera)\s+(?:\w+\s+){0,2}?"
    r"(?:up|under)\s+(?:[\w'’]+\s+){0,4}?skirts?)\b",
    re.IGNORECASE,
)
# How the victim is tied to a name: "Chloe Webb, 22, was sexually assaulted", "the rape of
# Nicola Evans", "victim … is Shannon Price", "Kirsty Lane, 33, victim of rape".
_VICTIM_AFTER_NAME = fast_compile(
    r"^(?:,?\s*(?:aged\s+|now\s+)?\d{1,3},?)?\s*(?:,?\s*(?:who|from|of)\b[^.]{0,40}?,?\s*)?(?:(?:was|"
    r"has been|had been|were|is|got|reported (?:being|that she|that he)|said (?:she|he) was|"
    r"(?:has |have )?(?:told|tells|told us|disclosed|reported|said)(?: \w+)?(?: that)? (?:she|he|"
    r"they)(?:['’]d| had| has| was| were)(?: been)?|discovered (?:she|he|they) (?:had been|was|"
    r"were))\s+"
    r"(?:\w+\s+){0,2}?)?(?:sexually|raped|indecently|groped|molested|attacked|assaulted|flashed|"
    r"the victim|victim of|the woman|the man|the girl|the person|secretly|filmed|trafficked|"
    r"exploited|abused|groomed)",
    re.IGNORECASE,
)
_VICTIM_BEFORE_NAME = fast_compile(
    r"(?:raped|raping|rape of|assault(?:ed|ing)?(?: of)?|abused|abusing|abuse of|groped|groping|"
    r"molest(?:ed|ing)|attack(?:ed|ing)|filming|filmed|photographing|spiking|spiked|stalking|"
    r"grooming|groomed|exploiting|exploited|victim|survivor|complainant|victims?,|touching|exposed himself to|"
    r"targeted|is|was|friend|mate|housemate|flatmate|sister|cousin|daughter|niece|tenant|lodger|"
    r"neighbour|patient|client|pupil|student|employee|colleague|stepdaughter|granddaughter)[\s,:]+"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
# The defendant is the one named as charged, arrested or sentenced: not the victim.
# A verb of the offence just before the name: "accused of attacking Jane Hill" in a post about a
# sexual offence, in whichever sentence.
_OFFENCE_VERB_BEFORE = fast_compile(
    r"\b(?:raped|raping|rape of|(?:sexually |indecently )?assault(?:ed|ing)|abused|abusing|"
    r"groped|groping|molest(?:ed|ing)|attack(?:ed|ing)|exposed himself to|filming|filmed|"
    r"photographing|stalking|grooming|groomed|spiking|spiked|expos(?:ed|ing) (?:him|her)self to|"
    r"messag(?:ed|ing)|(?:messages|images|photos|pictures) (?:were |was )?(?:sent|taken) (?:to|of)|"
    r"sent (?:messages|images|photos|pictures) to|(?:up|under) (?:the|her) (?:skirt|dress) of)\s+"
    r"(?:(?:a\s+)?\d{1,2}[-\s]year[-\s]old\s+)?$",
    re.IGNORECASE,
)
_DEFENDANT_AFTER = fast_compile(
    # Whatever describes the person first (age, date of birth, home, nationality), up to the
    # verb that makes them the accused; not past a word that makes them the one harmed.
    r"^(?:(?!\b(?:(?:was|were|been|being|is)\s+(?:\w+\s+)?(?:raped|assaulted|attacked|abused|"
    r"molested|groomed|targeted)|by|victim)\b)[^.!?\n]){0,80}?"
    r"\b"
    r"(?:(?:has|have|had|was|were|is|will)\s+(?:been\s+|be\s+)?(?:charged|arrested|jailed|"
    r"sentenced|convicted|found guilty|remanded|bailed|released|interviewed|given|accused|due|"
    r"set to|appear|appeared|wanted|suspected)|(?:admitted|admits|pleaded|pleads|denied|denies|"
    r"appeared|appears|faces|faced|stood trial|was found)\b)",
    re.IGNORECASE,
)
_DEFENDANT_BEFORE = fast_compile(
    r"(?:charged|arrested|jailed|sentenced|convicted|teacher|coach|defendant|accused|suspect)"
    r"[:\s]+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_SPEAKER_AFTER = fast_compile(
    r"(?:,[^,.]{1,60},)?(?:,?\s+(?:from|of|at)\s+(?:the\s+)?(?:[A-Z][\w'’&\-]*\s*){1,5},?)?\s*"
    r"(?:(?:has|have|had|will|who)\s+)?(?:said|says|say|told|tells|explained|"
    r"explains|added|adds|spoke|speaks|talks|talked|talking|joined|joins|visited|visits|"
    r"thanked|thanks|welcomed|welcomes|launched|launches|leads|led|chairs|chaired|presents|"
    r"presented|wrote|writes|commented|comments|urged|urges|:)",
    re.IGNORECASE,
)
_TITLE_BEFORE = fast_compile(
    r"\b(?:chief executive|ceo|director|manager|spokesperson|spokeswoman|spokesman|founder|"
    r"chair|chairman|chairwoman|head|lead|coordinator|adviser|advisor|campaigner|expert|"
    r"professor|prof|dr|nurse|counsellor|ambassador|minister|commissioner|mayor|author|"
    r"presenter|journalist|reporter|solicitor|barrister|judge|recorder|thanks\s+to|thank\s+you\s+"
    r"to|joined\s+by|meet|hear\s+from|interview\s+with|speaking\s+(?:to|with)|spoke\s+(?:to|"
    r"with))\.?\s+(?:of\s+\w+\s+)?$",
    re.IGNORECASE,
)
WORKPLACE_RE = gated(
    r"\b(?:who works?|works|worked|working|employed)\s+(?:as\s+(?:a|an)\s+\w+\s+|nights\s+|"
    r"days\s+|(?:part|full)[-\s]time\s+|shifts\s+|weekends\s+)?(?:at|behind|in|for|on)\b|\b(?:early|late|night|morning|evening|day) shift at\b|"
    r"\b(?:her|his|their) (?:\w+ )?shift at\b|\b(?:forced|made|sent|trafficked) to work (?:at|in)\b|"
    # "she's only just started at the Greggs on Broad Street", "a new job at the Co-op".
    r"\b(?:just |only just |recently )?started (?:work |working |a (?:new )?job |(?:her|his) "
    r"(?:new )?job )?at\b|\b(?:new|first|part-time|weekend|saturday) job (?:at|in)\b|"
    r"\bfrom behind the (?:bar|counter|till|desk) (?:at|in|of)\b|\b(?:on|from|of) ward \d{1,3}\b|"
    r"\bworks? (?:\w+\s+){0,3}?as an? (?:[\w-]+\s+){0,2}?(?:at|for|in)\b|"
    r"\bwhose (?:dad|father|mum|mom|mother|parents?|brother|sister|husband|wife|uncle|aunt|"
    r"grandad|grandfather|nan|gran) (?:runs|owns|manages|works (?:at|in))\b|"
    r"\b(?:barmaid|barman|receptionist|cashier|employee|member of staff|staff member|worker|nurse|"
    r"door supervisor|supervisor|bouncer|barista|bartender|lifeguard|steward|security guard|"
    r"teacher|physio|hairdresser|volunteer|student|pupil|waitress|waiter|cleaner|carer|manager|"
    r"colleague|co-worker|coworker|workmate|"
    r"owner|assistant|doctor|paramedic|officer|pcso|driver|coach|trainer|instructor)s?\s+"
    r"(?:at|from|of|in)\b|\bwho (?:runs|owns|manages|coaches|teaches)\b|\bwhere (?:she|he|"
    r"they|they both|both) (?:work|works|worked|studies|study)\b",
    re.IGNORECASE,
)
HOME_RE = gated(
    r"\b(?:lives|living|lived|resides|staying|stays|(?<=who )live|(?<=that )live)\s+(?:at|on|in|"
    r"off|above|below|over|next\s+to|opposite|behind|near)\b|\b(?:her|his|their)\s+"
    r"(?:own\s+)?(?:home|house|flat|address|room|halls)\s+(?:on|in|at|off)\b|\bwhere (?:she|he|"
    r"they) lives?\b|\bhalls?\s+of\s+residence\b|\b(?:student|uni|university)\s+"
    r"(?:halls?|accommodation)\b",
    re.IGNORECASE,
)
# A club or team the victim belongs to ("plays for Knowle Hockey Club's U16s"): as particular
# as a workplace when a proper name follows.
CLUB_RE = gated(
    r"\b(?:plays?|played|playing|swims?|swam|boxes|boxed) (?:for|at)\b|\bdances? (?:at|for)\b|"
    r"\b(?:captain|keeper|goalkeeper) (?:of|for)\b",
    re.IGNORECASE,
)
# What makes a workplace, home or school a particular one: a proper name or a street after the
# cue ("works at the Co-op on Soho Road", "lives on Elm Grove"). "At her home" or "at work"
# alone identifies nobody.
_PROPER_AFTER = fast_compile(
    r"[\s,]*(?:(?:at|in|on|of|off|near|the|a|an|[a-z]+)\s+){0,5}?(?:\d{1,4}[A-Za-z]?\s+)?(?:[A-Z][\w'’&\-]*\.?"
    r"(?:\s+(?:of|on|the|and|&)\s+|\s+)?){1,6}(?:(?:[a-z]+\s+){1,2}of\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’&\-]*\s*){1,5})?"
)
# "At his shop", "at his school" after naming the defendant: the victim is known through him.
_THEIR_PLACE_RE = gated(
    r"\b(?:at|in|from|outside)\s+(?:his|her|their)\s+(?:own\s+)?(?:school|club|surgery|church|"
    r"gym|practice|clinic|workplace|office|shop|salon|café|cafe|pub|restaurant|takeaway|business|"
    r"firm|company|garage|studio|mosque|temple|gurdwara|class|lessons?|home|house|flat)\b",
    re.IGNORECASE,
)
_THERE_RE = gated(r"\b(?:works?|worked|working|employed|staff)\s+there\b", re.IGNORECASE)
# Named premises ("the Hagley Lodge hotel", "Moor Street station") in a sentence that says the
# victim works there.
PREMISES_RE = fast_compile(
    r"\b(?:[A-Z][\w'’&\-]*\s+){1,4}(?:[Hh]otel|[Pp]ub|[Ii]nn|[Bb]ar|[Ss]hop|[Ss]tore|[Ss]tation|"
    r"[Hh]ospital|[Uu]niversity|[Cc]ollege|[Cc]lub|[Rr]estaurant|[Cc]af[eé]|[Ss]alon|[Gg]ym|"
    r"[Ss]urgery|[Cc]linic|[Ff]actory|[Ww]arehouse|[Oo]ffice|[Cc]entre|[Ss]upermarket|"
    r"[Gg]arage|[Ll]ibrary|[Cc]inema|[Tt]heatre|[Ss]tadium|[Uu]nion|[Ss]chool|[Aa]cademy|"
    r"(?:[Cc]are|[Nn]ursing|[Rr]esidential) [Hh]ome)\b"
    r"(?:\s+(?:[A-Z][\w'’\-]*|students['’]\s+union))*"
)
_EMPLOYED_RE = gated(
    r"\b(?:works?|worked|working|employed|employee|(?:her|his|their) shift|at work|member of "
    r"staff|staff member|receptionists?|barmaids?|barman|cashiers?|cleaners?|nurses?|waitress|"
    r"waiters?|carers?|shop assistants?|bar staff|staff (?:toilets?|rooms?|changing rooms?|"
    r"areas?|showers?))\b",
    re.IGNORECASE,
)
# Addressed to the victim: a reply that says "what happened to you".
_TO_YOU_RE = gated(
    r"\b(?:happened to you|you were|you've been|you have been|your (?:attack|assault|report|"
    r"ordeal|experience|mum|mom|mother|dad|father|daughter|son|sister|brother|wife|partner|"
    r"girlfriend|boyfriend|nan|gran|grandmother|niece|nephew|child|kids?|little girl|little boy))\b",
    re.IGNORECASE,
)
# "… of local councillor Dave Hill": a person's first and last name, not an organisation's.
_OF_SOMEONE = fast_compile(
    r"\s+of\s+(?:(?:the|a|an|local|[a-z]+)\s+){0,4}[A-Z][a-z]+\s+[A-Z][a-z]+\b(?!\s+(?:Police|"
    r"Council|Fire|Ambulance|Service|University|Hospital|Trust|Academy|School|College|Club|"
    r"Limited|Ltd|Group|Centre|Station)\b)(?![\s-]+[a-z]+\s+(?:officer|staff|worker))"
)
# A sentence that speaks of the victim ("The alleged victim is Ruby…") belongs to the offence.
_VICTIM_WORD = gated(r"\b(?:victims?|complainants?|survivors?)\b", re.IGNORECASE)
# A given name with an age: "Amina, 16,", "Ellie's (12)", "Ana, is only 19", "Ruby, the
# 15-year-old": name and age together identify (s.1(1): "any matter … likely to lead members of
# the public to identify" the complainant).
_GIVEN_WITH_AGE = fast_compile(
    r"\b([A-Z][a-z]{2,})(?:['’]s)?(?:,\s*(?:who\s+is\s+|is\s+)?(?:only\s+|just\s+|aged\s+)?|\s+\(|"
    r"\s+is\s+(?:only\s+|just\s+)|,\s+(?:the|a|an)\s+)(\d{1,2})(?:[-\s]year[-\s]old)?\b(?=\)|,|\s|\.|$)"
)
# The age first: "a 17-year-old girl, Linh,", "15-year-old Priya from Small Heath".
_AGE_THEN_GIVEN = fast_compile(
    r"\b(\d{1,2})[-\s]year[-\s]old\s+(?:(?:[A-Z][a-z]+|girl|boy|woman|man|teenager|teen|child|"
    r"pupil|student|schoolgirl|schoolboy|daughter|son|lad|lass)\b\s*){0,2}?(?:,\s*)?([A-Z][a-z]{2,})"
    r"(?=[,.!?;:)]|$|\s+(?:from|of|was|is|has|had|who|said|told|gave|after|and|in|at|on|to|"
    r"with|when|suffered|needed|needs|remains|were|says|tells)\b)"
)
# A handle given as the person's: "photos taken of @name", "(@name on Insta)", "13-year-old
# @name", "the boy running @name".
_HANDLE_OF = fast_compile(
    r"(?:\bof|\bto|\(|\brunning|\bruns|\bit['’]s that|[-\s]year[-\s]old|\d\s?yo|\b(?:account|"
    r"profile|username|handle) (?:he|she|they) (?:used|uses|runs|ran),?|\bunder the name|"
    # "She posts dance videos as @name", "my 16yo niece @name": the account is the person's.
    r"\b(?:posts?|posting|posted|streams?|goes|went|known|videos|content)\b[^.!?\n]{0,30}?\bas|"
    # "the 15-year-old behind @name", "the girl targeted was @name": the account is the person's.
    r"\bbehind(?: the)?|\bwho runs(?: the)?|\b(?:targeted|involved|victim|girl|boy|lad) (?:is|was)|"
    # "the TikTok account @name", "send her your support at @name".
    r"\b(?:tiktok|instagram|insta|snapchat|snap|twitter|youtube|facebook) (?:account|profile|"
    r"page|handle)|\bon (?:tiktok|instagram|insta|snapchat|snap|twitter|x|facebook) as|\b(?:support|love|messages?|wishes) (?:to|at)|"
    r"\b(?:niece|nephew|daughter|son|sister|brother|cousin|granddaughter|grandson|stepdaughter|"
    r"stepson)\b)\s*[–-]?\s*$",
    re.IGNORECASE,
)
_HANDLE_PLATFORM_AFTER = fast_compile(
    r"(?:\.[\w.]*\w)?(?:\s+(?:on\s+(?:insta(?:gram)?|tiktok|snap(?:chat)?|facebook|fb|twitter|x)\b|"
    r"(?:insta(?:gram)?|tiktok|snap(?:chat)?|youtube|twitch) (?:account|page|profile|channel)\b)|"
    # "@name's post about what happened to her": the account is hers.
    r"['’]s\s+(?:post|posts|story|video|tweet|account|page|reel|message)\b)",
    re.IGNORECASE,
)
# "Jess Holloway, 13,": a full name with an age, in a post about a sexual offence, is the
# complainant unless the post makes them the accused (checked first).
_AGE_AFTER = fast_compile(r"(?:,\s*(?:aged\s+|now\s+)?|\s+\((?:aged\s+|now\s+)?)\d{1,2}\b")
_LEADING_HANDLE = fast_compile(r"\s*(@[A-Za-z0-9_]{2,30})\b")
_PLACE_BEFORE = fast_compile(r"\b(?:at|in|on)\s+(?:the\s+)?(?:[A-Z][\w'’&\-]*\s*){1,5}")
_CAPITAL_WORD = fast_compile(r"[A-Z][\w'’&\-]*")
_YEAR_ONLY = fast_compile(r"Year\s+\d", re.IGNORECASE)
# A sentence that points back to the offence or its victims ("The offences relate to a girl
# who…", "One of the children pictured is…", "the images include…") belongs to the offence.
_OFFENCE_ANAPHOR = gated(
    r"\b(?:the|these|those) (?:offences?|offending|images|photos|photographs|videos|abuse|"
    r"assaults?|attacks?|children pictured|girls? pictured|boys? pictured)\b|\bone of (?:the|"
    r"them|those)(?: (?:children|girls|boys|women|victims|young women))?\b",
    re.IGNORECASE,
)
# Kin of a named person with a word between: "PC Anna Booth's younger sister".
_NAMED_KIN = fast_compile(
    r"\b[A-Z][a-z]+['’]s\s+(?:(?i:younger|older|little|big|baby|twin|teenage|elder|eldest|"
    r"youngest|oldest|only|step|late)\s+)(?i:sister|brother|daughter|son|niece|nephew|cousin|"
    r"wife|partner|girlfriend|mum|mother)\b"
)
# The victim's work at the scene the post has named ("a flat above a nail bar on Lower High
# Street … one of them, who worked in the salon downstairs"; "at the PureGym on Bilston Street
# … the woman, who teaches the gym's spin class").
_WORKS_AT_SCENE = gated(
    r"\b(?:works?|worked|working|employed|teaches|taught|coaches|coached|runs|ran|cleans|"
    r"cleaned)\s+(?:\w+\s+)?(?:at\s+|in\s+|for\s+)?the\s+(?:[a-z]+['’]s\s+|(?:[a-z]+\s+){1,2}?"
    r"(?:downstairs|upstairs|next door|below|above|opposite|there)\b)",
    re.IGNORECASE,
)
_SCENE_NAMED = fast_compile(
    r"\b(?:on|in|at)\s+(?:the\s+)?(?:[A-Z][\w'’&\-]*\s+){0,3}(?:Road|Street|Lane|Avenue|Way|"
    r"Drive|Close|High Street|Square|Parade|Place|Row|Hill)\b"
)


# A given name the post ties to the victim: kin or a friend of the writer ("my cousin Leanne",
# "my wife Sarah who…"), a name in apposition to the one harmed ("Priya, the student who was…"),
# or the subject of the offence ("Gemma from behind the bar … got raped").
_KIN_GIVEN = fast_compile(
    # "my wife Tayla", "my cousin's wife Tayla": the relation may run through another relative.
    r"\b(?i:my|our|his|her|their|your)\s+(?:(?i:cousin|sister|brother|mate|friend|neighbour|"
    r"colleague|mum|dad|son|daughter|uncle|aunt|auntie|nan|gran|pal|missus)['’]s\s+)?"
    r"(?:(?i:little|big|younger|older|twin|best|step|"
    r"eldest|youngest)[\s-]*)?(?i:cousin|wife|sister|daughter|niece|mum|mom|mother|friend|"
    r"mate|pal|girlfriend|partner|colleague|neighbour|stepdaughter|granddaughter|nan|gran|"
    r"auntie|aunt|son|brother|nephew|husband|boyfriend|grandson|flatmate|housemate|missus|"
    r"hubby|fiancée?|sister-in-law|daughter-in-law)\s+"
    r"([A-Z][a-z]{2,})\b"
)
_GIVEN_APPOSED = fast_compile(
    r"\b([A-Z][a-z]{2,}),\s+(?:the|a|an|our)\s+[^,.!?]{0,50}?\bwho\s+(?:was|got|had been|"
    r"has been)\b"
)
_GIVEN_SUBJECT = fast_compile(
    r"\b([A-Z][a-z]{2,})\b(?:\s+(?:from|at|of|who works)\b[^.!?,]{0,60}?)?\s+(?:got|was|has been|"
    r"had been)\s+(?:\w+\s+)?(?:raped|groped|sexually|indecently|molested|abused|flashed)"
)


_PLACE_PREPOSITION = fast_compile(r"\b(?:in|at|from|of|on|near|to)\s+$", re.IGNORECASE)


def _tied_given_names(post, offence_sentences) -> list[tuple[int, int]]:
    text = post.text
    taken = [(n.start, n.end) for n in post.names]
    out = []
    for s_start, s_end in offence_sentences:
        for rx in (_KIN_GIVEN, _GIVEN_APPOSED, _GIVEN_SUBJECT):
            for m in rx.finditer(text, s_start, s_end):
                word = m.group(1)
                if word not in FIRST_NAMES or word in CALENDAR:
                    continue
                if rx is _GIVEN_SUBJECT and _PLACE_PREPOSITION.search(
                    text, max(0, m.start(1) - 6), m.start(1)
                ):
                    continue  # "the Red Lion in Quinton was…": a place
                if any(a <= m.start(1) < b for a, b in taken):
                    continue  # a full name, judged with the names
                after = text[m.end(1) : m.end(1) + 100]
                before = text[max(0, m.start(1) - 40) : m.start(1)]
                if _DEFENDANT_AFTER.match(after) or _DEFENDANT_BEFORE.search(before):
                    continue
                out.append(m.span(1))
    return out


_HARMED_PRONOUN = fast_compile(r"(?:\s+(?:her|him)|(?<=\sher)|(?<=\shim))\b", re.IGNORECASE)


def _named_then_harmed(post, offences, names) -> list[tuple[int, int, str]]:
    """ "Lovely to see Doreen Hatton back at the coffee morning. After that man interfered with
    her…": the one person the post names, in the sentence before an offence done to "her" or
    "him", is the one harmed."""
    if len(names) != 1:
        return []
    text = post.text
    name = names[0]
    n_sentence = post.sentence_at(name.start)
    sentences = post.sentences
    try:
        following = sentences[sentences.index(n_sentence) + 1]
    except (ValueError, IndexError):
        return []
    after = text[name.end : name.end + 100]
    before = text[max(0, name.start - 40) : name.start]
    if _DEFENDANT_AFTER.match(after) or _DEFENDANT_BEFORE.search(before):
        return []
    if _SPEAKER_AFTER.match(after) or _TITLE_BEFORE.search(before):
        return []
    for start, end in offences:
        if following[0] <= start < following[1] and _HARMED_PRONOUN.match(text, end):
            return [(name.start, name.end, "name")]
    return []


def _particular(text: str, start: int, end: int) -> int | None:
    """The end of the proper name or street that follows a cue ending at ``end``."""
    m = _PROPER_AFTER.match(text, end)
    if m is None or not any(c.isupper() for c in text[end : m.end()]):
        return None
    first = _CAPITAL_WORD.search(text, end, m.end())
    if first is None or first.group(0) in CALENDAR:
        return None  # "at her home on Tuesday": a time, not a place
    return m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))


def offence_spans(post) -> list[tuple[int, int]]:
    """Where the post names a sexual offence: the pack's list, plus the older phrasings."""
    return post.memo("sexual-offences", _offences)


def _offences(post) -> list[tuple[int, int]]:
    spans = [
        m.span()
        for m in lexicon.sexual_offences(post.pack).finditer(post.text, post.lower, post.words)
    ]
    spans += [m.span() for m in post.finditer(SEXUAL_RE)]
    return sorted(set(spans))


def sexual_victim_evidence(post) -> list[tuple[int, int, str]]:
    return post.memo("sexual-offence-victim", _compute)


# The complainant has given up anonymity (Sexual Offences (Amendment) Act 1992 s.5(2): written
# consent): "he has bravely waived his right to anonymity".
_WAIVED = fast_compile(
    r"\b(?:waived|waives|waiving|given up|gave up)\s+(?:(?:his|her|their)\s+)?(?:right\s+to\s+)?"
    r"(?:lifelong\s+)?anonymity\b",
    re.IGNORECASE,
)


def _compute(post) -> list[tuple[int, int, str]]:
    text = post.text
    offences = offence_spans(post)
    if not offences or _WAIVED.search(text):
        return []
    evidence: list[tuple[int, int, str]] = []
    names = [n for n in post.identifying_names if not is_deceased(text, n.start, n.end)]
    offence_sentences = {post.sentence_at(s) for s, _ in offences}
    offence_sentences |= {post.sentence_at(m.start()) for m in post.finditer(_VICTIM_WORD)}
    offence_sentences |= {post.sentence_at(m.start()) for m in post.finditer(_OFFENCE_ANAPHOR)}
    for s_start, s_end in list(offence_sentences):
        while (nxt := follow_on(post, s_start, s_end)) and nxt not in offence_sentences:
            offence_sentences.add(nxt)  # "The girl is his stepdaughter."
            s_start, s_end = nxt
    offence_sentences = sorted(offence_sentences)

    def in_offence_sentence(pos: int) -> bool:
        return any(a <= pos < b for a, b in offence_sentences)

    for name in names:
        after = text[name.end : name.end + 100]
        before = text[max(0, name.start - 40) : name.start]
        # The object of the offence's verb is the one harmed ("the rape of Nicola Evans … will
        # appear" is about the accused's appearance).
        harmed = _OFFENCE_VERB_BEFORE.search(before)
        if not harmed and (_DEFENDANT_AFTER.match(after) or _DEFENDANT_BEFORE.search(before)):
            continue
        in_sentence = in_offence_sentence(name.start)
        # A named speaker or professional in a post about sexual offences ("Rape Crisis chief
        # executive Jane Hill said…") is not a victim unless the post says so.
        speaker = _SPEAKER_AFTER.match(after) or _TITLE_BEFORE.search(before)
        if (
            (_AGE_AFTER.match(after) and not _SPEAKER_AFTER.match(after))
            or _VICTIM_AFTER_NAME.match(after)
            or (_VICTIM_BEFORE_NAME.search(before) and in_sentence)
            or _OFFENCE_VERB_BEFORE.search(before)
            or (in_sentence and _AGE_BEFORE_NAME.search(before))
            or (
                in_sentence
                and len(names) == 1
                and not speaker
                and not (post.arrested or post.charged or post.convicted)
            )
        ):
            evidence.append((name.start, name.end, "name"))
    for start, end, _years in given_names_with_age(post):
        evidence.append((start, end, "name and age"))
    for start, end in _tied_given_names(post, offence_sentences):
        evidence.append((start, end, "name"))
    for start, end in _named_before_harmed(post, offences):
        evidence.append((start, end, "name"))
    evidence.extend(_named_then_harmed(post, offences, names))
    for s_start, s_end in offence_sentences:
        for r in post.finditer(RELATION_RE, s_start, s_end):
            # "charged with raping his wife": the victim is known through the named defendant
            # (or anyone named in the sentence: "Sgt Tom Keane and his wife, who was raped").
            anyone = any(s_start <= n.start < s_end for n in post.names)
            if names or anyone or re.match(r"[A-Z][a-z]+['’]s", text[r.start() : r.end()]):
                evidence.append((r.start(), r.end(), "relationship to a named person"))
            elif r.group(0).lower().startswith(
                ("daughter of", "son of", "wife of", "sister of")
            ) or _OF_SOMEONE.match(text, r.end()):
                # "the sister of local councillor Dave Hill": related to someone the post names.
                evidence.append((r.start(), r.end(), "relationship to an identifiable person"))
        for rx, what in ((WORKPLACE_RE, "workplace"), (HOME_RE, "home"), (CLUB_RE, "club")):
            for w in post.finditer(rx, s_start, s_end):
                end = _particular(text, w.start(), w.end())
                if end is not None:
                    evidence.append((w.start(), end, what))
                elif w.group(0).lower().startswith("where"):
                    # "…at Fitness First in Solihull, where she works": the place comes first.
                    window = max(s_start, w.start() - 80)
                    places = list(_PLACE_BEFORE.finditer(text, window, w.start()))
                    if places and places[-1].end() >= w.start() - 2:
                        first = len(places) - 1
                        while first and places[first - 1].end() == places[first].start():
                            first -= 1  # "at Fitness First" + "in Solihull"
                        evidence.append((places[first].start(), w.end(), what))
        for w in _NAMED_KIN.finditer(text, s_start, s_end):
            evidence.append((w.start(), w.end(), "relationship to a named person"))
        w = post.search(_WORKS_AT_SCENE, s_start, s_end)
        if w and (_SCENE_NAMED.search(text) or PREMISES_RE.search(text)):
            evidence.append((w.start(), w.end(), "workplace"))
        if post.search(_THERE_RE, s_start, s_end):
            # "…at the Red Lion. The barmaid who works there": the premises named in the post.
            for w in PREMISES_RE.finditer(text):
                evidence.append((w.start(), w.end(), "workplace"))
                break
        if names:
            for w in post.finditer(_THEIR_PLACE_RE, s_start, s_end):
                evidence.append((w.start(), w.end(), "place tied to a named person"))
        if post.search(_EMPLOYED_RE, s_start, s_end):
            for w in PREMISES_RE.finditer(text, s_start, s_end):
                evidence.append((w.start(), w.end(), "workplace"))
        for w in post.finditer(SCHOOL_RE, s_start, s_end):
            if not _YEAR_ONLY.match(text, w.start()):
                evidence.append((w.start(), w.end(), "school"))
    if names or post.arrested or post.charged or post.convicted:
        for w in post.finditer(HIS_PLACE_RE):
            evidence.append((w.start(), w.end(), "place tied to the suspect"))
    lead = _LEADING_HANDLE.match(text)
    if lead and post.search(_TO_YOU_RE):
        evidence.append((lead.start(1), lead.end(1), "social media handle"))
    for h_start, h_end in personal_handles(post):
        if in_offence_sentence(h_start):
            evidence.append((h_start, h_end, "social media handle"))
    for h_start, h_end in tied_handles(text, names, post.ages):
        if text[h_start:h_end] not in post.pack.main_handles:
            evidence.append((h_start, h_end, "social media handle"))
    for item in post.identifiers:
        if item.kind in ("address", "flat", "postcode") and in_offence_sentence(item.start):
            evidence.append((item.start, item.end, "home address"))
    return _merged(sorted(set(evidence)))


def personal_handles(post) -> list[tuple[int, int]]:
    """Handles the post gives as a private person's ("of @name", "@name on Insta"), not the
    one a reply is addressed to nor the force's own."""
    text = post.text
    if "@" not in text:
        return []
    spans = []
    for m in HANDLE_RE.finditer(text):
        if m.start() == 0 or m.group(0) in post.pack.main_handles:
            continue
        before = text[max(0, m.start() - 32) : m.start()]
        if _HANDLE_OF.search(before) or _HANDLE_PLATFORM_AFTER.match(text, m.end()):
            spans.append(m.span())
    return spans


# "The boy, 13-year-old Nathan Goss from…": an age just before the full name, in the sentence
# of the offence (the accused's name is excluded first, by the words around it).
_AGE_BEFORE_NAME = fast_compile(r"\b\d{1,2}[-\s]year[-\s]old\s+$")
# "Please stop naming Chantelle. She was sexually assaulted…": the one given name in the
# sentence before an offence done to "she" or "he".
_PRONOUN_HARMED_START = fast_compile(r"\s*(?:She|He)\s+(?:was|had been|has been|got)\b")


def _named_before_harmed(post, offences) -> list[tuple[int, int]]:
    text = post.text
    out = []
    sentences = post.sentences
    for i, (s_start, s_end) in enumerate(sentences):
        if i == 0 or not _PRONOUN_HARMED_START.match(text, s_start):
            continue
        if not any(s_start <= o < s_end for o, _ in offences):
            continue  # the offence itself is in the pronoun's sentence
        p_start, p_end = sentences[i - 1]
        given = [
            m
            for m in _CAPITAL_WORD.finditer(text, p_start, p_end)
            if m.group(0) in FIRST_NAMES
            and m.group(0) not in CALENDAR
            and m.start() > p_start
            and not any(n.start <= m.start() < n.end for n in post.names)
        ]
        if (
            len(given) == 1
            and not is_deceased(text, given[0].start(), given[0].end())
            and not _KILLED.search(text, p_start, s_end)
        ):
            out.append(given[0].span())
    return out


_CAPITAL_WORD = fast_compile(r"\b[A-Z][a-z]{2,}\b")
# The one harmed died: the 1992 Act's anonymity is for the living.
_KILLED = fast_compile(r"\b(?:murdered|killed|died|body|death)\b", re.IGNORECASE)


def given_names_with_age(post) -> list[tuple[int, int, int]]:
    """(start, end, years) of a given name written with an age ("Sophie (15)"), where the
    post does not make that person the accused."""
    text = post.text
    found = []
    for m in _GIVEN_WITH_AGE.finditer(text):
        if m.group(1) not in FIRST_NAMES or m.group(1) in CALENDAR:
            continue
        after = text[m.end(2) : m.end(2) + 100]
        before = text[max(0, m.start() - 40) : m.start()]
        if _DEFENDANT_AFTER.match(after) or _DEFENDANT_BEFORE.search(before):
            continue
        if any(n.start <= m.start() < n.end for n in post.names):
            continue  # a full name, judged with the names
        found.append((m.start(1), m.end(2), int(m.group(2))))
    for m in _AGE_THEN_GIVEN.finditer(text):
        name = m.group(2)
        if name not in FIRST_NAMES or name in CALENDAR:
            continue
        after = text[m.end(2) : m.end(2) + 100]
        before = text[max(0, m.start() - 40) : m.start()]
        if _DEFENDANT_AFTER.match(after) or _DEFENDANT_BEFORE.search(before):
            continue
        if any(n.start <= m.start(2) < n.end for n in post.names):
            continue  # a full name, judged with the names
        found.append((m.start(1), m.end(2), int(m.group(1))))
    return found


def _merged(evidence: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping spans as one ("who works at the Red Lion" and "Red Lion pub")."""
    out: list[tuple[int, int, str]] = []
    for start, end, what in evidence:
        if out and start < out[-1][1]:
            s0, e0, w0 = out[-1]
            out[-1] = (s0, max(e0, end), w0)
        else:
            out.append((start, end, what))
    return out


@register
class SexualOffenceVictim(Rule):
    id = "sexual-offence-victim"
    clause = "4.10"
    severity = Severity.BLOCK
    law = "Sexual Offences (Amendment) Act 1992 s.1"
    title = "A victim of a sexual offence is identified"
    explanation = (
        "CC/01 4.10 and 4.12, and the Sexual Offences (Amendment) Act 1992 s.1: the victim or "
        "alleged victim of a sexual offence has lifelong anonymity. Nothing may identify them: "
        "name, address, workplace, school, halls of residence, social media handle or "
        'relationship to a named person ("charged with raping his wife" after naming him). '
        '"A woman was sexually assaulted on Broad Street" with no identifying detail is fine.'
    )

    def check(self, post, pack):
        return [
            self.finding(
                post,
                f"The victim of a sexual offence is identified by {what} "
                f"(“{post.text[s:e]}”). Remove it: the victim has lifelong anonymity.",
                (s, e),
            )
            for s, e, what in sexual_victim_evidence(post)
        ]

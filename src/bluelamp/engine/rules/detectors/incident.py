"""Is the post about a specific incident or investigation (4.24), and is it an appeal for a
missing or wanted person or a major-incident message (4.8, 4.11)?"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.identifiers import STREET_RE
from bluelamp.engine.rules.detectors.legal import (
    PERIOD_RE,
    STATS_RE,
)
from bluelamp.engine.rules.detectors.places import PLACES_LOWER

REFERENCE_RE = gated(
    r"\b(?:log|incident)\s*(?:no\.?|number|ref(?:erence)?)?\s*#?\d{1,5}\s*(?:of|/)\s*(?:\d|"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]+)"
    r"|\b(?:crime|incident|log|case|police|job)\s+(?:ref(?:erence)?|number|no\.?)\s*[:#]?\s*"
    r"(?:is\s+|was\s+)?[A-Z]{0,4}/?\d"
    r"|\bquot(?:e|ing)\s+(?:log|crime|incident|ref|reference|the reference)"
    r"|\b(?:ref|crime ref|CRN)[:.]?\s*\d{5,}",
    re.IGNORECASE,
)
# A crime number such as 20BE/123456/21.
CRIME_NUMBER_RE = gated(r"\b\d{2}[A-Z]{0,3}/\d{4,8}/\d{2}\b", re.IGNORECASE)
# Words that on their own say the post is about a particular case.
STRONG_RE = gated(
    r"\b(?:warrants?\s+(?:was|were|has been|have been)?\s*(?:executed|carried out)|executed (?:a|two|"
    r"three|\w+) (?:\w+ )?warrants?|(?:drugs?|search|firearms?|misuse of drugs act|s23|section 23)"
    r"\s+warrants?|warrant\s+(?:at|in|on)\b|witness appeal|appeal(?:ing)? for (?:witnesses|"
    r"information|dashcam|footage|help)|officers (?:were|have been|had been) called|(?:were|was) "
    r"called to (?:reports|a|an|the)|called to reports|emergency services (?:are|were|remain|have)|"
    r"at the scene|scene (?:remains|is) in place|cordon|crime scene|found safe|been found safe|"
    r"found safe and well|has been found|have been found|now been found|located safe|safe and "
    r"well|thanks? (?:to everyone|you) for sharing|murder investigation|investigation (?:has been|"
    r"is|was) (?:launched|under way|underway|ongoing)|enquiries (?:are|continue|remain) "
    r"(?:ongoing|continuing)|enquiries continue|enquiries are ongoing|post[-\s]mortem|pronounced "
    r"dead|died at the scene|died in hospital|fatal (?:collision|crash|stabbing|shooting)|"
    r"life[-\s]threatening|serious (?:collision|crash|assault|injuries)|seriously injured|"
    r"critical condition|stable condition|taken to hospital|air ambulance (?:was|were|attended|landed|"
    r"crew)|road (?:is|remains|has "
    r"been) closed|roads? (?:remain|remains|are|is) closed|remains? closed|closed (?:while|whilst|"
    r"after|following)|avoid the area|from the scene|casualties|rest centre|affected by (?:the|this|"
    r"today's|yesterday's|this morning's|last night's|the recent) \w+|(?:today's|this morning's|"
    r"last night's|yesterday's|this afternoon's|tonight's) events|the situation (?:in|at|on)|"
    r"major disruption|shed its load|officers (?:attended|were sent|went)|police attended|we "
    r"attended|after reports of|following reports of|reports of (?:a|an|youths|shouting|men|a "
    r"man|people)|noise complaints?|(?:party|gathering) (?:was )?(?:broken up|wound down|shut "
    r"down|dispersed)|broken up at|acting suspiciously|the jury|in the dock|on a search|a "
    r"search (?:today|this morning|yesterday)|in the cells|(?:gave|give|giving) (?:a|her|his|"
    r"their) statement|(?:this morning's|today's|yesterday's|last night's) search|search of a "
    r"(?:house|flat|property|address|car|vehicle)|whoever (?:did|is responsible for) this|"
    r"evacuat\w+|suspicious (?:package|item|death)|body (?:of|was|has been) (?:found|discovered)|"
    r"stop and search of|we(?:'ve| have) seized|were seized|was seized|recovered (?:a|the|two|"
    r"three|\d)|were recovered|was recovered|has been recovered|have been recovered|dispersal "
    r"order (?:is|was|has been) (?:in place|authorised|issued)|section 60|"
    # An offence dealt with (a driver reported for court, clocked at a speed).
    r"reported for (?:summons|court|the offences?|careless|dangerous|speeding|driving|using)|"
    r"clocked (?:at|doing) \d+\s*mph|"
    # Conduct proceedings about an officer are a case too.
    r"dismissed without notice|misconduct (?:hearing|meeting) (?:found|heard|concluded|ruled)|"
    r"referred (?:the matter|this|it|him|her|the officer|the incident) to (?:our |the )?"
    r"(?:Professional Standards|IOPC|Independent Office)|"
    # A victim or witness moved somewhere safe.
    r"(?:moved|taken|placed|staying|safe|living) (?:to|in|at) (?:a|the) (?:safe house|refuge))\b",
    re.IGNORECASE,
)
CRIME_RE = gated(
    r"\b(?:burglar(?:y|ies|ised|ized)|burgled|broken into|broke into|break[-\s]ins?|robbery|"
    r"robberies|robbed|mugged|mugging|stolen|stole|theft|thefts|thie(?:f|ves)|shoplift\w*|"
    r"pickpocket\w*|assault(?:ed|s)?|attack(?:ed|s)?|stab(?:bed|bing|bings)|shot|shooting|"
    r"shootings|fired|firearm discharge|murder(?:ed|s)?|killed|manslaughter|collision|collided|"
    r"crash(?:ed|es)?|rtc|hit[-\s]and[-\s]run|failed to stop|knocked (?:down|over|off)|hit by a "
    r"(?:car|van|lorry|bus|vehicle)|fire|fires|arson|arsonists?|blaze|explosion|set alight|set on "
    r"fire|torched|disturbance|fight|brawl|disorder|criminal damage|vandal\w+|damaged|smashed|"
    r"keyed|graffiti|threatened|threatening|harass\w+|abuse[sd]?|hate crime|racially "
    r"aggravated|scam(?:med)?|conned|tricked|defrauded|fraud|fraudsters?|carjack\w*|snatched|"
    r"grabbed|punched|kicked|glassed|jumped|flashed|upskirted|groped|hijack\w*|kidnap\w*|steal|"
    r"stealing|chased|chasing|approached by|lured|without paying|pretending to be|posing as|"
    r"abduct\w*|sexual(?:ly)?|rap(?:e|ed|ist)|exposed himself|indecent\w*|injured|injuries|"
    r"hurt|incident|domestic|ram raid|drugs? (?:raid|bust|deal|job)|cannabis (?:farm|factory|"
    r"farms)|suspect|suspects|victim|victims|survivor|offender|informant|trial|"
    r"jury|verdict|drive[-\s]off|nicked|fatal|seized|rogue traders?|targeted by|doorstep crime|"
    r"distraction (?:burglary|theft)|threw|thrown|brick through|window smashed)"
    r"\b(?!\s+(?:forum|campaign|awareness|prevention|week|month|strategy|team|unit|meeting|"
    r"surgery|event|exercise|planning|training|alarms?|safety|doors?|escape|service|support|"
    r"services|reduction|statistics|figures|rates?|station|stations|exit|brigade|crew|fighters?|"
    r"engine|officers?|risk|drill|pit|works|place|extinguishers?|blankets?))",
    re.IGNORECASE,
)
# A planned or live operation is about a particular case too ("warrant goes in at 6").
OPERATION_RE = gated(
    r"\b(?:warrants?(?!\s+cards?)|raids?|raiding|(?:going|goes|went) in (?:at|on|tomorrow|tonight)|door'?s in|"
    r"hit(?:ting)? (?:the|an|this|that)\s+(?:\w+\s+)?(?:address|addresses|house|flat|"
    r"property|cannabis farms?)|(?:hit|hitting|doing|search|searching) (?:\d+|two|three|four|"
    r"five|six|seven|eight|nine|ten|several|a few|multiple) addresses|(?:goes|go|going|went|"
    r"gone) through the door|\d{1,2}\s*am doors?|in position (?:around|outside|near|at|by|on|"
    r"in|behind)|hiding up|briefing (?:for|on) the|eyes on (?:the|a|an|this|that) (?:house|"
    r"address|flat|property|car|van)|planned arrest|arrest (?:at|of) an address|search team|obs log|"
    r"stake[-\s]?out|waiting for (?:the|our|them|him|her)|plotted up|keeping an eye on (?:a|an|the|this|that) "
    r"(?:certain |particular )?(?:address|house|flat|car|van|property|premises)|covert "
    r"cameras?|house[-\s]to[-\s]house|officer in (?:his|her) case|(?:sat|parked|hidden|holding) (?:in|on|"
    r"at|outside|round|near)|OIC|officer in (?:the )?case|press lines|the (?!(?:best|dream|new|old|same|only|whole|"
    r"right|wrong|great|good|hardest|toughest|proper|real|next|last|first|actual|day|police)\s)"
    r"\w+ job|the (?-i:[A-Z][\w'’]*\s+){2,3}job|obs point|target "
    r"address|(?:today|tomorrow|tonight|friday|saturday|sunday|monday|tuesday|wednesday|thursday)"
    r"['’]s op)\b",
    re.IGNORECASE,
)
TIME_ANCHOR_RE = gated(
    r"\b(?:last (?:night|week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|overnight|yesterday|this (?:morning|afternoon|evening|week)|today|tonight|"
    r"earlier(?: today| this \w+)?|on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)? (?:night|"
    r"morning|afternoon|evening)|at (?:about|around|approximately|approx\.?)?\s*\d{1,2}(?:[.:]"
    r"\d{2})?\s*(?:am|pm|hrs)?|\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)|in the early hours|at the "
    r"weekend|over the weekend|just now|a short time ago|moments ago|recently|on \d{1,2}(?:st|nd|"
    r"rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|last month|last week|"
    r"(?:two|three|four|\d+) (?:days|weeks) ago|between \d{1,2}\s*(?:am|pm)? and \d)\b",
    re.IGNORECASE,
)
PAST_EVENT_RE = gated(
    r"\b(?:was|were|has been|have been|had been|got|been)\s+(?:\w+\s+)?(?:stolen|attacked|"
    r"assaulted|robbed|injured|hurt|killed|stabbed|shot|broken into|burgled|damaged|set alight|"
    r"vandalised|vandalized|hit|knocked down|threatened|targeted|reported|snatched|taken|"
    r"seriously injured|abused|found|discovered|recovered|seized|sexually assaulted|raped|"
    r"approached|followed|grabbed|punched|kicked|scammed|defrauded|conned|called)\b"
    r"|\b(?:(?:have|has)\s+)?(?:stole|robbed|attacked|broke into|smashed|snatched|threatened|set "
    r"fire to|crashed|collided|died|fled|made off|ran off|drove off|escaped)\b",
    re.IGNORECASE,
)
# General messages with no particular case: prevention advice, amnesties, statistics.
GENERIC_RE = gated(
    r"\b(?:every (?:day|week|year|night|month)|on the rise|are (?:often|being|increasingly)|can be|"
    r"could be|if you(?:'re| are|'ve| have)? (?:a victim|worried|concerned|see|think|suspect|"
    r"have|been)|(?:don't|do not|never) (?:let|leave|share|give|tell|click|post)\b[^.!?\n]{0,30}\byour\b|"
    r"tips?\b|how to|"
    r"protect (?:yourself|your)|look for|remember to|make sure|surrender bins?|amnesty|hand (?:in|"
    r"over) (?:your |any )?(?:knives|blades|weapons)|no questions asked|report it|report (?:scams|"
    r"crime|hate crime|it online)|is never ok|are never ok|most (?:burglaries|thefts|crimes)|"
    r"support is available|however long ago|was your \w+ stolen|your \w+ (?:was|been) stolen\?|"
    r"plan your journey|have a (?:great|good|safe) night|stole the show|stole (?:my|our|your) "
    r"hearts?)\b",
    re.IGNORECASE,
)
_PETS = (
    r"dogs?|cats?|puppy|puppies|pup|kittens?|pets?|tortoises?|parrots?|birds?|rabbits?|horses?|"
    r"ponies|pony|spaniel|labrador|lab|staffie|staffy|terrier|collie|alsatian|cockapoo|cockerpoo|"
    r"greyhound|lurcher|poodle|husky|bulldog|jack russell|chihuahua|snake|budgie|ferret"
)
_PROPERTY = (
    r"wallets?|purses?|keys|bikes?|phones?|handbags?|bags?|property|rings?|jewellery|umbrella|"
    r"glasses|passport|bank cards?|driving licence"
)
PET_OR_PROPERTY_RE = gated(
    rf"\b(?:(?:lost|missing|found|stray|escaped|have you seen (?:this|our|my))\s+(?:\w+\s+){{0,2}}"
    rf"(?:{_PETS}|{_PROPERTY})\b|(?:{_PETS}|{_PROPERTY})\b[^.!?\n]{{0,40}}\b(?:found|handed "
    rf"in|lost|missing|gone missing|escaped|wandering|stray)\b)",
    re.IGNORECASE,
)
MISSING_RE = gated(
    r"\b(?:(?<!/)missing(?!\s+(?:your|our|you|the point|a trick|link|out|(?:\w+\s+)?funds|money|cash|"
    r"items|goods|parcels|payments?|paperwork|documents|people\b|persons\b|person\s+(?:awareness|"
    r"unit|team|reports?|cases|week|day|charity|co-?ordinator|appeals|figures|policy|procedures?|"
    r"enquiries|investigations?)|(?:\w+\s+)?(?:dogs?|cats?|puppy|pets?|tortoise|parrot|bike|"
    r"property|items?|persons? unit|link|piece|pieces)))|last seen|not been seen(?: since)?|"
    r"hasn't been seen|has not been seen|gone missing|wandered (?:off|away) from|walked out of "
    r"(?:his|her|their|the) (?:care home|nursing home|hospital|ward)|"
    r"concern(?:s|ed)? (?:for|about) (?:the )?"
    r"(?:welfare|safety|wellbeing)|whereabouts|(?:(?:help|can you help)(?: us)? (?:to )?(?:find|locate)|have you seen|"
    r"looking for|search for)\s+(?:\d{1,3}[-\s]year[-\s]old|(?:this |a |the |"
    r"missing )?(?:man|woman|boy|girl|teenager|teen|pensioner|person|child|him|her|them)\b))\b",
    re.IGNORECASE,
)
# The wording of an appeal to find or identify a wanted person, in separately gated parts so that
# only the parts whose words occur in a post are run.
WANTED_PARTS = (
    gated(
        r"\b(?:is|are|was|remains?|still|currently)\s+wanted\b|(?<!coordinator )(?<!volunteers )"
        r"(?<!volunteer )(?<!helpers )(?<!members )(?<!drivers )\bwanted\s+(?:in connection|for|on "
        r"(?:recall|warrant|suspicion)|by (?:police|officers|us|the police)|over|after|following|"
        r"in relation)|(?<!witnesses )(?<!witness )(?<!information )\bwanted:(?!\s*(?:volunteers|"
        r"staff|recruits|drivers|helpers|people|you))|\bwanted (?:man|woman|person|suspect)\b",
        re.IGNORECASE,
    ),
    gated(
        r"\b(?:help|can you help)(?: us)? (?:to )?(?:identify|trace|find|locate|track down)\s+(?:this|"
        r"these|the|a)?\s*(?:\w+\s+)?(?:man|woman|men|women|people|person|suspect|suspects|pair|"
        r"group|teenager|teenagers|boy|girl|male|female|lads?|driver|cyclist|rider|individual|"
        r"individuals|him|her|them)\b|\b(?:like|want|need) to (?:identify|trace|track down)\b|"
        r"\b(?:help|can you help)(?: us)? (?:to )?(?:trace|track down) (?-i:[A-Z][a-z]+)\b|"
        r"\bwho (?:we|officers|detectives|police) (?:need|want|would like) to (?:speak|talk) to\b",
        re.IGNORECASE,
    ),
    gated(
        r"\b(?:can|could) you (?:name|identify|id|put a name to) (?:this|these|the|him|her|them)\b",
        re.IGNORECASE,
    ),
    gated(
        r"\bdo you (?:recognise|recognize|know)\s+(?:this|these|the|him|her|them)\b|\b(?:recognise|"
        r"recognize) (?:this|these) (?:man|woman|men|women|people|person|pair|group|male|female|"
        r"faces?)\b|\bdo you know who (?:he|she|they|this (?:man|woman|person)) (?:is|are)\b",
        re.IGNORECASE,
    ),
    gated(
        r"\bwe(?:'d| would)? (?:like|want|need) to (?:speak|talk) (?:to|with) (?:this|these|him|her|"
        r"them|the (?:man|woman|men|people|person|pair|driver))\b|\bwe(?:'re| are) (?:hunting|"
        r"looking for|trying to (?:find|trace|identify))\s+(?:the|a|this)\s+(?:\w+\s+)?(?:man|woman|"
        r"men|people|person|suspect|driver|pair|gang|offender|attacker|thief|robber)\b",
        re.IGNORECASE,
    ),
    gated(
        r"\b(?:on the run|evading (?:police|arrest|officers)|absconded|failed to (?:appear|return)|"
        r"breach(?:ed)? (?:of )?(?:his|her) (?:licence|bail))\b",
        re.IGNORECASE,
    ),
)


def wanted_wording(post):
    """The leftmost wanted-appeal wording in the post, or None."""
    found = [m for m in (post.search(rx) for rx in WANTED_PARTS) if m]
    return min(found, key=lambda m: m.start()) if found else None


# "Have you seen Kayla Brown?": a capitalised name after the cue.
MISSING_NAME_RE = fast_compile(
    r"\b(?:(?:[Hh]elp|[Cc]an you help)(?: us)? (?:to )?(?:find|locate)|[Hh]ave you seen|[Ll]ooking "
    r"for|[Ss]earch for|HAVE YOU SEEN)\s+[A-Z][a-z]+"
)
# Advice about reporting missing people is not an appeal.
_MISSING_ADVICE = gated(
    r"\bif (?:you think )?(?:someone|a loved one|a child|your child|a friend|they)(?:'s| is| are| "
    r"has| goes| go) (?:gone )?missing|don't wait 24 hours|no need to wait",
    re.IGNORECASE,
)
_MISSING_NAME_CUE = gated(r"seen|find|locate|looking|search", re.IGNORECASE)
# The case-sensitive part of a wanted appeal: "WANTED" in capitals, "wanted – Callum Bright",
# "we'd like to speak to Connor".
WANTED_CAPS_RE = fast_compile(
    r"(?<!witnesses )(?<!witness )\b[Ww]anted\s*[–—:-]\s*[A-Z](?!olunteers)|\bWANTED\b(?!:?\s+"
    r"(?:[Vv]olunteers|[Ss]taff|[Rr]ecruits|[Dd]rivers|[Hh]elpers|[Oo]fficers|PCSOs|[Ss]pecials|"
    r"[Cc]adets|[Pp]eople|[Yy]ou|[Yy]our|[Dd]onations|[Ii]deas|[Vv]iews))|\b(?:[Ww]e(?:'d| would)? "
    r"(?:like|want|need) to (?:speak|talk) (?:to|with)) [A-Z][a-z]+\b"
)
MAJOR_SCENE_RE = gated(
    r"\b(?:emergency services|cordons?|rest centre|explosions?|blast|evacuat\w+|casualties|"
    r"avoid the area|stay away from the area|remains? closed|road closures?|diversions?|at the "
    r"scene|the scene|(?:an|the) (?:ongoing )?incident|(?:today's|this morning's|last night's|"
    r"yesterday's|tonight's) (?:events|incident)|affected by (?:the|this|today's)|caught up in|"
    r"family liaison|fire|blaze|situation|flood(?:s|ing|ed)?|crash|collision|stood down|"
    r"deployed|rumours?|speculat\w+|what(?:'s|’s| is) happening)\b",
    re.IGNORECASE,
)
# A casualty bureau is opened only for a major incident (NPCC casualty bureau guidance).
MAJOR_INCIDENT_RE = gated(
    r"(?<!no )(?<!not a )\bmajor incident\b(?!\s+(?:planning|training|exercise|plan|plans|"
    r"response plan|day|drill|course|simulation|awareness))|\bcasualty bureau\b(?!\s+(?:training|"
    r"exercise|volunteers?|staff|course))",
    re.IGNORECASE,
)
PERSON_RE = gated(
    r"\b(?:he|she|him|her|they|man|woman|boy|girl|teenager|teen|pensioner|person|child|\d{1,3}[-\s]"
    r"year[-\s]old|aged \d+|[A-Z][a-z]+,? \d{1,2}\b|missing (?:from|since))|\(\d{1,2}\)",
    re.IGNORECASE,
)
# An arrest said of someone else ("A man was arrested yesterday", "two other men have been
# charged") does not end an appeal for the person still sought.
_OTHER_SUBJECT = fast_compile(
    r"\W*(?:(?:update|updated|news)\W+)?(?:a|an|one|two|three|four|five|six|\d+|another|other|"
    r"several|some|a further|further)\b",
    re.IGNORECASE,
)
_OTHER_WORD = fast_compile(r"\b(?:other|another|second|third|first|already)\b", re.IGNORECASE)
_ARREST_WORDS = ("arrest", "custody", "detained", "charged", "jailed", "sentenced")
RESOLVED_RE = gated(
    r"\b(?:found safe|been found|now been found|located|safe and well|home safe|returned home|"
    r"been traced|has been arrested|have been arrested|was arrested|were arrested|arrested|"
    r"in custody|handed (?:himself|herself|themselves) in|no longer (?:missing|wanted)|appeal (?:is )?(?:now )?(?:closed|withdrawn)|"
    r"stood down|been detained|were detained|was detained|been charged|was charged|were charged|"
    r"jailed|sentenced)\b",
    re.IGNORECASE,
)


def _resolution(post, appeal):
    """Where the post says the appeal has ended: the person found, traced or arrested. An
    arrest counts when it is said in the appeal's own sentence or of a definite person (a
    name, "he", "the man"), not of someone else ("a man was arrested", "two other men")."""
    if not appeal:
        return post.search(RESOLVED_RE)
    appeal_sentence = post.sentence_at(appeal.start())
    for m in post.finditer(RESOLVED_RE):
        if not m.group(0).lower().startswith(_ARREST_WORDS) and not any(
            w in m.group(0).lower() for w in _ARREST_WORDS
        ):
            return m
        s_start, s_end = post.sentence_at(m.start())
        if (s_start, s_end) == appeal_sentence:
            return m
        if not (
            _OTHER_SUBJECT.match(post.text, s_start, m.start())
            or _OTHER_WORD.search(post.text, s_start, m.start())
        ):
            return m
    return None


@dataclass(frozen=True, slots=True)
class Appeal:
    kind: str  # "missing", "wanted", "major-incident"
    start: int
    end: int


def classify_appeal(post) -> Appeal | None:
    """The post's appeal, if it is one: missing or wanted person first, else major incident."""
    missing = post.search(MISSING_RE) or (
        post.search(_MISSING_NAME_CUE) and MISSING_NAME_RE.search(post.text)
    )
    wanted = wanted_wording(post) or (
        (
            "anted" in post.text
            or "ANTED" in post.text
            or "speak" in post.text
            or "talk" in post.text
        )
        and WANTED_CAPS_RE.search(post.text)
    )
    # Whether the appeal has ended matters only for an appeal.
    resolved = _resolution(post, wanted or missing) if wanted or missing else None
    if wanted and not resolved:
        return Appeal("wanted", wanted.start(), wanted.end())
    if (
        missing
        and not resolved
        and post.search(PERSON_RE)
        and not post.search(PET_OR_PROPERTY_RE)
        and not post.search(_MISSING_ADVICE)
    ):
        return Appeal("missing", missing.start(), missing.end())
    major = post.search(MAJOR_INCIDENT_RE)
    if major:
        return Appeal("major-incident", major.start(), major.end())
    if post.post.major_incident:
        # While a major incident is declared, a post about its scene, cordon, casualties or
        # closures is a message about it (ordinary crime news is not).
        scene = post.search(MAJOR_SCENE_RE)
        if scene:
            return Appeal("major-incident", scene.start(), scene.end())
    return None


PLACE_WORD_RE = fast_compile(r"\b[A-Z][a-z]+(?:['’]s)?\b")
DEFINITE_CASE_RE = gated(
    r"\bthe (?:[A-Z][\w'’]+ ){0,3}(?:\w+ )?(?:attack|assault|robbery|burglary|burglaries|break-ins|"
    r"shooting|stabbing|murder|fire|arson|collision|crash|rtc|incident|victim|suspect|offender|"
    r"trial|case|job|investigation|raid|explosion|thefts?|rape|attacker|scene)\b",
    re.IGNORECASE,
)
_YOUR_REFERENCE = fast_compile(r"\byour (?:crime|log|incident|reference)\b", re.IGNORECASE)


ROAD_RE = fast_compile(r"\b(?:[AMB]\d{1,4}(?:\(M\))?|J\d{1,2}|junction \d{1,2})\b")


def _has_place(post) -> bool:
    """A named street, road number or place of the region ("Soho Road", "the M6 near J6",
    "in Bloxwich", or "bloxwich" typed in lower case)."""
    if STREET_RE.search(post.text) or ROAD_RE.search(post.text):
        return True
    return not post.words.isdisjoint(PLACES_LOWER)


def incident_evidence(post) -> tuple[int, int] | None:
    """The span that makes the post about a particular incident or investigation, if any.

    A reference number, an arrest, charge or court result, a planned or live operation, a
    witness appeal or a scene: each is enough. Otherwise a crime or incident word must be
    anchored to a time, a place, or a definite case ("the Perry Barr shooting"), and the post
    must not be general advice, statistics, or about lost or found pets and property."""
    m = post.search(REFERENCE_RE)
    if (
        m
        and _YOUR_REFERENCE.search(post.text)
        and m.start() >= _YOUR_REFERENCE.search(post.text).start()
    ):
        m = None  # "quote your crime reference" is advice, not a case
    if not m and "/" in post.text:
        m = post.search(CRIME_NUMBER_RE)
    if m:
        return m.span()

    def stats() -> bool:  # aggregate figures ("1,200 arrests this year") are not a case
        return bool(post.search(PERIOD_RE) and post.search(STATS_RE))

    def generic():  # general advice, amnesties: looked for only when a case word is found
        return post.search(GENERIC_RE)

    def pets():
        return post.search(PET_OR_PROPERTY_RE)

    m = next((x for x in post.finditer(STRONG_RE) if not _patrol_plan(post, x)), None)
    if (
        m
        and not pets()
        and not (m.group(0).lower().startswith(("recovered", "were recovered")) and generic())
    ):
        return m.span()
    # post.convicted and post.charged are the searches of CONVICT_RE and CHARGE_RE, shared.
    m = post.convicted or post.charged or post.arrested
    if m and not stats():
        return m.span()
    m = post.search(OPERATION_RE)
    if m and (not generic() or post.search(TIME_ANCHOR_RE)):
        return m.span()
    m = post.search(CRIME_RE)
    if not m or stats() or post.search(TREND_RE):
        return None
    word = m.group(0).lower()
    if word in _LOST_FOUND and pets():
        # "missing spaniel", "found a wallet": only a crime word beyond lost-and-found counts
        others = [x for x in post.finditer(CRIME_RE) if x.group(0).lower() not in _LOST_FOUND]
        if not others:
            return None
        m = others[0]
    anchored = (
        post.search(TIME_ANCHOR_RE)
        or post.search(PAST_EVENT_RE)
        or post.search(DEFINITE_CASE_RE)
        or _has_place(post)
    )
    if anchored and (not generic() or post.search(TIME_ANCHOR_RE) or post.search(DEFINITE_CASE_RE)):
        return m.span()
    return None


_PATROL_RE = gated(r"\bpatrol\w*", re.IGNORECASE)


def _patrol_plan(post, m) -> bool:
    """ "We'll be patrolling the park after reports of ASB": a patrol plan, which the contract
    leaves out, not a case."""
    if not m.group(0).lower().startswith(("after reports", "following reports")):
        return False
    start, _ = post.sentence_at(m.start())
    return post.search(_PATROL_RE, start, m.start()) is not None


# A trend or a talk about a kind of crime, not a case: "thefts are rising across Solihull",
# "bikes are being nicked from gardens across Harborne", "met the MP to talk about fraud".
TREND_RE = gated(
    r"\b(?:(?:thefts?|burglar(?:y|ies)|robber(?:y|ies)|crimes?|offences|incidents|scams?|"
    r"attacks|break[-\s]ins)\s+(?:are|is|have been|has been)\s+(?:rising|up|on the rise|"
    r"increasing|going up|falling|down)\b|(?:are|is) being (?:\w+\s+){1,3}across (?:[A-Z]\w+|the "
    r"(?:city|town|region|area|borough))|(?:talk|talking|chat|chatting|spoke|speaking|"
    r"to discuss|discussing)\s+(?:to\s+\w+\s+)?about\s+(?:\w+\s+){0,3}(?:crime|fraud|scams?|"
    r"thefts?|safety|abuse|prevention|protecting))",
)
_LOST_FOUND = frozenset({"stolen", "stole", "seized"})

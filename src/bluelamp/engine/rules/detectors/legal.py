"""Where a case stands (arrested, charged, convicted) and what is said about the person in it:
the facts behind the contempt, naming and evidence rules (4.1, 4.10, 4.25)."""

from __future__ import annotations

import re

from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import gated, gated_parts

ARREST_RE = gated(
    r"\b(?:(?:has|have|had|was|were|been|being|is|are|got|get)\s+(?:been\s+)?arrested|arrested"
    r"(?:\s+(?:on suspicion|in connection|for|after|over|at|and|this|yesterday|last|today|a|two|"
    r"three|four|him|her|them))?|we\s+(?:have\s+)?arrested|(?:remains?|remain|is|are|was|were|"
    r"now|currently)\s+in\s+(?:police\s+)?custody|in custody|detained|held on suspicion|on "
    r"suspicion of|(?:released|remains?|is|was)\s+on\s+(?:police\s+)?bail|bailed|released under "
    r"investigation|released without charge|released with no further action|under "
    r"investigation|interviewed under caution|voluntary interview|helping (?:police|us|officers) "
    r"with (?:their|our|its) enquiries|IOPC|Independent Office for Police Conduct|we(?:'re| are) "
    r"investigating|are investigating|is being investigated|being investigated|under arrest|"
    r"handed (?:himself|herself|themselves) in|while we investigate|investigating a complaint|"
    r"in the cells?|(?:placed|put) on restricted duties|been suspended|was suspended|is suspended|"
    # "Nicked" is arrested when done to a person ("got nicked", "we nicked him", "nicked Dean
    # Pryor"); "has nicked the tin" is stealing.
    r"nicking (?-i:[A-Z][a-z]+ [A-Z][a-z]+)|served with a (?:gross )?misconduct notice|"
    r"got (?:himself|herself|themselves) (?:nicked|arrested|lifted)|"
    r"(?:got|get|gets|getting|been|was|were|being|we|i|finally|just|and \w+) nicked|nicked "
    r"(?:him|her|them|that|this|for|on suspicion|(?-i:[A-Z][a-z]+)|(?:the|a|two|three|both|\d+)\s+"
    r"(?:\w+\s+)?(?:lads?|m[ae]n|wom[ae]n|pair|suspects?|drivers?|youths?|teens?|teenagers?|"
    r"boys?|girls?|blokes?|guys?|fellas?|occupants))|collared|"
    r"bagged|lifted for|"
    r"we(?:'ve|’ve| have)\s+(?:just\s+|finally\s+)?lifted|lifted (?:him|her|them)\b|"
    # Arrest in the words officers use: "got lifted", "lifted Kev Rawlings", "got hands on
    # Aaron Pryce", "is now being questioned", "reported for summons".
    r"(?:got|get|gets|getting|been|was|were) lifted|lifted (?-i:[A-Z][a-z]+ [A-Z][a-z]+)|"
    r"(?:got|get|getting|put|laid) (?:our |the |)(?:hands|cuffs) on|"
    r"(?:is|are|was|were|now|still) being questioned|"
    # "Officers are speaking to Kevin Ash in connection with the theft": under investigation
    # (not "would like to speak to…", which is the appeal).
    r"(?:are|were|have been|is) (?:speaking|talking) to (?-i:[A-Z][a-z]+ [A-Z][\w'’-]+) in "
    r"connection with|"
    # "The bloke we locked up for the break-in": officers' words for an arrest.
    r"we (?:have |['’]ve )?locked up|"
    # "Finally got Steph Rourke in custody".
    r"(?:got|have|has|had) (?-i:[A-Z][a-z]+(?: [A-Z][\w'’-]+)?) in (?:custody|the cells)|"
    r"reported for (?:a )?summons|"
    # The arrest as a noun, done: "following the arrest of Gareth Lyle", "led to the arrest of";
    # not the reward's "information leading to the arrest of…", which is still to come.
    r"(?<!leading to the )(?<!leads to the )(?<!lead to the )(?<!help in the )"
    r"(?<!assist in the )(?<!assist with the )arrest of|"
    r"under caution|we(?:'ve| "
    r"have) got (?:him|her|them)|"
    r"(?:police|officers|cops|coppers|they|the old bill) (?:have |['’]ve )?(?:got|caught|collared|"
    r"nabbed) (?:him|her|them|the (?:lad|man|bloke|guy|woman|pair|driver)) (?:now|already|at last|"
    r"finally|thankfully))\b",
    re.IGNORECASE,
)
# "Released under investigation" as police write it: RUI, in capitals (kept out of ARREST_RE so
# that "recruit" does not wake that pattern).
RUI_RE = fast_compile(r"\bRUI\b")


def arrest_in(post, start: int = 0, end: int | None = None):
    """An arrest, custody, bail or investigation mention in [start, end) of the post."""
    end = len(post.text) if end is None else end
    found = post.search(ARREST_RE, start, end)
    if found is None and "RUI" in post.text:
        found = RUI_RE.search(post.text, start, end)
    return found


CHARGE_RE = gated(
    r"(?:^|\n)\s*charged\b|(?<=[.!?:] )charged\b|\b(?:(?:has|have|had|was|were|been|being|is|are|got|get|be|and|man|woman|men|women|"
    r"teenager|boy|girl|person|people|driver|\d{1,3})\s+(?:now\s+|since\s+|also\s+|already\s+|"
    r"been\s+)?charged|charged (?:with|him|her|them|a|an|two|three|four|\d)|(?:we|police|officers|"
    r"detectives) (?:have )?charged|(?:will|is due to|are due to|due to|to|is set to|set to)\s+appear|appeared|"
    r"appears\s+(?:at|before|in)|remanded|awaiting trial|await(?:s|ing)? trial|stand trial|"
    r"pleaded not guilty|pleads not guilty|denies|denied|summonsed|summoned|due in court|"
    r"(?:is|are|was) on trial|trial (?:date|is due|starts|begins)|facing (?:a |the )?charges?|"
    r"faces (?:a |the )?charges?|accused of|court case|giving evidence|gave evidence|in the dock|"
    r"the \w+ trial|day \d+ of the trial|trial (?:continues|resumes|starts|begins|is)|can't wait "
    r"for court|in court (?:on|next|tomorrow)|be in court)\b",
    re.IGNORECASE,
)
CONVICT_RE = gated(
    r"\b(?:jailed|sentenced|convicted of|was convicted|were convicted|been convicted|found guilty|"
    r"pleaded guilty|pleads guilty|admitted|(?<!we )(?<!we['’]ve )(?<!we have )locked up|imprisoned|given (?:a |an )?(?:suspended |"
    r"\d+[-\s](?:year|month|week)\s+)?(?:sentence|prison sentence|community order|order)|"
    r"community order|(?:was|were) fined|ordered to pay|banned from driving|behind bars|"
    r"years? (?:in prison|inside|in jail|behind bars)|life sentence|life imprisonment|"
    r"detained for|detention (?:order|for)|(?:was|were) given (?:a |an )?\d+|put away|"
    r"criminal behaviour order)\b",
    re.IGNORECASE,
)
# Crime verbs, for "the man who robbed…", "the lad who's been breaking into cars…".
_CRIME_VERBS = (
    r"robbed|robbing|attacked|attacking|stabbed|stabbing|stole|stolen|stealing|killed|killing|"
    r"murdered|assaulted|assaulting|raped|raping|burgled|burgling|broke into|breaking into|"
    r"shot|shooting|mugged|mugging|punched|battered|torched|set fire|setting fire|terrori[sz]ed|"
    r"terrori[sz]ing|abused|abusing|targeted|targeting|scammed|scamming|conned|conning|"
    r"defrauded|smashed|smashing|snatched|snatching|glassed|flashing|flashed|exposed|exposing|"
    r"groped|groping|dealing|flogging|selling|doing|hit|ran over|knocked down|carried out|"
    r"committed|caused|did this|was responsible|were responsible|injured|hurt|threatened|"
    r"harass(?:ed|ing)|stalk(?:ed|ing)|vandalised|damaged|ripped off|fleeced"
)
# "who's been robbing" is the act; "who's been robbed" is the victim: -ing forms pass the
# passive check below.
_CRIME_ING = "|".join(v for v in _CRIME_VERBS.split("|") if v.split(" ")[0].endswith("ing"))
_PERSON_NOUNS = (
    r"man|men|woman|women|person|people|lads?|girl|boy|teenager|youth|guy|bloke|fella|male|"
    r"female|driver|pair|duo|gang|"
    r"one|ones|thug|thugs|yob|yobs|thief|thieves|burglar|burglars|robber|robbers|killer|"
    r"murderer|attacker|attackers|rapist|dealer|dealers|paedophile|predator|fraudster|fraudsters|"
    r"conman|offender|offenders|culprit|culprits|perpetrator|perpetrators|criminal|criminals|"
    r"suspect|suspects|arsonist|flasher|shoplifter|pusher|scammer|scammers|vandal|vandals"
)
# Wording that asserts guilt, bad character or comments on the evidence while a case is live.
GUILT_PARTS = gated_parts(
    rf"\b(?:the|this|these|those|that)\s+(?:\w+\s+){{0,2}}?(?:{_PERSON_NOUNS}|idiot|moron|"
    rf"clown|genius|mastermind|ringleader|numpty|muppet|scrote|scumbag|lowlife|wrong['’]un)s?\s+"
    rf"(?:who|that)(?:['’]s|\s+has|\s+had|\s+have|['’]ve)?\s+(?:been\s+)?(?:\w+\s+){{0,3}}?"
    rf"(?:(?:{_CRIME_ING})|(?<!was )(?<!were )(?<!been )(?<!got )(?<!being )(?:{_CRIME_VERBS}|rob|"
    rf"steal|attack|stab|burgle|deal|sell|scam|con|nick|snatch))\b"
    # "Served four years for a similar scam", "he did it, no question".
    r"|\bserved (?:\w+\s+){0,2}(?:years?|months?) (?:for|in)\b"
    r"|\b(?:did|done) it[,!.]? (?:no question|no doubt|100%|for sure|definitely)"
    # A record by its date or count: "Mills was jailed in 2016 for a similar attack", "he's
    # been caught twice before" (bad character while the case is live).
    r"|\b(?:was|were|has been|have been|had been|['’]s been|been)\s+(?:previously\s+)?(?:jailed|"
    r"convicted|imprisoned|locked up|sent down|caught|done|nicked|cautioned)\s+(?:\w+\s+){0,2}?"
    r"(?:in (?:19|20)\d\d|before\b|previously|twice|three times|four times|several times|"
    r"\d+ times|(?:\w+\s+)?years ago|for (?:a |the )?(?:similar|same)\b)"
    r"|\b(?:mastermind|ringleader|brains)['’\"]?\s+behind\b|\b(?:he|she|they)['’](?:s| is| are| re) a "
    r"(?:right |proper |total |complete |nasty |little )*(?:scrote|scumbag|thug|crook|wrong['’]un|"
    r"toerag|lowlife|piece of work|menace|nasty piece)\b|\bevidence against (?:\w+\s+){1,2}is "
    r"(?:overwhelming|strong|clear|damning|compelling|watertight)\b"
    rf"|\b(?:he|she|they)\s+(?:(?:repeatedly|deliberately|brutally|viciously|callously|then|"
    rf"also)\s+)?(?:{_CRIME_VERBS})\b"
    # "the man behind the scam": the one who did it, said of the accused.
    rf"|\b(?:the|this|that)\s+(?:\w+\s+)?(?:{_PERSON_NOUNS})\s+behind\s+(?:the|this|these|that|"
    r"those|a|an|last\s+\w+['’]s|our)\s+(?:[\w'’-]+\s+){0,3}?(?:scams?|frauds?|attacks?|"
    r"robber(?:y|ies)|burglar(?:y|ies)|thefts?|raids?|stabbings?|shootings?|killings?|murders?|"
    r"assaults?|spate|wave|campaign|con|cons|swindle|break-ins?|arson|fires|crimes?|offences?|"
    r"thefts|vandalism|damage|graffiti|abuse)\b"
    rf"|\b(?:the|this|these)\s+(?:\w+\s+){{0,2}}?(?:man|men|woman|women|person|people|driver|"
    rf"pair|gang|lads?|male|female|individual|individuals|suspect|suspects)\s+responsible\b"
    r"|\b(?:the|this|these|those)\s+(?:\w+\s+)?(?:thug|thugs|yob|yobs|killer|killers|murderer|"
    r"murderers|rapist|rapists|paedophile|paedophiles|predator|monster|monsters|animals|scum|"
    r"scumbag|scumbags|crook|crooks|villain|villains|criminal|criminals|culprit|culprits|"
    r"perpetrator|perpetrators|offender|offenders|attacker|attackers|dealer|dealers|thief|"
    r"thieves|robber|robbers|burglar|burglars|fraudster|fraudsters|conman|con artist|"
    r"arsonist|flasher|shoplifter|scammer|scammers)\b(?!\s+(?:justice|damage|record|records|"
    r"investigations?|proceedings|behaviour|exploitation|activity|activities|gangs?|networks?|"
    r"offences?|courts?|law|cases?|welfare|cruelty|charity|rescue|lovers))"
    r"|\b(?:caught red[-\s]handed|bang to rights|well[-\s]known to (?:officers|police|us|the "
    r"police|local officers)|known to (?:officers|police|us)|previous convictions?|prior "
    r"convictions?|previously convicted|previously jailed|has a (?:long )?history of|history of "
    r"violence|criminal record|long record|record for|has form|got form|has previous|(?:repeat|"
    r"serial|persistent|habitual|prolific) (?:offender|burglar|thief|shoplifter|criminal|"
    r"fraudster|conman|con man|scammer|rapist|abuser|sex offender|robber)|prolific|career criminal|convicted (?:drug )?(?:dealer|burglar|thief|robber|"
    r"rapist|paedophile|criminal|killer|sex offender|offender)|known (?:drug )?(?:dealer|burglar|"
    r"thief|offender|criminal|gang member|shoplifter)|(?:done|did) (?:it|this|the same) before|"
    r"who (?:has|have|had)\s+(?:\w+\s+){1,3}before\b|leaves? no doubt|no doubt (?:about|that|in (?:our|my) minds?)|open and shut|"
    r"see you in court|caught on (?:camera|cctv) (?:committing|stealing|attacking|breaking)|"
    r"the evidence is (?:clear|overwhelming|damning|strong)|overwhelming evidence|crystal clear|"
    r"confident of (?:a )?conviction|evidence against (?:him|her|them) is|we've got (?:him|her|"
    r"them|our man)|we have got (?:him|her|them)|got our man|justice will be done|get what's "
    r"coming|getting what's coming|can't wait (?:for|to see)|guilty as|is guilty|are guilty|he "
    r"did it|she did it|they did it|definitely (?:him|her|them)|knew it was (?:him|her|them)|"
    r"it was (?:him|her|them) all along|tells you everything|says it all|thought (?:he|she|they)"
    r"['’]d get away|get away with it|not to be believed|(?:should|must|cannot|can't) (?:not )?be believed|is lying|are lying|lied to|(?:story|"
    r"account|alibi|excuse|version)\b[^.!?\n]{0,60}\b(?:doesn't|does not|don't|won't|didn't) "
    r"(?:add up|stand up|hold up|hold water|wash)|a likely story|making it up|made it up|can't be "
    r"trusted|unreliable witness|been after (?:him|her|them)|for what (?:he|she|they) did|the "
    r"dealer|the thug|the killer|the culprit|got (?:him|her|them|our (?:man|woman))|nailed "
    r"(?:him|her|them)|knew it was|finally (?:caught|nicked|got|collared)|caught (?:him|her|them)? ?"
    r"in the act|nasty piece of work|notorious|menace to|pack of lies|changed (?:his|her|their) "
    r"story|speaks? for itself|slam dunk|won't be walking free|throw the book|lock (?:him|her|"
    r"them) up|where (?:he|she|they) belongs?|get what (?:he|she|they) deserves?|deserves? "
    r"(?:everything|all) (?:he|she|they)|thieving|no[-\s]good|has it coming|had it coming)\b",
    re.IGNORECASE,
)
# The case-sensitive part: a name with a label ("Scumbag Dean Walsh") or made responsible
# ("Kyle Webb is responsible for").
GUILT_NAMED_RE = fast_compile(
    r"\b(?:[Ss]cumbag|[Ss]cum|[Tt]hug|[Cc]rook|[Ll]owlife|[Ll]ow-life|[Ss]crote|[Nn]once|[Pp]aedo|"
    r"[Pp]redator|[Mm]onster|[Aa]nimal|[Yy]ob|[Vv]illain)\s+[A-Z][a-z]+\s+[A-Z][a-z]+|\b[A-Z][a-z]+\s+"
    r"(?:is|was|were|are)\s+responsible\s+for\b"
)
# "Suspected", "alleged" and "on suspicion" keep a sentence neutral.
HEDGE_RE = gated(
    r"\b(?:suspected|alleged|allegedly|accused|on suspicion|suspicion of|believed to|thought to|"
    r"may have|might have)\b",
    re.IGNORECASE,
)
STATS_RE = gated(
    r"\b\d[\d,]*\s+(?:arrests|people (?:have been |were )?(?:arrested|charged|killed|injured|"
    r"hurt|seriously injured)|charges|burglaries|crimes|offences|seizures|warrants|stop and "
    r"searches|knives|thefts|robberies|collisions|crashes|deaths)\b|\b(?:seized|recovered|"
    r"arrested|charged|took|taken) (?:over |more than |nearly |almost |around )?(?:£\s?)?\d[\d,.]*"
    r"\s?(?:m|k|million|thousand)?\b|\b(?:down|up|fallen|fell|"
    r"risen|rose|dropped|increased|decreased|cut|reduced) (?:by )?\d[\d.]*\s?(?:%|per cent)|"
    r"\b\d[\d.]*\s?(?:%|per cent) (?:rise|fall|drop|increase|decrease|reduction|fewer|more)",
    re.IGNORECASE,
)
PERIOD_RE = gated(
    r"\b(?:since|this year|so far|last year|last month|this month|in 20\d\d|per cent|%|a year|"
    r"each year|every year|over the (?:past|last)|in the (?:past|last))\b",
    re.IGNORECASE,
)

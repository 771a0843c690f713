"""Where a case stands (arrested, charged, convicted) and what is said about the person in it:
the facts behind the contempt, naming and evidence rules (4.1, 4.10, 4.25)."""

from __future__ import annotations

import re

from bluelamp.engine.rules.detectors.gate import gated

ARREST_RE = gated(
    r"\b(?:(?:has|have|had|was|were|been|being|is|are|got|get)\s+(?:been\s+)?arrested|arrested"
    r"(?:\s+(?:on suspicion|in connection|for|after|over|at|and|this|yesterday|last|today|a|two|"
    r"three|four|him|her|them))?|we\s+(?:have\s+)?arrested|(?:remains?|remain|is|are|was|were|"
    r"now|currently)\s+in\s+(?:police\s+)?custody|in custody|detained|held on suspicion|on "
    r"suspicion of|(?:released|remains?|is|was)\s+on\s+(?:police\s+)?bail|bailed|released under "
    r"investigation|\bRUI\b|released without charge|released with no further action|under "
    r"investigation|interviewed under caution|voluntary interview|helping (?:police|us|officers) "
    r"with (?:their|our|its) enquiries|IOPC|Independent Office for Police Conduct|we(?:'re| are) "
    r"investigating|are investigating|is being investigated|being investigated|under arrest|"
    r"handed (?:himself|herself|themselves) in|while we investigate|investigating a complaint|"
    r"in the cells?|been suspended|was suspended|is suspended)\b",
    re.IGNORECASE,
)
CHARGE_RE = gated(
    r"(?:^|\n)\s*charged\b|\b(?:(?:has|have|had|was|were|been|being|is|are|got|get|be|and|man|woman|men|women|"
    r"teenager|boy|girl|person|people|driver|\d{1,3})\s+(?:now\s+|since\s+|also\s+|already\s+|"
    r"been\s+)?charged|charged (?:with|him|her|them|a|an|two|three|four|\d)|(?:we|police|officers|"
    r"detectives) (?:have )?charged|(?:will|is due to|are due to|due to|to|is set to|set to)\s+appear|appeared|"
    r"appears\s+(?:at|before|in)|remanded|awaiting trial|await(?:s|ing)? trial|stand trial|"
    r"pleaded not guilty|pleads not guilty|denies|denied|summonsed|summoned|due in court|"
    r"(?:is|are|was) on trial|trial (?:date|is due|starts|begins)|facing (?:a |the )?charges?|"
    r"faces (?:a |the )?charges?|accused of|court case)\b",
    re.IGNORECASE,
)
CONVICT_RE = gated(
    r"\b(?:jailed|sentenced|convicted of|was convicted|were convicted|been convicted|found guilty|"
    r"pleaded guilty|pleads guilty|admitted|locked up|imprisoned|given (?:a |an )?(?:suspended |"
    r"\d+[-\s](?:year|month|week)\s+)?(?:sentence|prison sentence|community order|order)|"
    r"community order|(?:was|were) fined|ordered to pay|banned from driving|behind bars|"
    r"years? (?:in prison|inside|in jail|behind bars)|life sentence|life imprisonment|"
    r"detained for|detention (?:order|for)|(?:was|were) given (?:a |an )?\d+|put away|"
    r"criminal behaviour order)\b",
    re.IGNORECASE,
)
# Wording that asserts guilt, bad character or comments on the evidence while a case is live.
GUILT_RE = gated(
    r"\b(?:the|this|these|those)\s+(?:\w+\s+){0,2}?(?:man|men|woman|women|person|people|lads?|"
    r"guy|bloke|male|female|driver|pair|duo|gang|thug|thugs|yob|yobs|thief|thieves|burglar|"
    r"burglars|robber|robbers|killer|murderer|attacker|attackers|rapist|dealer|dealers|"
    r"paedophile|predator|fraudster|conman|offender|offenders|culprit|culprits|perpetrator|"
    r"perpetrators|criminal|criminals|suspect|suspects)\s+(?:who|that)\s+(?:\w+\s+){0,2}?"
    r"(?:robbed|attacked|stabbed|stole|killed|murdered|assaulted|raped|burgled|broke into|"
    r"shot|mugged|punched|battered|torched|set fire|terrorised|terrorized|abused|targeted|"
    r"scammed|conned|defrauded|smashed|snatched|did this|was responsible|were responsible|"
    r"caused|ran over|knocked down|hit|groped|exposed|carried out|committed)\b"
    r"|\b(?:the|this|these)\s+(?:\w+\s+){0,2}?(?:man|men|woman|women|person|people|driver|pair|"
    r"gang|lads?|male|female|individual|individuals|suspect|suspects)\s+responsible\b"
    r"|\b(?:the|this|these|those)\s+(?:thug|thugs|yob|yobs|killer|killers|murderer|murderers|"
    r"rapist|rapists|paedophile|paedophiles|predator|monster|monsters|animals|scum|scumbag|"
    r"scumbags|crook|crooks|villain|villains|criminal|criminals|culprit|culprits|perpetrator|"
    r"perpetrators|offender|offenders|attacker|attackers|dealer|dealers|thief|thieves|robber|"
    r"robbers|burglar|burglars|fraudster|fraudsters|conman|con artist)\b"
    r"|\b(?:caught red[-\s]handed|bang to rights|well[-\s]known to (?:officers|police|us|the "
    r"police|local officers)|known to (?:officers|police|us)|previous convictions?|prior "
    r"convictions?|previously convicted|previously jailed|has a (?:long )?history of|criminal "
    r"record|long record|record for|serial (?:offender|burglar|thief|shoplifter)|prolific|"
    r"career criminal|convicted (?:drug )?(?:dealer|burglar|thief|robber|rapist|paedophile|"
    r"criminal|killer|sex offender|offender)|known (?:drug )?(?:dealer|burglar|thief|offender|"
    r"criminal|gang member|shoplifter)|leaves? no doubt|no doubt (?:about|that)|open and shut|"
    r"see you in court|caught on (?:camera|cctv) (?:committing|stealing|attacking|breaking)|"
    r"the evidence is (?:clear|overwhelming|damning)|overwhelming evidence|evidence against "
    r"(?:him|her|them) is|we've got (?:him|her|them|our man)|we have got (?:him|her|them)|got our "
    r"man|justice will be done|guilty as|is guilty|are guilty|he did it|she did it|they did it|"
    r"not (?:to be )?believed|is lying|are lying|lied to|story doesn't add up|can't be trusted|"
    r"unreliable witness|the dealer|the thug|the killer|the culprit)\b",
    re.IGNORECASE,
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
PERIOD_RE = re.compile(
    r"\b(?:since|this year|so far|last year|last month|this month|in 20\d\d|per cent|%|a year|"
    r"each year|every year|over the (?:past|last)|in the (?:past|last))\b",
    re.IGNORECASE,
)

"""4.10, 4.12: a victim of a sexual offence has lifelong anonymity (Sexual Offences
(Amendment) Act 1992 s.1)."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.people import HANDLE_RE, RELATION_RE, SCHOOL_RE

SEXUAL_RE = gated(
    r"\b(?:sexual(?:ly)?\s+(?:assault\w*|offen[cs]e\w*|abus\w*|attack\w*|touch\w*|activity|"
    r"exploitation|motivated|harassment)|rap(?:e|ed|es|ing|ist)|indecent(?:ly)?\s+(?:assault\w*|"
    r"expos\w+|images?|touch\w*)|upskirt\w*|voyeur\w*|groped|groping|molest\w*|sextortion|"
    r"intimate (?:image|images|photos)|revenge porn|exposed (?:himself|herself)|sexual offences?|"
    r"child sexual|grooming|sex attack|sex offence\w*|assault by penetration|attempted rape|"
    r"spiked and (?:assaulted|raped)|flashed|flashing|flasher|indecent exposure)\b",
    re.IGNORECASE,
)
# How the victim is tied to a name: "Chloe Webb, 22, was sexually assaulted", "the rape of
# Nicola Evans", "victim … is Shannon Price", "Kirsty Lane, 33, victim of rape".
_VICTIM_AFTER_NAME = fast_compile(
    r"^(?:,?\s*(?:aged\s+)?\d{1,3},?)?\s*(?:,?\s*(?:who|from|of)\b[^.]{0,40}?,?\s*)?(?:(?:was|"
    r"has been|had been|were|is|got|reported (?:being|that she|that he)|said (?:she|he) was)\s+"
    r"(?:\w+\s+){0,2}?)?(?:sexually|raped|indecently|groped|molested|attacked|assaulted|flashed|"
    r"the victim|victim of|the woman|the man|the girl|the person)",
    re.IGNORECASE,
)
_VICTIM_BEFORE_NAME = fast_compile(
    r"(?:raped|raping|rape of|assault(?:ed|ing)?(?: of)?|abused|abusing|abuse of|groped|groping|"
    r"molested|attacked|victim|survivor|complainant|victims?,|touching|exposed himself to|"
    r"targeted|is|was|friend|mate|housemate|flatmate|sister|cousin|daughter|niece)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# The defendant is the one named as charged, arrested or sentenced: not the victim.
_DEFENDANT_AFTER = fast_compile(
    r"^(?:,\s*(?:aged\s+)?\d{1,3})?(?:,\s*(?:of|from)\s+[^,]{1,40})?,?\s*(?:who\b[^,]{0,60},\s*)?"
    r"(?:has|have|had|was|were|is)\s+(?:been\s+)?(?:charged|arrested|jailed|sentenced|convicted|"
    r"found guilty|remanded|bailed|released|interviewed|given)",
    re.IGNORECASE,
)
_DEFENDANT_BEFORE = fast_compile(
    r"(?:charged|arrested|jailed|sentenced|convicted|teacher|coach|defendant|accused|suspect)\s+"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
WORKPLACE_RE = gated(
    r"\b(?:who works?|works|worked|working|employed)\s+(?:as\s+(?:a|an)\s+\w+\s+|nights\s+|"
    r"days\s+)?(?:at|behind|in|for|on)\b|\bat work\b|\bher (?:workplace|office|shift)|\bafter "
    r"(?:finishing )?(?:her|his) shift\b|\b(?:the|a|an|one of the)\s+(?:\w+\s+)?(?:barmaid|barman|"
    r"receptionists?|cashier|employee|member of staff|staff member|worker|nurse|teacher|physio|"
    r"hairdresser|volunteer|student|waitress|waiter|cleaner|carer|manager|owner|assistant|"
    r"doctor|paramedic|officer|pcso|driver|coach|trainer|instructor)s?\s+(?:at|from|of|in)\s+"
    r"(?:the\s+)?[a-z]|\b(?:at|in) (?:his|her|their) (?:school|"
    r"club|surgery|church|gym|practice|clinic|workplace|office|shop|salon|café|cafe|pub)\b|"
    r"\bwho (?:runs|owns|manages|coaches|teaches)\b|\bwhere (?:she|he|they|they both|both) "
    r"(?:work|works|worked)\b|\b(?:early|late|night|morning|evening|day) shift at\b|\ba "
    r"(?:work )?colleague\b",
    re.IGNORECASE,
)
HOME_RE = gated(
    r"\b(?:halls?(?: of residence)?|student halls|uni halls|(?:at|in|outside|near) (?:her|his|"
    r"their) (?:home|house|flat|room)|lives (?:at|on|in)|living (?:at|on|in)|where she lives|"
    r"where he lives|her home|his home|her room)\b",
    re.IGNORECASE,
)


def sexual_victim_evidence(post) -> list[tuple[int, int, str]]:
    return post.memo("sexual-offence-victim", _compute)


def _compute(post) -> list[tuple[int, int, str]]:
    text = post.text
    if not post.search(SEXUAL_RE):
        return []
    evidence: list[tuple[int, int, str]] = []
    names = post.identifying_names
    for name in names:
        after = text[name.end : name.end + 100]
        before = text[max(0, name.start - 40) : name.start]
        if _DEFENDANT_AFTER.match(after) or _DEFENDANT_BEFORE.search(before):
            continue
        s_start, s_end = post.sentence_at(name.start)
        in_offence_sentence = post.search(SEXUAL_RE, s_start, s_end) is not None
        if (
            _VICTIM_AFTER_NAME.match(after)
            or (_VICTIM_BEFORE_NAME.search(before) and in_offence_sentence)
            or (
                in_offence_sentence
                and len(names) == 1
                and not (post.arrested or post.charged or post.convicted)
            )
        ):
            evidence.append((name.start, name.end, "name"))
    for m in post.finditer(SEXUAL_RE):
        s_start, s_end = post.sentence_at(m.start())
        for r in post.finditer(RELATION_RE, s_start, s_end):
            # "charged with raping his wife": the victim is known through the named defendant.
            if post.private_names or re.match(r"[A-Z][a-z]+['’]s", text[r.start() : r.end()]):
                evidence.append((r.start(), r.end(), "relationship to a named person"))
            elif r.group(0).lower().startswith(("daughter of", "son of", "wife of", "sister of")):
                evidence.append((r.start(), r.end(), "relationship to an identifiable person"))
        for rx, what in ((WORKPLACE_RE, "workplace"), (SCHOOL_RE, "school"), (HOME_RE, "home")):
            for w in post.finditer(rx, s_start, s_end):
                evidence.append((w.start(), w.end(), what))
    handles = [h for h in HANDLE_RE.finditer(text) if h.group(0) not in post.pack.main_handles]
    for h in handles:
        evidence.append((h.start(), h.end(), "social media handle"))
    for item in post.identifiers:
        if item.kind in ("address", "flat", "postcode"):
            evidence.append((item.start, item.end, "home address"))
    return sorted(set(evidence))


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

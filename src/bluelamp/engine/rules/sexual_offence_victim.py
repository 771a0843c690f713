"""4.10, 4.12: a victim of a sexual offence has lifelong anonymity (Sexual Offences
(Amendment) Act 1992 s.1)."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.identifiers import STREET_RE
from bluelamp.engine.rules.detectors.people import HANDLE_RE, RELATION_RE, SCHOOL_RE

SEXUAL_RE = gated(
    r"\b(?:sexual(?:ly)?\s+(?:assault\w*|offen[cs]e\w*|abuse\w*|attack\w*|touch\w*|activity|"
    r"exploitation|motivated|harassment)|rap(?:e|ed|es|ing|ist)|indecent(?:ly)?\s+(?:assault\w*|"
    r"expos\w+|images?|touch\w*)|upskirt\w*|voyeur\w*|groped|groping|molest\w*|sextortion|"
    r"intimate (?:image|images|photos)|revenge porn|exposed (?:himself|herself)|sexual offences?|"
    r"child sexual|grooming|sex attack|sex offence\w*|assault by penetration|attempted rape|"
    r"spiked and (?:assaulted|raped))\b",
    re.IGNORECASE,
)
_VICTIM_AFTER_NAME = re.compile(
    r"^(?:,\s*(?:aged\s+)?\d{1,3},?)?\s*(?:,\s*(?:who|from|of)\b[^.]{0,40},?\s*)?(?:was|has been|"
    r"had been|were|reported (?:being|that she|that he)|said (?:she|he) was)\s+(?:\w+\s+){0,2}?"
    r"(?:sexually|raped|indecently|groped|molested|attacked|assaulted|the victim)",
    re.IGNORECASE,
)
_VICTIM_BEFORE_NAME = re.compile(
    r"(?:raped|raping|assaulted|assaulting|abused|abusing|groped|groping|molested|attacked|"
    r"victim|survivor|complainant|victims?,|touching|exposed himself to|targeted)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
WORKPLACE_RE = gated(
    r"\b(?:who works?|works|worked|working|employed)\s+(?:as\s+(?:a|an)\s+\w+\s+)?(?:at|behind|in|"
    r"for)\b|\b(?:barmaid|barman|receptionist|cashier|employee|member of staff|staff member|"
    r"worker|nurse|teacher|student)\s+(?:at|from|of)\s+(?:the\s+)?[A-Z]|\bher (?:workplace|office|"
    r"shift at)|\bafter (?:finishing )?(?:her|his) shift\b",
    re.IGNORECASE,
)
HOME_RE = gated(
    r"\b(?:halls of residence|student halls|(?:at|in|outside|near) (?:her|his|their) "
    r"(?:home|house|flat)|lives (?:at|on|in)|where she lives|where he lives|her home|his home)\b",
    re.IGNORECASE,
)


def sexual_victim_evidence(post) -> list[tuple[int, int, str]]:
    return post.memo("sexual-offence-victim", _compute)


def _compute(post) -> list[tuple[int, int, str]]:
    text = post.text
    offence = post.search(SEXUAL_RE)
    if not offence:
        return []
    evidence: list[tuple[int, int, str]] = []
    for name in post.private_names:
        after = text[name.end : name.end + 90]
        before = text[max(0, name.start - 40) : name.start]
        if _VICTIM_AFTER_NAME.match(after) or _VICTIM_BEFORE_NAME.search(before):
            evidence.append((name.start, name.end, "name"))
    for m in post.finditer(SEXUAL_RE):
        s_start, s_end = post.sentence_at(m.start())
        for r in post.finditer(RELATION_RE, s_start, s_end):
            # "charged with raping his wife": the victim is known through the named defendant.
            if post.private_names or re.match(r"[A-Z][a-z]+['’]s", r.group(0)):
                evidence.append((r.start(), r.end(), "relationship to a named person"))
        for rx, what in ((WORKPLACE_RE, "workplace"), (SCHOOL_RE, "school")):
            for w in post.finditer(rx, s_start, s_end):
                evidence.append((w.start(), w.end(), what))
        for h in post.finditer(HOME_RE, s_start, s_end):
            if STREET_RE.search(text, s_start, s_end) or "halls" in h.group(0).lower():
                evidence.append((h.start(), h.end(), "home"))
        for h in HANDLE_RE.finditer(text, s_start, s_end):
            evidence.append((h.start(), h.end(), "social media handle"))
    for item in post.identifiers:
        if item.kind in ("address", "flat", "postcode"):
            evidence.append((item.start, item.end, "home address"))
    return sorted(set(evidence))


_GATE = frozenset(
    "sexual sexually rape raped rapes raping rapist indecent indecently upskirting voyeurism "
    "groped groping molested molesting sextortion intimate revenge exposed grooming sex "
    "penetration".split()
)


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

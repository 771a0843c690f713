"""4.23: other people can identify the subject of a post even without a name."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.child_identification import child_evidence
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.identifiers import STREET_RE
from bluelamp.engine.rules.sexual_offence_victim import sexual_victim_evidence

OCCUPATION_RE = gated(
    r"\b(?:works?|worked|working|employed)\s+(?:as|at|for|in|behind)\b|\b(?:owner|manager|"
    r"landlord|landlady|licensee) of\b|\bruns (?:a|the)\b|\b(?:a|an|the|retired|local|former)\s+"
    r"(?:teacher|nurse|doctor|gp|dentist|vet|taxi driver|cab driver|bus driver|lorry driver|"
    r"shopkeeper|postman|postwoman|postie|firefighter|paramedic|vicar|imam|priest|rabbi|"
    r"footballer|barber|hairdresser|cleaner|carer|care worker|lollipop (?:man|lady)|dinner "
    r"lady|pharmacist|solicitor|accountant|landlord|landlady|publican|security guard|bouncer|"
    r"delivery driver|courier|lecturer|mechanic|builder|plumber|electrician|chef|waiter|"
    r"waitress|shop assistant|cashier|receptionist|social worker|headteacher|head teacher|"
    r"caretaker|groundsman|midwife|soldier|magistrate|councillor|bus conductor|train driver|"
    r"butcher|baker|newsagent|takeaway owner|market trader|scaffolder|roofer|decorator)\b",
    re.IGNORECASE,
)
FAMILY_RE = gated(
    r"\b(?:mother|father|mum|dad|mom) of (?:one|two|three|four|five|six|\d+)\b|\b(?:grandmother|"
    r"grandfather|grandma|grandad|granddad|widow|widower|pensioner|single (?:mum|mother|dad|"
    r"father)|twins?|newly ?wed|pregnant)\b|\blives (?:alone|with|next door)\b|\b(?:his|her|"
    r"their) (?:wife|husband|partner|son|daughter|children|kids|carer|twin)\b|\bonly (?:\w+ )?"
    r"(?:child|son|daughter)\b",
    re.IGNORECASE,
)
DISTINCT_RE = gated(
    r"\b(?:wheelchair|blind|deaf|amputee|walking stick|guide dog|mobility scooter|disabled|"
    r"who uses a|well[-\s]known local|well[-\s]known in the (?:area|community)|church ?warden|"
    r"only (?:shop|pub|house|family)|corner shop|the (?:shop|pub|chippy|takeaway|salon) on)\b",
    re.IGNORECASE,
)
HOME_STREET_RE = re.compile(r"\b(?:lives|living|resident|home|house|neighbours?)\b", re.IGNORECASE)


def _kinds(post, start: int, end: int) -> dict[str, tuple[int, int]]:
    text = post.text
    kinds: dict[str, tuple[int, int]] = {}
    for age in post.ages:
        if start <= age.start < end:
            kinds["age"] = (age.start, age.end)
            break
    street = STREET_RE.search(text, start, end)
    if street:
        kinds["street"] = street.span()
    for key, rx in (
        ("occupation", OCCUPATION_RE),
        ("family", FAMILY_RE),
        ("distinct", DISTINCT_RE),
    ):
        m = post.search(rx, start, end)
        if m:
            kinds[key] = m.span()
    return kinds


@register
class JigsawIdentification(Rule):
    id = "jigsaw-identification"
    clause = "4.23"
    severity = Severity.REVIEW
    title = "Details that together identify someone"
    explanation = (
        "CC/01 4.23: others can identify the subject of a post even without a name. Several "
        "details about one unnamed private person — age, street, occupation or workplace, "
        "family situation, a distinctive feature — can together point to a single individual. "
        "Review whether each detail is needed."
    )

    def check(self, post, pack):
        if not post.has_digit and not post.words & _GATE:
            return []
        if post.private_names or (post.appeal is not None and post.appeal.kind == "wanted"):
            return []
        if child_evidence(post) or sexual_victim_evidence(post):
            return []  # the more specific rule already says it
        findings = []
        for start, end in post.sentences:
            kinds = _kinds(post, start, end)
            if len(kinds) >= 3:
                spans = sorted(kinds.values())
                s, e = spans[0][0], spans[-1][1]
                findings.append(
                    self.finding(
                        post,
                        f"No name, but {', '.join(sorted(kinds))} together could identify one "
                        "person. Leave out the details that are not needed.",
                        (s, e),
                    )
                )
        return findings


_GATE = frozenset(
    "works worked working employed owner manager landlord landlady runs mother father mum dad "
    "grandmother grandfather widow widower pensioner single twins pregnant lives wheelchair "
    "blind deaf amputee disabled".split()
)

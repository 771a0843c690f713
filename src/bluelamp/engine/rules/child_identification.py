"""4.10, 4.12: a child in a criminal case must not be identified (Children and Young Persons
Act 1933 s.49, Youth Justice and Criminal Evidence Act 1999 s.45)."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.people import (
    CHILD_WORDS_RE,
    HANDLE_RE,
    RELATION_RE,
    SCHOOL_RE,
)

# The child has a part in a criminal case: suspect, arrested, charged, convicted, victim, witness.
CASE_ROLE_RE = gated(
    r"\b(?:arrest(?:ed)?|charged|convicted|sentenced|jailed|remanded|custody|youth court|"
    r"court|suspect(?:ed)?|accused|victim|witness(?:ed)?|robbed|mugged|assaulted|attacked|"
    r"stabbed|shot|injured|hurt|hit by|knocked (?:down|over)|run over|abused|groomed|exploited|"
    r"raped|sexually|threatened|bullied|punched|kicked|beaten|targeted|died|killed|murdered|"
    r"hit[-\s]and[-\s]run|failed to stop|fight|stole|stolen|steal|stealing|theft|burglary|robbery|"
    r"assault|stabbing|released under investigation|on bail|bailed|cautioned|reprimand|bitten|"
    r"mauled|witness(?:es)?|giving evidence|gave evidence|snatched|grabbed|approached by|"
    r"chased|jumped|nicked|youth rehabilitation|referral order|robbing|lifted|in the cells|"
    r"thefts?|mugging)\b",
    re.IGNORECASE,
)
MISSING_OR_FOUND_RE = gated(
    r"\b(?:missing|last seen|found safe|been found|safe and well|located safe|have you seen|"
    r"help (?:us )?find|concern for)\b",
    re.IGNORECASE,
)


def child_evidence(post) -> list[tuple[int, int, str]]:
    """Spans that identify a child in a criminal case, with what identifies them."""
    return post.memo("child-identification", _compute)


def _compute(post) -> list[tuple[int, int, str]]:
    text = post.text
    if not post.search(CASE_ROLE_RE):
        return []  # no part in a criminal case: nothing to protect under s.49 / s.45
    adult_now = [a for a in post.ages if a.years >= 18]
    children = [(a.start, a.end) for a in post.ages if a.years < 18]
    if not children and not post.words & _CHILD_GATE:
        return []
    for m in post.finditer(CHILD_WORDS_RE):
        # "the girl who…" may be an adult; a bare boy or girl is a child only with a child's age,
        # a school, or "little"/"young" before it.
        weak = m.group(0).lower().rstrip("s") in _WEAK_CHILD_WORDS
        young = re.search(r"(?:little|young|small)\s+$", text[max(0, m.start() - 8) : m.start()])
        if weak and not (children or young or post.search(SCHOOL_RE)):
            continue
        children.append(m.span())
    if not children or not post.search(CASE_ROLE_RE):
        return []
    if (post.appeal is not None and post.appeal.kind == "missing") or post.search(
        MISSING_OR_FOUND_RE
    ):
        return []
    evidence: list[tuple[int, int, str]] = []
    names = post.identifying_names
    for c_start, c_end in children:
        if any(0 <= a.start - c_end <= 20 for a in adult_now):
            continue  # "a former pupil, now 26": the victim is an adult now
        s_start, s_end = post.sentence_at(c_start)
        for name in names:
            near = (name.end <= c_start and c_start - name.end <= 4) or (
                name.start >= c_end and name.start - c_end <= 30
            )
            same_sentence = s_start <= name.start < s_end
            if near or (same_sentence and _is_subject(text, name, c_start, c_end)):
                evidence.append((name.start, name.end, "name"))
        for m in post.finditer(SCHOOL_RE, s_start, s_end):
            evidence.append((m.start(), m.end(), "school"))
        for m in HANDLE_RE.finditer(text, s_start, s_end):
            evidence.append((m.start(), m.end(), "handle"))
        for m in post.finditer(RELATION_RE, max(0, c_start - 60), min(len(text), c_end + 60)):
            word = m.group(0).split(None, 1)[0].lower()
            named = names or re.match(r"[A-Z][a-z]+['’]s", text[m.start() : m.end()])
            if named or word not in ("his", "her", "their", "the"):
                evidence.append((m.start(), m.end(), "relationship to an identifiable person"))
    for item in post.identifiers:
        if item.kind in ("address", "flat", "postcode"):
            evidence.append((item.start, item.end, "home address"))
    return sorted(set(evidence))


def _is_subject(text: str, name, child_start: int, child_end: int) -> bool:
    """A name in the same sentence as the child's age refers to the child when nothing else
    (another person) stands between them."""
    between = (
        text[child_end : name.start] if name.start >= child_end else text[name.end : child_start]
    )
    if re.search(r"\b(?:is|was)\s*$", between):
        return True  # "the 16-year-old who got jumped … is Sophie Wright"
    return len(between) < 100 and not re.search(
        r"\b(?:man|woman|men|women|officer|PC|his|her|their|after|when|who|following|death)\b",
        between,
    )


_WEAK_CHILD_WORDS = frozenset({"boy", "girl", "kid", "lad", "lass"})
_CHILD_GATE = frozenset(
    "boy girl boys girls schoolboy schoolgirl pupil pupils teen teens teenager teenagers teenage "
    "juvenile youngster youngsters youth minor child children kid kids toddler baby infant year "
    "sixth".split()
)


@register
class ChildIdentification(Rule):
    id = "child-identification"
    clause = "4.10"
    severity = Severity.BLOCK
    law = (
        "Children and Young Persons Act 1933 s.49; Youth Justice and Criminal Evidence Act 1999 "
        "s.45"
    )
    title = "A child in a criminal case is identified"
    explanation = (
        "CC/01 4.10 and 4.12, and the law they point to (CYPA 1933 s.49, YJCEA 1999 s.45): a "
        "person under 18 who is a suspect, arrested, charged, convicted, a victim or a witness "
        "must not be identified — by name, school, home address, social media handle, "
        "relationship to a named person or other particulars. An unnamed juvenile with no "
        "identifying detail is fine, and so is naming a missing child in an appeal or a child in "
        "a context that is not a crime (a cadet, a school visit)."
    )

    def check(self, post, pack):
        evidence = child_evidence(post)
        findings = []
        for start, end, what in evidence:
            findings.append(
                self.finding(
                    post,
                    f"A child in a criminal case is identified by {what} (“{post.text[start:end]}”)."
                    " Remove the name and anything that points to the child: say “a 15-year-old "
                    "boy” instead.",
                    (start, end),
                )
            )
        return findings

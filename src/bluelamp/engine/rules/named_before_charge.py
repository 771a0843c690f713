"""4.10, 4.25: people arrested or under investigation are not named before charge (College of
Policing APP on media relations)."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.legal import CHARGE_RE, CONVICT_RE, arrest_in

_NOT_CHARGED = fast_compile(
    r"\b(?:not|no one|nobody|no-one|hasn't|has not|haven't|have not|yet to be|without)\s+"
    r"(?:\w+\s+){0,2}?(?:charged|charge)\b",
    re.IGNORECASE,
)
_CONDUCT = fast_compile(
    r"\b(?:IOPC|Independent Office for Police Conduct|Professional Standards|misconduct|gross "
    r"misconduct|suspended|referred|under investigation|investigating)\b",
    re.IGNORECASE,
)
# ", who we appealed to find after the Handsworth stabbing," is about the named person.
_RELATIVE = fast_compile(r"^,?\s*(?:who|whom|whose)\b[^,]{0,120},", re.IGNORECASE)
# "Lisa Hart, 34, who was raped…": the named person is the victim, not the one arrested.
_VICTIM_AFTER = fast_compile(
    r"(?:,\s*\d{1,3},?)?\s*,?\s*who (?:was|were|had been|has been)\s+(?:\w+\s+)?(?:raped|"
    r"attacked|assaulted|robbed|stabbed|injured|hurt|abused|threatened|targeted|burgled|"
    r"mugged|killed|murdered)",
    re.IGNORECASE,
)
_OTHER_CLAUSE = fast_compile(r"\b(?:after|following|when|while|whilst|because|as)\b", re.IGNORECASE)
_ARRESTED_NAME = fast_compile(
    r"(?:arrested|investigating|detained|interviewed|bailed|questioning)\s+$", re.IGNORECASE
)


@register
class NamedBeforeCharge(Rule):
    id = "named-before-charge"
    clause = "4.10"
    severity = Severity.REVIEW
    law = "College of Policing APP: media relations"
    title = "A person not yet charged is named"
    explanation = (
        "CC/01 4.10 and 4.25, and the College of Policing's guidance on media relations: a person "
        "who is arrested, on bail, released under investigation, released without charge or under "
        "investigation (including by the IOPC) is not named unless there is a policing purpose "
        "agreed by Corporate Communications. Naming someone who has been charged, convicted or "
        "sentenced, or a wanted person in an appeal, is fine."
    )

    def check(self, post, pack):
        if not post.arrested or not post.names:
            return []
        text = post.text
        if (post.charged and not _NOT_CHARGED.search(text)) or post.convicted:
            return []  # the case has moved on: someone charged or convicted may be named
        conduct = _CONDUCT.search(text) is not None
        findings = []
        for name in post.names:
            # Officers are named in their work; not when they are themselves investigated.
            if name.role == "officer" and not conduct:
                continue
            s_start, s_end = post.sentence_at(name.start)
            sentence = text[s_start:s_end]
            arrest = arrest_in(post, s_start, s_end)
            if not arrest or _VICTIM_AFTER.match(text, name.end):
                continue
            charge = post.search(CHARGE_RE, s_start, s_end)
            if (charge and not _NOT_CHARGED.search(sentence)) or post.search(
                CONVICT_RE, s_start, s_end
            ):
                continue
            if arrest.start() >= name.end:
                # "Dean Walsh ... has been arrested": nothing else happens in between, except a
                # clause about the same person ("Ryan Pearce, who we appealed to find…,").
                between = _RELATIVE.sub("", text[name.end : arrest.start()])
                if _OTHER_CLAUSE.search(between):
                    continue
            elif not _ARRESTED_NAME.search(text[max(s_start, name.start - 30) : name.start]):
                # The arrest comes first: the name must be its object ("we arrested Dean Walsh").
                if _OTHER_CLAUSE.search(text, arrest.end(), name.start):
                    continue
                if name.start - arrest.end() > 60:
                    continue
            findings.append(
                self.finding(
                    post,
                    f'{name.text} is named but has not been charged. Remove the name (say "a '
                    '31-year-old man") unless Corporate Communications has agreed to name them.',
                    (name.start, name.end),
                )
            )
        return findings

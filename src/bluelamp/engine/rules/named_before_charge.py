"""4.10, 4.25: people arrested or under investigation are not named before charge (College of
Policing APP on media relations)."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.legal import CHARGE_RE, CONVICT_RE, arrest_in
from bluelamp.engine.rules.detectors.people import attached_age, describe_person, is_deceased

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
# Someone recalled to prison, in breach of licence or arrested on a warrant for not attending
# court is already convicted or charged: the naming rule is for those not yet charged.
_ALREADY_IN_PROCEEDINGS = fast_compile(
    r"\b(?:recall(?:ed)?\s+to\s+(?:prison|custody)|on\s+recall|prison\s+recall|breach(?:ed|ing)?\s+"
    r"(?:of\s+)?(?:his|her|their)\s+(?:licen[cs]e|release|bail|court\s+order)|licen[cs]e\s+"
    r"conditions|fail(?:ed|ing|ure)\s+to\s+(?:attend|appear|surrender)|unlawfully\s+at\s+large|"
    r"absconded|escaped\s+(?:from\s+)?(?:prison|custody)|(?:bench|court)\s+warrant)\b",
    re.IGNORECASE,
)
# An arrest that has happened (not "wanted on suspicion of…", which is the appeal itself).
_DONE_ARREST = fast_compile(
    r"\b(?:arrested|arrest\s+of|in\s+(?:police\s+)?custody|detained|handed\s+(?:himself|herself|"
    r"themselves)\s+in|bailed|on\s+(?:police\s+)?bail|released|RUI|interviewed|IOPC|"
    r"Independent\s+Office|suspended|under\s+investigation|being\s+investigated|"
    r"questioned|questioning)\b",
    re.IGNORECASE,
)
# Between an arrest and its object only descriptions may stand: "arrested 40-year-old Dean
# Walsh", "arrested #wanted man Dean Walsh", "arrested Dean Walsh".
_OBJECT_GAP = fast_compile(
    r"(?:\s|,|\ba\b|\ban\b|\bthe\b|#?wanted|\w+[-\s](?:year|yr)s?[-\s]old|\d{1,3}\s*yo|aged\s+"
    r"\d{1,3}|\bman\b|\bwoman\b|\bmale\b|\bfemale\b|\bteenager\b|\bsuspect\b|\byesterday\b|"
    r"\bthat\s+(?!(?:after|when|while|for|with|by)\b)[a-z][\w!*'’-]*|"
    r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\blast\s+night\b|\bfugitive\b|:|"
    r"\bbooked\s+for\b|\bfor\b|\b(?:is|are|has|have)\b|\binvestigating\b|\b(?:Sgt|Sergeant|PC|PCSO|DC|DS|DI|Insp|Inspector|Officer|"
    r"Constable|Detective)\b\.?)*",
    re.IGNORECASE,
)
# "The 15-year-old son of shopkeeper Dean Walsh is one of three arrested": the name is a
# relative of the one arrested, not that person.
_RELATIVE_OF = fast_compile(
    r"\b(?:son|daughter|stepson|stepdaughter|brother|sister|wife|husband|partner|girlfriend|"
    r"boyfriend|mother|father|mum|dad|nephew|niece|cousin|grandson|granddaughter|neighbour|"
    r"friend)s?\s+of\s+(?:(?:the|a|an|[a-z]+)\s+){0,3}$"
    # "the son of the harbourmaster here in Mevagissey, Tony Pascoe": the relative, in apposition.
    r"|\b(?:son|daughter|stepson|stepdaughter|brother|sister|wife|husband|partner|nephew|niece|"
    r"grandson|granddaughter)s?\s+of\s+(?:the|a|an)\s+[^.!?,]{1,40},\s*$",
    re.IGNORECASE,
)
# "…turns out his dad is Wayne Oakes": the named person is the relative of the one arrested.
_RELATIVE_IS = fast_compile(
    r"\b(?:his|her|their|whose)\s+(?:dad|father|mum|mom|mother|brother|sister|uncle|aunt|grandad|"
    r"grandfather|nan|gran|grandmother|stepdad|stepfather|stepmum|stepmother|parents?)\s+"
    r"(?:is|was|are)\s+(?:the\s+)?(?:(?:local\s+)?[a-z]+\s+)?$",
    re.IGNORECASE,
)
# The next sentence says the named person was arrested: "…the home of Wayne Oakes, 36. He has
# been arrested…", "She is on bail."
_PRONOUN_ARREST = fast_compile(
    r"\s*(?:He|She|They)(?:[^.!?\n]{0,60}?\band)?(?:['’]s|['’]re|\s+(?:has|have|had|was|were|is|"
    r"are|remains?))\s+"
    r"(?:been\s+|now\s+|also\s+|since\s+)*(?:arrested|bailed|on\s+(?:police\s+)?bail|"
    r"released\s+(?:under\s+investigation|on\s+bail|without\s+charge)|in\s+(?:police\s+)?"
    r"custody|in\s+the\s+cells|being\s+(?:questioned|interviewed)|helping)\b"
)
# What the given name, said again later, has had done: "Jamie's been arrested".
_GIVEN_ARREST = (
    r"(?:['’]s|\s+(?:has|have|had|was|were|is|remains?))\s+(?:been\s+|now\s+|also\s+|since\s+)*"
    r"(?:arrested|bailed|on\s+(?:police\s+)?bail|released\s+(?:under\s+investigation|on\s+bail|"
    r"without\s+charge)|in\s+(?:police\s+)?custody|in\s+the\s+cells|being\s+(?:questioned|"
    r"interviewed))\b"
)
# Someone else in the sentence the pronoun could mean: "messages from a man…. He has been
# arrested".
_OTHER_PERSON = fast_compile(
    r"\b(?:someone|somebody|(?:a|an|the|another|two|three)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|men|"
    r"women|boy|girl|person|people|male|female|suspect|teenager|youth|lad|driver|offender|"
    r"stranger|thief|burglar|robber))\b",
    re.IGNORECASE,
)
# An officer named by rank and surname alone ("Sgt Kerr", "PC Rowe") who is themselves arrested,
# suspended or investigated.
_OFFICER_NAME = fast_compile(
    r"\b(?:PC|PCSO|DC|DS|DI|DCI|Sgt|Sergeant|Insp|Inspector|Constable|Detective Constable|"
    r"Detective Sergeant)\.?\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?\b"
)
_OFFICER_SUBJECT = fast_compile(
    r"(?:\s+(?:from|of|at|in|based\s+at)\s+(?:the\s+|our\s+|a\s+)?(?:[\w'’-]+\s+){0,3}?|,[^,.!?]{1,60},)?"
    r"\s*\b(?:was|were|has\s+been|have\s+been|had\s+been|is|is\s+being|is\s+now)\s+"
    r"(?:\w+\s+)?(?:arrested|suspended|placed\s+on\s+restricted|put\s+on\s+restricted|"
    r"under\s+investigation|investigated|interviewed\s+under\s+caution|on\s+(?:police\s+)?bail|"
    r"released\s+under\s+investigation|released\s+without\s+charge)\b",
    re.IGNORECASE,
)
# "The man arrested over the fire is Wayne Oakes": the name after a copula is the one arrested.
_COPULA_END = fast_compile(r"(?:\bis|\bwas|:)\s*$")


def describe(post, name) -> str:
    """How to refer to the person without the name: their own age and sex where the post gives
    them, else a neutral phrase."""
    age = attached_age(post.text, name.start, name.end, post.ages)
    return describe_person(post, name.start, age.years if age else None)


_OTHER_CLAUSE = fast_compile(r"\b(?:after|following|when|while|whilst|because|as)\b", re.IGNORECASE)
_ARRESTED_NAME = fast_compile(
    r"(?:arrested|investigating|detained|interviewed|bailed|questioning|(?:conduct|actions) of|"
    r"investigation into|complaint against|looking into)\s+(?:(?:PC|PCSO|DC|DS|DI|DCI|Sgt|"
    r"Sergeant|Insp|Inspector)\.?\s+)?$",
    re.IGNORECASE,
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
        if not post.arrested or not (post.names or _OFFICER_NAME.search(post.text)):
            return []
        text = post.text
        if (post.charged and not _NOT_CHARGED.search(text)) or post.convicted:
            return []  # the case has moved on: someone charged or convicted may be named
        # An officer the post says was arrested or released is in a conduct case too.
        conduct = _CONDUCT.search(text) is not None or any(
            _OFFICER_SUBJECT.match(text, m.end()) for m in _OFFICER_NAME.finditer(text)
        )
        if _ALREADY_IN_PROCEEDINGS.search(text):
            return []
        wanted = post.appeal is not None and post.appeal.kind == "wanted"
        if wanted and not _DONE_ARREST.search(text):
            return []  # a named wanted person in an appeal
        findings = []
        for name in post.names:
            if is_deceased(text, name.start, name.end):
                continue  # the victim of a killing, named at the family's request
            if _RELATIVE_OF.search(text, max(0, name.start - 60), name.start):
                continue  # "the son of butcher Terry Pugh … arrested": the relative is named
            # Officers are named in their work; not when they are themselves investigated.
            if name.role == "officer" and not conduct:
                continue
            if _RELATIVE_IS.search(text, max(0, name.start - 60), name.start):
                continue  # "his dad is Wayne Oakes": the relative of the one arrested
            s_start, s_end = post.sentence_at(name.start)
            sentence = text[s_start:s_end]
            arrest = arrest_in(post, s_start, s_end)
            if _VICTIM_AFTER.match(text, name.end):
                continue
            if not arrest:
                # "Stopped Jamie Reid on the A7… Jamie's been arrested": the given name again.
                given = name.text.split()[0]
                if len(name.text.split()) > 1 and re.search(
                    rf"\b{re.escape(given)}" + _GIVEN_ARREST, text[s_end:]
                ):
                    findings.append(self._named(post, name))
                    continue
                # "…the home of Wayne Oakes, 36. He has been arrested": only when the named
                # person is the only one the next sentence can mean.
                if (
                    s_end < len(text)
                    and _PRONOUN_ARREST.match(text, s_end)
                    and sum(s_start <= n.start < s_end for n in post.names) == 1
                    and not post.search(CHARGE_RE, s_start, s_end)
                    and not _OTHER_PERSON.search(text, s_start, s_end)
                ):
                    findings.append(self._named(post, name))
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
                gap = text[arrest.end() : name.start]
                copula = _COPULA_END.search(gap) and not _OTHER_CLAUSE.search(gap)
                if not (_OBJECT_GAP.fullmatch(gap) or (copula and len(gap) <= 80)):
                    # "Two men arrested after a fight – Jack Pennington, 22, and Callum Reid,
                    # 24, – have been released on bail": a second mention after the names.
                    later = arrest_in(post, name.end, s_end)
                    if later is None or _OTHER_CLAUSE.search(
                        _RELATIVE.sub("", text[name.end : later.start()])
                    ):
                        continue
            findings.append(self._named(post, name))
        if conduct:
            findings += self._officers(post, findings)
        return findings

    def _named(self, post, name):
        return self.finding(
            post,
            f"{name.text} is named but has not been charged. Remove the name (say "
            f"“{describe(post, name)}”) unless Corporate Communications has agreed to "
            "name them.",
            (name.start, name.end),
        )

    def _officers(self, post, found):
        """An officer named by rank and surname who is arrested, suspended or investigated."""
        text = post.text
        taken = [(f.start, f.end) for f in found]
        out = []
        for m in _OFFICER_NAME.finditer(text):
            if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
                continue
            if any(
                n.start <= m.start() < n.end or m.start() <= n.start < m.end() for n in post.names
            ):
                continue  # a full name: the loop over names has judged it
            if _OFFICER_SUBJECT.match(text, m.end()):
                out.append(
                    self.finding(
                        post,
                        f"{m.group(0)} is named but has not been charged. Remove the name (say "
                        "“an officer”) unless Corporate Communications has agreed to name them.",
                        m.span(),
                    )
                )
        return out

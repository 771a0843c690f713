"""4.10, 6.7: nothing that could compromise an operation or put people at risk."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.identifiers import STREET_RE
from bluelamp.engine.rules.detectors.places import PLACES

_FUTURE = (
    r"(?:tomorrow|tonight|later (?:today|on)|this (?:evening|afternoon|weekend)|next (?:week|"
    r"month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|at \d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|hrs)?|from "
    r"\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)?|(?:we|officers|police|they|team|teams)(?:'ll| will| are "
    r"going to| plan to| are planning to| are due to)|will be|'ll be|going in|planned|upcoming|"
    r"dawn|first thing|in the morning|at first light|\d{1,2}\s*(?:am|pm))"
)
FUTURE_RE = re.compile(rf"\b{_FUTURE}", re.IGNORECASE)
OPERATION_RE = gated(
    r"\b(?:(?:drugs?|search|firearms?|misuse of drugs act|s23|section 23|arrest)\s+warrants?|"
    r"warrants?|raids?|raiding|swoop|(?:drugs?\s+)?bust|doors? (?:will )?go(?:ing)? in|put the "
    r"door in|hit (?:the|an|this|that) (?:address|house|flat|property)|(?:arrest|drugs|covert|"
    r"early[-\s]morning|dawn) (?:operation|op|visit|raid)|sting|test purchase|planned arrest)\b",
    re.IGNORECASE,
)
PAST_OP_RE = re.compile(
    r"\b(?:executed|carried out|raided|conducted|took place|searched|went in|were executed|"
    r"was executed|this morning we|yesterday we|earlier today we|arrested|seized|recovered|"
    r"found)\b",
    re.IGNORECASE,
)
WATCH_RE = gated(
    r"\b(?:unmarked (?:cars?|vans?|vehicles?|police cars?)|plain[-\s]clothes?|undercover|"
    r"covert(?:ly)?|lying in wait|waiting for (?:them|him|her|the \w+|anyone) to|(?:sat|sitting|"
    r"parked|hidden|hiding|positioned|plotted up) (?:in|on|at|near|outside|up)|watching (?:the|"
    r"his|her|their|from|over)|stake[-\s]?outs?|staking out|hidden (?:cameras?|officers)|"
    r"surveillance (?:on|at|of)|(?:will be|we'll be|are) (?:watching|waiting))\b",
    re.IGNORECASE,
)
WATCH_WHEN_RE = re.compile(
    rf"\b(?:{_FUTURE}|right now|currently|at the moment|as we speak|all night|until)\b",
    re.IGNORECASE,
)
UNSTAFFED_RE = gated(
    r"\b(?:(?:station|front counter|front desk|office|base|police post|nick)\s+(?:will be|is going "
    r"to be|is|'ll be|will)\s+(?:\w+\s+)?(?:empty|unstaffed|unmanned|left empty|without (?:any )?"
    r"officers|shut and unstaffed)|(?:no|zero) (?:officers|police|cops|response (?:cars|units|"
    r"officers)|one) (?:will be )?(?:on duty|available|on patrol|covering|in the area|on shift|"
    r"around|in (?:the )?\w+ (?:tonight|today|this))|whole (?:team|shift|station) (?:is|will be|"
    r"are) (?:away|off|out|on training|at training|at a course)|(?:nobody|no one|no-one) (?:will "
    r"be )?(?:on duty|in the station|covering|at the station|manning)|only (?:one|two|\d) "
    r"(?:officers?|cars?|units?|response cars?) (?:on duty|covering|on shift|for (?:the )?whole)|"
    r"(?:area|town|station) (?:will be|is) (?:left )?(?:unpoliced|uncovered|unstaffed))\b",
    re.IGNORECASE,
)
PROTECTED_RE = gated(
    r"\b(?:safe[-\s]?house|protected (?:person|persons|witness|witnesses|victim|identity)|"
    r"witness protection|protective custody|women's refuge|refuge|being (?:kept|housed|hidden) "
    r"(?:at|in|on)|protection (?:detail|duty|officers?) (?:at|for|on|outside))\b",
    re.IGNORECASE,
)


def _has_place(post, start: int, end: int) -> bool:
    if STREET_RE.search(post.text, start, end):
        return True
    return any(w in PLACES for w in re.findall(r"[A-Z][a-z]+", post.text[start:end]))


@register
class OperationalSecurity(Rule):
    id = "operational-security"
    clause = "4.10"
    severity = Severity.BLOCK
    title = "Operational detail that could compromise an operation"
    explanation = (
        "CC/01 4.10 and 6.7: nothing may compromise an operation or put people at risk — a "
        "future raid, warrant or operation with its time or place, where officers are watching "
        "or waiting, when a station or area will be unstaffed, where a protected person or "
        "witness is kept. Reporting a warrant already executed, and general patrol reassurance "
        '("we\'ll be patrolling the area tonight"), are fine.'
    )

    def check(self, post, pack):
        text = post.text
        found: list[tuple[int, int, str]] = []
        for s_start, s_end in post.sentences:
            op = post.search(OPERATION_RE, s_start, s_end)
            if (
                op
                and FUTURE_RE.search(text, s_start, s_end)
                and not PAST_OP_RE.search(text, s_start, s_end)
                and (_has_place(post, s_start, s_end) or re.search(r"\d", text[s_start:s_end]))
            ):
                found.append((op.start(), op.end(), "a planned operation with its time or place"))
            watch = post.search(WATCH_RE, s_start, s_end)
            if watch and WATCH_WHEN_RE.search(text, s_start, s_end):
                found.append((watch.start(), watch.end(), "where officers are watching or waiting"))
            gap = post.search(UNSTAFFED_RE, s_start, s_end)
            if gap:
                found.append((gap.start(), gap.end(), "when a station or area is unstaffed"))
            prot = post.search(PROTECTED_RE, s_start, s_end)
            if prot and _has_place(post, s_start, s_end):
                found.append((prot.start(), prot.end(), "where a protected person is"))
        return [
            self.finding(
                post,
                f"The post reveals {what} (“{text[s:e]}”). Remove the time, place or detail, or "
                "post after the operation has happened.",
                (s, e),
            )
            for s, e, what in found
        ]


_GATE = frozenset(
    "warrant warrants raid raids raiding swoop bust doors door address house flat property "
    "operation op visit sting purchase arrest unmarked plain clothes undercover covert covertly "
    "lying waiting sat sitting parked hidden hiding positioned plotted watching stakeout stake "
    "staking surveillance station counter desk office base post nick no zero whole nobody one "
    "only area town safe safehouse protected protection refuge kept housed".split()
)

"""4.9: no sensitive information; a protective marking in a post means it came from inside."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, first_of_overlapping, register
from bluelamp.engine.rules.detectors.gate import gated

# OFFICIAL-SENSITIVE is never ordinary English, in any case or spacing.
_OFFICIAL_SENSITIVE = gated(r"\bOFFICIAL[\s\-_–—:./]*SENSITIVE\b", re.IGNORECASE)
# The other markings and caveats count when written as markings: in capitals.
_UPPER_MARKING = gated(
    r"(?<![A-Za-z])(?:TOP[\s\-]+SECRET|SECRET(?![\s\-]+SANTA)|RESTRICTED|CONFIDENTIAL|PROTECT|"
    r"NOT\s+FOR\s+(?:PUBLICATION|CIRCULATION|DISTRIBUTION|SHARING|RELEASE)|POLICE\s+ONLY|"
    r"INTERNAL\s+(?:USE\s+)?ONLY|LAW\s+ENFORCEMENT\s+ONLY|FOR\s+POLICE\s+USE\s+ONLY|"
    r"STAFF\s+ONLY\s*[-–:]|EYES\s+ONLY|UK\s+EYES\s+ONLY)(?![A-Za-z])"
)
# Lower-case forms count only where the context shows a marking: "marked restricted",
# "classified as secret", or a heading such as "Restricted – ..." or "Confidential:".
_QUOTED_MARKING = gated(
    r"\b(?:marked|stamped|stamping|stamps|labelled|labeled|classified|graded|headed|protectively "
    r"marked)\s+(?:(?:it|them|everything|all|this|that)\s+)?(?:as\s+)?"
    r"[\"'“‘]?(?:top[\s\-]+secret|secret|restricted|confidential|protect|official[\s\-]*sensitive|"
    r"not for publication|police only|internal use only)\b",
    re.IGNORECASE,
)
_HEADING = gated(
    r"(?:^|\n)\s*[\[(]?(?:top[\s\-]+secret|secret|restricted|confidential|protect|not for "
    r"publication|police only|internal use only)[\])]?\s*(?:[:–—\-.!]|$)",
    re.IGNORECASE,
)


# One word that is also ordinary English in capitals for emphasis ("it's 100% CONFIDENTIAL",
# "here to PROTECT you", "the SECRET to…", "RESTRICTED parking"): a marking only where it
# stands as a label.
_SINGLE_WORDS = frozenset({"SECRET", "RESTRICTED", "CONFIDENTIAL", "PROTECT"})
_LABEL_AFTER = re.compile(r"[ \t]*(?:[:–—]|-\s|//)")
_HEADING_AFTER = re.compile(r"[ \t]*(?:$|[.)\]/!|*\n]|[ \t]+[A-Z0-9])")
_LABEL_BEFORE = re.compile(r"(?:^|\n|//|[\[(*|:])[\W_]*$")
# The marking of a document: "the SECRET version of the slides", "the RESTRICTED folder".
_DOCUMENT_AFTER = re.compile(
    r"[ \t]+(?:[a-z]+[ \t]+)?(?:version|copy|folder|file|files|document|documents|doc|docs|"
    r"slides?|briefing|report|e-?mails?|paper|papers|pack|print-?out|sheet|minutes|memo|"
    r"material|intel|intelligence|annex|attachment|notes|plan|assessment|log|header|heading|"
    r"footer|banner|sticker|stamp|label|watermark|marking|markings)\b"
    # …or as what is on it: "RESTRICTED stamped on the front", "a PROTECT-marked document".
    r"|[ \t]+(?:stamped|printed|written|marked)[ \t]+(?:on|across|at|in)\b"
    r"|-(?:marked|stamped|classified|graded)\b"
)
_QUOTES = "'\"‘’“”"


def _used_as_label(text: str, start: int, end: int) -> bool:
    """A one-word marking used as one: in quotes, followed by a colon or dash ("CONFIDENTIAL:
    grievance panel…"), before the document it marks ("the RESTRICTED folder"), or heading the post or a line before a full stop or a title ("SECRET.
    Armed response…", "RESTRICTED Q3 sickness figures") — not emphasis in a sentence ("it's
    100% CONFIDENTIAL") nor modifying an ordinary word ("RESTRICTED parking")."""
    if start and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES:
        return True
    if _LABEL_AFTER.match(text, end) or _DOCUMENT_AFTER.match(text, end):
        return True
    at_start = start == 0 or bool(_LABEL_BEFORE.search(text[max(0, start - 6) : start]))
    return at_start and bool(_HEADING_AFTER.match(text, end))


def _shouting(text: str, start: int, end: int) -> bool:
    """True when the words around a capitalised marking are capitals too (a shouted post)."""
    around = text[max(0, start - 40) : start] + text[end : end + 40]
    letters = [c for c in around if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7


@register
class ProtectiveMarking(Rule):
    id = "protective-marking"
    clause = "4.9"
    severity = Severity.BLOCK
    title = "Protective markings and handling caveats"
    explanation = (
        "CC/01 4.9: no sensitive information may be posted (Government Security Classifications). "
        "A protective marking (OFFICIAL-SENSITIVE, SECRET, TOP SECRET, or the old RESTRICTED, "
        "CONFIDENTIAL and PROTECT) or a handling caveat (NOT FOR PUBLICATION, POLICE ONLY, "
        "INTERNAL USE ONLY) shows the text came from internal material. Ordinary English "
        "('the secret to a safe Christmas', 'restricted parking', 'in confidence') does not count."
    )

    def check(self, post, pack):
        text = post.text
        spans: list[tuple[int, int]] = []
        for m in post.finditer(_OFFICIAL_SENSITIVE):
            spans.append(m.span())
        for m in post.finditer(_UPPER_MARKING):
            if m.group(0) in _SINGLE_WORDS:
                if _used_as_label(text, m.start(), m.end()):
                    spans.append(m.span())
                continue
            at_heading = (
                m.start() == 0
                or text[m.start() - 1] in "\n[("
                or (text[m.end() : m.end() + 2].strip()[:1] in (":", "–", "—", "-", ".", ")", "]"))
            )
            if at_heading or not _shouting(text, m.start(), m.end()):
                spans.append(m.span())
        for rx in (_QUOTED_MARKING, _HEADING):
            for m in post.finditer(rx):
                s, e = m.span()
                while s < e and not text[s].isalpha():
                    s += 1
                spans.append((s, e))
        findings = []
        for s, e in first_of_overlapping(spans):
            findings.append(
                self.finding(
                    post,
                    f"“{text[s:e].strip()}” is a protective marking or handling instruction: "
                    "marked material must not be posted. Remove it, and check with the owner of "
                    "the document that nothing in the post is sensitive.",
                    (s, e),
                )
            )
        return findings


_GATE = frozenset(
    "official sensitive secret restricted confidential protect publication only police".split()
)

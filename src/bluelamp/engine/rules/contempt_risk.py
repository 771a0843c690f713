"""4.1, 4.10: nothing may jeopardise a court case (Contempt of Court Act 1981)."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, first_of_overlapping, register
from bluelamp.engine.rules.detectors import lexicon
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.legal import GUILT_NAMED_RE, GUILT_PARTS, HEDGE_RE
from bluelamp.engine.rules.detectors.offensive import insult_pattern
from bluelamp.engine.rules.detectors.text import HASHTAG_RE, per_pack

_LABEL_GATE = gated(
    r"\b(?:scumbag|scum|thug|crook|lowlife|low-life|scrote|nonce|paedo|predator|monster|animal|"
    r"yob|villain)\b",
    re.IGNORECASE,
)


# How a label attaches to a person: after a determiner as the head of the phrase ("this thug",
# "the animals who…", but not "the criminal justice system"), said of "he/she/they" ("he's a
# thug", "they are evil"), or before a name ("thug Dean Walsh").
_DETERMINER = fast_compile(r"\b(?:the|this|these|that|those)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# "Leon's killer": a label owned by the victim's name points at the person accused.
_POSSESSOR = fast_compile(r"\b[A-Z][a-z]+['’]s\s+$")
_DEMONSTRATIVE = fast_compile(r"\b(?:this|these|that|those)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_RELATIVE_AFTER = fast_compile(r"(?:s|es)?\s+(?:who|that)\b", re.IGNORECASE)
# "… is a dangerous man": a condemning adjective before a person noun, said of the subject.
_IS_A = fast_compile(r"\b(?:is|was|are|were)\s+(?:a|an)\s+(?:very\s+|really\s+|truly\s+)?$")
_PREDICATIVE = fast_compile(
    r"\b(?:he|she|they|him|her|them)(?:['’]s|['’]re|\s+is|\s+are|\s+was|\s+were|\s+called|\s+"
    r"branded)\s+(?:(?:a|an|nothing\s+but|such|so|truly|absolutely|utterly|totally|completely|"
    r"real|right|proper|total|complete|little|nasty)\s+)*$",
    re.IGNORECASE,
)
_HEAD_NOUN_END = fast_compile(
    r"(?:s|es)?(?:\s*[,.!?;:)\"”]|\s*$|\s+(?:who|that|which|is|was|were|are|has|had|have|will|"
    r"would|and|from|in|on|at|behind|responsible|outside|near|got|gets|did|does|thought|finally|"
    r"now|has|\w+ed)\b)"
)
_PERSON_AFTER = fast_compile(
    r"\s+(?:man|men|woman|women|individual|individuals|person|people|pair|couple|gang|thug|"
    r"thugs|offender|offenders|criminal|criminals|predator|predators|attacker|attackers|male|"
    r"female|lad|lads)\b",
    re.IGNORECASE,
)
# A label as the subject of the arrest or charge, as in a headline ("Drug dealer charged",
# "Burglar arrested"): the label states what the court has still to decide.
_LABEL_CHARGED = fast_compile(
    r"\s+(?:has been |have been |was |is |were )?(?:charged|arrested|remanded|held|bailed|"
    r"in court|appears in court|appear in court|due in court|before magistrates|in the dock)\b",
    re.IGNORECASE,
)
# The act put to a person as done, in a relative clause: "the bloke who tried to fight a police
# horse", "the man who's been ripping off pensioners". (The plain past, "the man who robbed",
# is the detectors' GUILT_PARTS.)
_WHO_DID = fast_compile(
    r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:man|men|woman|women|bloke|blokes|lad|lads|guy|guys|"
    r"fella|person|people|driver|pair|gang|male|female|one)\s+(?:who|that)(?:['’]s|\s+has|\s+had|"
    r"\s+have)?\s+(?:been\s+)?(?:tried|attempted|decided|thought it was (?:ok|okay|fine|funny))\s+"
    r"to\s+(?!help\b|report\b|call\b|stop\b|save\b|intervene\b)\w+|"
    r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:man|men|woman|women|bloke|lad|lads|guy|person|people|"
    r"pair|gang|one|fella|fellow|chap)\s+(?:who|that)(?:['’]s|\s+has|\s+have)\s+been\s+(?:ripping|"
    r"conning|scamming|fleecing|swindling|cheating|defrauding|targeting|terrorising|terrorizing|"
    r"harassing|stalking|grooming|abusing|exploiting|preying|nicking|pinching|stealing|robbing|"
    r"burgling|breaking into|dealing|selling|flogging|keying|torching|smashing|dumping)\b",
    re.IGNORECASE,
)
# A word of innocence or honesty in scare quotes, said in a live case, sneers at it: "the
# 'innocent' lad charged…", "the star witness has a very 'creative' memory".
_SCARE_QUOTED = fast_compile(
    r"['‘\"“](?:innocent|creative|honest|reliable|truthful|accident|accidental|self[-\s]defen[cs]e|"
    r"alibi|victim|misunderstanding|mistake|upstanding|good lad|good boy|nice lad)['’\"”]",
    re.IGNORECASE,
)
# The evidence told as what it proves: "CCTV shows her stuffing the bottles into her bag",
# "the footage clearly captured him kicking the door" (comment on the evidence in a live case).
_FOOTAGE_SHOWS = gated(
    r"\b(?:cctv|footage|video|dash-?cam|body-?cam|body[-\s]worn(?:\s+(?:video|camera|footage))?|"
    r"doorbell(?:\s+(?:camera|footage|video))?|camera)\s+(?:(?:clearly|quite clearly|plainly|"
    r"also)\s+)?(?:shows|showed|captured|captures|caught|has captured|picked up)\s+(?:(?:him|her|"
    r"them)\s+(?:\w+ly\s+)?\w+ing\b|(?:the whole thing|everything|it all)\b)",
    re.IGNORECASE,
)
_NAME_AFTER = fast_compile(r"\s+[A-Z][a-z]+\s+[A-Z][a-z]+")
_DESCRIPTIVE = frozenset({"the", "this", "these", "those", "that", "he", "she", "they"})


@per_pack
def _guilt_tags(pack) -> frozenset[str]:
    """The pack's statements of guilt as a hashtag writes them: "#openandshut", "#guilty"."""
    phrases = pack.lexicon("people.guilt_statements")
    return frozenset(re.sub(r"[^a-z0-9]", "", p.lower()) for p in phrases if " " in p)


def _guilt_hashtags(post, pack) -> list:
    """Hashtags that say a statement of guilt ("#openandshut", "#bangtorights")."""
    tags = _guilt_tags(pack)
    return [m for m in HASHTAG_RE.finditer(post.text) if m.group(1).lower() in tags]


def _live(post, pack) -> bool:
    """Proceedings are active (Contempt of Court Act 1981 Sch.1): the post's arrest or charge
    with no sentence after it, or the pack's words for a case held or before a court. A trial
    or sentence still to come keeps the case live whatever else the post says."""
    if post.proceedings_active:
        return True
    words, lower = post.words, post.lower
    if lexicon.trial_pending(pack).search(post.text, lower, words):
        return True
    if post.convicted:
        return False
    return lexicon.active_proceedings(pack).search(post.text, lower, words) is not None


@register
class ContemptRisk(Rule):
    id = "contempt-risk"
    clause = "4.1"
    severity = Severity.BLOCK
    law = "Contempt of Court Act 1981"
    title = "Prejudicial comment about a live case"
    explanation = (
        "CC/01 4.1 and 4.10 and the Contempt of Court Act 1981: once someone is arrested or "
        'charged, proceedings are active. A post must not assert or imply their guilt ("the '
        'thug who attacked…", "the man responsible", "caught red-handed"), mention previous '
        'convictions or bad character ("a known burglar", "well known to officers"), or '
        "comment on the evidence or anyone's credibility. Neutral charge wording is fine, and so "
        "is strong wording after conviction and sentence."
    )

    def check(self, post, pack):
        if not _live(post, pack):
            return []
        findings = []
        matches = [m for rx in GUILT_PARTS for m in post.finditer(rx)]
        if "responsible" in post.text or post.search(_LABEL_GATE):
            matches += list(GUILT_NAMED_RE.finditer(post.text))
        # An insult about someone in a live case is bad character too ("he's a right scrote").
        starts = {x.start() for x in matches}
        matches += [m for m in post.finditer(insult_pattern()) if m.start() not in starts]
        # The pack's concepts: statements of guilt, comment on the evidence or a witness, bad
        # character, and names that brand a defendant ("this thug", "he's a monster").
        matches += list(lexicon.guilt_statements(pack).finditer(post.text, post.lower, post.words))
        if post.lower is not None:
            matches += list(lexicon.evidence_comment(pack).finditer(post.lower))
        text = post.text
        for m in lexicon.defendant_labels(pack).finditer(text, post.lower, post.words):
            before = text[max(0, m.start() - 40) : m.start()]
            if _NAME_AFTER.match(text, m.end()) or _PREDICATIVE.search(before):
                matches.append(m)  # "thug Dean Walsh", "he's a thug"
            elif (
                (_DEMONSTRATIVE.search(before) or _POSSESSOR.search(before))
                and _HEAD_NOUN_END.match(text, m.end())
            ) or (_DETERMINER.search(before) and _RELATIVE_AFTER.match(text, m.end())):
                matches.append(m)  # "this thug", "the animals who…", not "the animal was seized"
        for m in lexicon.defendant_labels(pack).finditer(text, post.lower, post.words):
            s_start, _ = post.sentence_at(m.start())
            lead = text[s_start : m.start()]
            # Only as the whole subject: "Drug dealer charged", not "a man charged with being
            # a drug dealer".
            if (not lead.strip() or lead.strip().lower() == "drug") and (
                _LABEL_CHARGED.match(text, m.end())
            ):
                matches.append(m)
        if "who" in text or "that" in text:
            matches += list(post.finditer(_WHO_DID))
        matches += list(post.finditer(_FOOTAGE_SHOWS))
        if "#" in text:
            matches += _guilt_hashtags(post, pack)
        if "'" in text or "‘" in text or '"' in text or "“" in text:
            matches += list(_SCARE_QUOTED.finditer(text))
        for m in lexicon.defendant_adjectives(pack).finditer(text, post.lower, post.words):
            before = text[max(0, m.start() - 40) : m.start()]
            if _PREDICATIVE.search(before) or (
                (_DETERMINER.search(before) or _IS_A.search(before))
                and _PERSON_AFTER.match(text, m.end())
            ):
                matches.append(m)  # "he is evil", "this vile man"; not "this cowardly attack"
        spans = []
        for m in matches:
            s_start, _ = post.sentence_at(m.start())
            # "Suspected" or "alleged" keeps a description of the act neutral; it does not
            # excuse bad character ("accused of…, has a history of violence").
            describes_act = m.group(0).split(None, 1)[0].lower() in _DESCRIPTIVE
            if describes_act and post.search(HEDGE_RE, s_start, m.end()):
                continue
            spans.append(m.span())
        for start, end in first_of_overlapping(spans):
            findings.append(
                self.finding(
                    post,
                    f"“{post.text[start:end]}” presents someone in a live case as guilty or of "
                    'bad character. Use neutral wording ("a man has been charged with…") and '
                    "leave guilt, previous convictions and the evidence to the court.",
                    (start, end),
                )
            )
        return findings

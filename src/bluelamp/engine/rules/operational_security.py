"""4.10, 6.7: nothing that could compromise an operation or put people at risk."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.contacts import lexicon_re
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.identifiers import STREET_RE
from bluelamp.engine.rules.detectors.people import CALENDAR, FIRST_NAMES
from bluelamp.engine.rules.detectors.places import PLACES
from bluelamp.engine.rules.detectors.text import per_pack

_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thurs?|fri|sat|sun"
_FUTURE = (
    rf"(?:tomorrow(?:'s)?|tmrw|tmw|tmoz|tomoz|2moro|2morrow|tonight|2nite|later (?:today|on)|this (?:evening|afternoon|weekend|week)|next "
    rf"(?:week|month|{_DAYS})|(?:on |this |from |until |till )(?:{_DAYS})\b|at \d{{1,2}}(?:[.:]\d{{2}})?"
    rf"\s*(?:am|pm|hrs)?|from \d{{1,2}}(?:[.:]\d{{2}})?\s*(?:am|pm)?|(?:we|officers|police|they|team|"
    rf"teams|units)(?:'ll| will| are going to| plan to| are planning to| are due to)|will be|'ll "
    rf"be|going in|goes in|before we go in|planned|upcoming|dawn|first thing|in the morning|at first light|"
    rf"\d{{1,2}}\s*(?:am|pm)|\b0\d00\b|[0-2]\d[0-5]\d\s*hrs\b|\d{{4}} (?:{_DAYS})|every (?:night|day|evening) this week|"
    rf"starts? (?:tomorrow|tonight|on)|about to|ahead of|until (?:the )?trial|till (?:friday|monday|the)|"
    # Happening as the post goes out: "we're live as the team go through the door".
    rf"we['’]re live|going live|live as|stay tuned|as we speak|right now|\b[0-2]\d:[0-5]\d\b)"
)
FUTURE_RE = fast_compile(rf"\b{_FUTURE}", re.IGNORECASE)
OPERATION_RE = gated(
    r"\b(?:(?:drugs?|search|firearms?|misuse of drugs act|s23|section 23|arrest)\s+warrants?|"
    r"warrants?(?! of further detention| cards?)|go(?:es|ing)? through the door|(?:before|when|once|then) we go in|briefing for the (?:[\w'’]+\s+){1,4}?(?:job|op|operation|warrant|raid)|(?:back|"
    r"return(?:ing)?) (?:at|to) the (?:address|house|flat|property|premises)|raids?|raiding|swoop|(?:drugs?\s+)?bust|doors? (?:will )?go(?:ing)? in|(?<!kicking the )(?<!kicked the )(?<!kicks the )(?<!kick the )doors? in\b|(?:going|"
    r"goes) in|put the door in|\d{1,3} doors|knock(?:ing)? on doors|hit(?:ting)? (?:the|an?|this|that|two|three|four|five|six|seven|eight|"
    r"nine|ten|several|multiple|a few|\d{1,3})\s+(?:[\w'’]+\s+){0,3}(?:address|"
    r"addresses|house|houses|flat|flats|property|properties|cannabis farms?|premises)|(?:arrest|drugs|covert|"
    r"early[-\s]morning|dawn) (?:operation|op|visit|raid)|sting|test purchas\w+|planned arrest|"
    r"to arrest|(?:tomorrow's|the) arrest|stopping vehicles|vehicle checks|drugs dogs?|knife "
    r"arch(?:es)?|bait (?:car|bike|van)|dive team|search team|searching (?:the|a) (?:canal|river|"
    r"park|woods|area|house|property|address|pool|lake|reservoir)|start searching|search of (?:the|"
    r"a) (?:canal|river|park|woods|area|address)|stop checks?|road checks?|checkpoints?|"
    r"\d{1,2}(?:[.:]\d{2})?\s*(?:am|hrs)\s+(?:door|doors|knock|warrant|entry|strike)|"
    r"(?:RV|rendezvous|RVP)\s+(?:point\s+)?(?:is\s+|will be\s+)?(?:at|in)|"
    r"(?:serials?|units|teams|officers)\s+(?:will\s+)?deploy(?:ing)?\s+(?:to|at|from)|"
    r"entry (?:at|is at|planned for)|strike (?:time|day)|"
    r"(?:tonight|tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s "
    r"(?:job|op|operation)|hit(?:ting)? \d{1,4}[A-Za-z]? [A-Z]\w+)\b",
    re.IGNORECASE,
)
# Case-sensitive parts: a named operation ("Op Target", "Operation Sceptre") and an
# observation point ("OP is the flat above the bookies").
_NAMED_OP_RE = fast_compile(r"\b(?:[Oo]p|[Oo]peration|OPERATION|OP)\.? [A-Z][a-z]+")
_NAMED_OP_CUE = gated(r"\bop(?:eration)?\.? ", re.IGNORECASE)
_OP_POINT_RE = fast_compile(r"\bOP is\b")
# A search for a missing person is announced to enlist the public, not an operation to keep
# quiet.
_FOR_MISSING = fast_compile(r"\b(?:missing|last seen|search for (?:him|her|them))\b", re.IGNORECASE)
# What puts an operation in the past when it stands just before it ("after dawn raids", "this
# morning's raids", "video of the raids"); the words that report one as done wherever they
# stand in its sentence are the pack's ``contacts.completed_operation_words``.
_RETROSPECTIVE = fast_compile(
    r"\b(?:after|following|during|since|(?:video|footage|pictures?|photos?|pics|results?) of|"
    r"this morning['’]?s?|yesterday['’]?s|last night['’]?s|last week['’]?s|recent|previous)\s+"
    r"(?:(?:the|a|our|their|these|those|several|a series of|series of|dawn|early[-\s]morning|"
    r"simultaneous|multiple|drugs?|two|three|four|five|\d+)\s+){0,3}$",
    re.IGNORECASE,
)
PAST_OP_RE = fast_compile(
    r"\b(?:executed|carried out|raided|conducted|took place|searched|went in|were executed|"
    r"was executed|this morning we|yesterday we|earlier today we|arrested|seized|recovered|"
    r"found|last night's|yesterday's)\b",
    re.IGNORECASE,
)
# What officers wait for that is no operation: a recovery truck at a crash, the weather, you.
_NOT_A_TARGET = (
    r"(?!\s+(?:the |a |an |your |our )?(?:recovery|tow|ambulances?|paramedics|fire service|"
    r"bus|buses|train|trains|results?|news|update|weather|calls?|you\b|collection|delivery|"
    r"doors|tea|visitors|guests|questions|ours|more officers|extra officers)\b)"
)
WATCH_RE = gated(
    rf"\b(?:unmarked (?:cars?|vans?|vehicles?|police cars?)|plain[-\s]clothes?|undercover|"
    rf"covert(?:ly)?|lying in wait|(?<!jobs )(?<!calls )(?<!queue )waiting (?:for|at|in|on|outside|"
    rf"round){_NOT_A_TARGET}|bait (?:car|bike|van|vehicle)|(?:sat|sitting|parked|"
    r"hidden|hiding|positioned|plotted up|set up|holding|on standby|staged|staging|standing by|"
    r"stood by|parked up|tucked up|tucked away|tucked)(?:\s+(?:just|right|quietly|discreetly|"
    r"out of sight|out of view|away))?"
    r" (?:in|on|at|near|outside|inside|"
    r"up|round|behind|by|opposite)(?!\s+(?:the\s+|a\s+)?(?:cells?|custody|court|crown court|"
    r"magistrates|traffic|meetings?|office|canteen|briefing|training|class|hospital|a&e|queue|"
    r"public gallery|gallery|audience|crowd|stands)\b)|"
    r"watching (?:the |his |her |their )?(?:address|house|flat|"
    r"garages?|car park|premises|property|shop|bins|area|road|street|junction|entrance|back "
    r"door|front door|estate|place|van|car)|watching (?:him|her|them|it|for|from|over)|in position|"
    r"on the plot|eyes on (?:the|him|her|them|it|his|a|an|their)|"
    r"stake[-\s]?outs?|"
    r"staking out|hidden (?:cameras?|officers)|officers hidden|surveillance (?:on|at|of)|"
    r"(?:surveillance|obs|observation|covert) (?:van|car|vehicle|motor|team|unit) (?:is|are|has|"
    r"will be|sat|parked)|"
    rf"(?:will be|we'll be|are) (?:watching|waiting)(?!\s+(?:with|to)\s)(?!\s+(?:for|on)"
    rf"{_NOT_A_TARGET[3:]}|(?:a|hidden|covert) cameras? (?:and|in|on|at)|"
    r"observation (?:point|post)|obs (?:log|point|post)|doesn't know we're here|"
    # Cover blown: who officers watch ("keeping an eye on a certain address", "on who comes and
    # goes"), a vehicle that is "one of ours", a disguise ("it's not a window cleaner").
    r"keep(?:ing)? watch (?:on|over|outside)|staying on (?:at|in)|"
    r"keep(?:ing)? (?:an )?eyes? on (?:a certain \w+|who comes and goes|who['’]s coming and "
    r"going|(?:the|that|this) (?:address|house|flat|property|premises))|"
    r"(?:it['’]s|it is|that['’]s|they['’]re|they are) (?:one|two) of ours|"
    r"(?:it['’]s|it is|they['’]re|they are|that['’]s) not (?:a |the |really (?:a |the )?)?"
    r"(?:window cleaners?|plumbers?|builders?|workm[ae]n|delivery (?:driver|van)s?|gas (?:man|men)|"
    r"BT van|council van|meter readers?)|"
    r"(?:officers|someone|team|camera|snipers?|units?)(?:\s+(?:are|is|will be|'re))? (?:in|on) "
    r"(?:a|the) (?:\w+\s+)?(?:neighbour's|neighbours'|gardens?|roofs?|rooftops?|loft))\b",
    re.IGNORECASE,
)
# Who is watching or waiting (the pack's ``contacts.watchers``: officers, a bait car, a
# camera) is said in the sentence before it; "Sat in the unmarked car…" at the start of a
# sentence leaves them implied. A covert word is enough on its own.
_COVERT = fast_compile(
    r"^(?:unmarked|plain|undercover|covert|lying in wait|stake|staking|hidden|officers hidden|"
    r"surveillance|observation|obs|doesn't know|OP is|keep|it|that|they)",
    re.IGNORECASE,
)
# Who is moved or kept somewhere for safety is the pack's ``contacts.protected_people`` (a
# victim or witness), not anyone taken to hospital.
# A protected person "being kept at": the person, not a thing ("knives are being hidden in").
_PROTECTED_PERSON = fast_compile(
    r"\b(?:victims?|witness(?:es)?|informants?|famil(?:y|ies)|she|he|they|her|him|them|woman|"
    r"man|girl|boy|child|children|mum|mother|person|people|survivor|complainant)\b",
    re.IGNORECASE,
)
# Officers in cover: "sat in an unmarked car", said anywhere in the sentence.
_COVERT_ANY = fast_compile(
    r"\b(?:unmarked|plain[-\s]clothes?|undercover|covert(?:ly)?|obs (?:van|car|point|post)|"
    r"observation (?:van|car|point|post))\b",
    re.IGNORECASE,
)
_PAST_WATCH = fast_compile(
    r"\b(?:was|were|had been|we'd been)\s+(?:\w+\s+)?$|\bfound\s+$", re.IGNORECASE
)
# A sentence about someone else ("He's been sat on our doorstep…", of a lost cat): not officers.
_OTHER_SUBJECT = fast_compile(r"\s*(?:he|she|it|they)(?:['’]s|\s+(?:is|has|was))\b", re.IGNORECASE)
WATCH_WHEN_RE = fast_compile(
    rf"\b(?:{_FUTURE}|right now|currently|at the moment|as we speak|all night|until|till|til|now|"
    rf"live|stay tuned|keep watching|won't be "
    rf"long|fingers crossed|again|to (?:show|turn) up|to come (?:out|back|home)|all week|"
    rf"over the (?:next|coming) (?:few )?days|keeping an eye|comes and goes|still (?:here|"
    rf"there|waiting|sat)|\w+ hour (?:sat|waiting|here)|already|to go down|"
    rf"in case (?:\w+\s+){{0,6}}?comes? back|(?:\d+(?:st|nd|rd|th)|\w+) (?:day|night|shift)s? "
    rf"(?:running|in a row|sat|waiting)|to show (?:his|her|their) face|for the next (?:\w+\s+)?"
    rf"(?:hours?|minutes?)|(?:are|is|['’]re) (?:now |currently )?in position|stay indoors|"
    rf"stay inside|from midnight|\d{{1,2}}[:.]\d{{2}}|(?:are|is|['’]re)\s+(?:\w+\s+)?(?:keeping watch|"
    rf"watching)|"
    # Waiting for the order to go in: the operation is about to happen.
    rf"waiting for (?:the |our )?(?:go|green light|go-ahead|call to go in|order to go in))\b",
    re.IGNORECASE,
)
UNSTAFFED_RE = gated(
    r"\b(?:(?:station|front counter|front desk|front office|office|base|police post|nick|custody)"
    r"(?:\s+\w+){0,3}\s+(?:will be|is going to be|is|'ll be|will|are)\s+(?:\w+\s+){0,2}?(?:empty|"
    r"unstaffed|unmanned|unattended|left empty|without (?:any )?officers|shut and unstaffed)|"
    r"(?:cover|staffing|officers|units|cars)(?:\s+[\w-]+){0,5}?\s+(?:is |are |will be )?down to "
    r"(?:zero|nil|one|two|"
    r"\d+)|(?:no|zero) "
    r"(?:\w+\s+){0,2}?(?:officers|police|cops|cover|units|cars|patrols|one|pcsos)\b(?!\s+at\s+"
    r"(?:\w+['’]s\s+|the\s+|our\s+|this\s+|next\s+)*(?:meeting|event|session|surgery|fun day|"
    r"talk|open day|drop-in|clinic|briefing)\b)(?!\s+"
    r"(?:will|can|should|must|would|was|were|had|has|have|of|injured|hurt|knows?|else|"
    r"(?:\w+\s+)?(?:injured|hurt|harmed|charged|arrested))\b)|(?:whole|all|entire) (?:\w+\s+)?(?:team|shift|station|"
    r"snt|pcsos|officers|units)(?:\s+\w+){0,2}\s+(?:is|will be|are|'ll be|away)\b|(?:nobody|"
    r"no one|no-one)\s+(?:will be\s+|is\s+)?(?:on duty|in|at|covering|manning|else on|on the "
    r"(?:front )?(?:desk|counter))|"
    r"(?:(?:one|two|a single) (?:cars?|units?|officers?|crews?|vans?) covering (?:the whole|all) of)|"
    r"(?:only|the) (?:one|two|\d) (?:officers?|pcsos?|cars?|units?|response cars?) (?:on duty|"
    r"covering|on shift|for (?:the )?whole|in)|(?:area|town|station) (?:will be|is) (?:left )?"
    r"(?:unpoliced|uncovered|unstaffed)|closed and empty|left unattended|(?:won't|will not|don't|"
    r"do not) have any (?:\w+\s+)?(?:officers|pcsos|cover|units|cars|patrols)|only (?:one|two|"
    r"three|\d) of us (?:covering|on|in|for)|(?:and|with) the building (?:left )?empty|"
    r"(?:station|counter|desk|office|base|post|nick)(?:['’]s)?(?:\s+[\w-]+){0,3}\s+(?:won['’]t|"
    r"will not|isn['’]t going to|is not going to)\s+be\s+(?:staffed|manned|attended))\b",
    re.IGNORECASE,
)
_STAFFING_TIME = fast_compile(
    rf"\b(?:{_FUTURE}|between \d|after \d|until \d|overnight|all day|this weekend|today|"
    rf"(?:from|until|till|between) (?:the )?\d{{1,2}}(?:st|nd|rd|th)|"
    rf"saturday|sunday|monday|tuesday|wednesday|thursday|friday|bank holiday|over (?:the )?"
    rf"(?:christmas|easter|new year|holidays?))\b",
    re.IGNORECASE,
)
PROTECTED_RE = gated(
    r"\b(?:safe[-\s]?house|protected (?:person|persons|witness|witnesses|victim|identity)|"
    r"witness protection|protective custody|close protection|women's refuge|refuge|being "
    r"(?:kept|housed|hidden|put up)(?: safe(?:ly)?| secretly| under guard)? (?:at|in|on)|put up at|"
    r"staying (?:with|at)(?! (?:relatives|family|friends|(?:her|his|their) family)\W{0,3}(?:[.!?]|$))|"
    # Safe with kin at a named street ("she's safe at her sister's on Hawthorn Road"), and who
    # or where the informant is.
    r"(?<!found )safe at (?:her|his|their) (?:\w+['’]s|(?:\w+\s)?(?:house|home|flat))|"
    r"(?:the|our) (?:informant|source|grass|CHIS) (?:is|lives)|under (?:armed )?"
    r"guard|armed guard|guarding|protection (?:detail|duty|officers?) (?:at|for|on|outside)|"
    r"protection detail|safe (?:property|address|place|location|flat|accommodation)|booked "
    r"(?:you|her|him|them|the \w+) into|(?:is|are) (?:being )?stashed (?:at|in)|"
    r"(?:watching over|looking after|babysitting|"
    r"guarding|sitting with|protecting|minding) (?:our|the|a|their|his|her) (?:\w+\s+)?"
    r"(?:witness|witnesses|victim|victims|informant|protected person)|(?:has|have) been (?:moved|"
    r"relocated|rehoused|placed|housed)|(?:is|are) being (?:moved|relocated|rehoused|housed|"
    r"placed|looked after))\b",
    re.IGNORECASE,
)
_LODGING = fast_compile(
    r"\b(?:Holiday Inn|Premier Inn|Travelodge|hotel|ward \d+|hospital|\d+ [A-Z][a-z]+ "
    r"(?:Road|Street|Lane|Avenue|Close|Drive|Way))\b"
)


@per_pack
def _words(pack) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(completed operation, watchers, protected people) from the pack's contacts lexicon."""
    return (
        lexicon_re(pack.lexicon("contacts.completed_operation_words"), inflect=False),
        lexicon_re(pack.lexicon("contacts.watchers"), inflect=False),
        lexicon_re(pack.lexicon("contacts.protected_people")),
    )


# Where officers watch or wait must be a particular spot (a street, a named place, a car park,
# an address), not a whole area: "plain clothes officers will be out across the city centre
# over Christmas" is general reassurance.
_SITE = fast_compile(
    r"\b(?:car park|address|house|flat|garages?|bins|allotments|garden|roof|junction|slip road|"
    r"estate|alley|layby|lay-by|premises|property|shop|yard|island|roundabout|bridge|"
    r"[AM]\d{1,4}|J\d{1,2}|up the road|down the road|round the corner|pub|bar|club|café|cafe|"
    r"bookies|takeaway|bus|tram|train|number \d{1,3}|no\.? ?\d{1,3} bus|drive|driveway|doorstep|"
    r"pier|seafront|promenade|harbour|quay|racks?|ferry|terminal|port)\b|"
    r"\b(?:outside|inside) (?:the )?[A-Z]",
)
_WHOLE_AREA = fast_compile(
    r"\b(?:across|throughout|all over|right across|around) (?:the |our )?(?:city|town|region|force|"
    r"county|borough|district|area|country|west midlands)",
    re.IGNORECASE,
)


# "A warrant will be executed at…": a word that reports an operation as done, in the future
# or the passive of an intention, still announces it.
_TO_COME = fast_compile(
    r"\b(?:will|shall|'ll|to|going to|due to|set to|about to|planning to)\s+(?:be\s+|have\s+been\s+)?$",
    re.IGNORECASE,
)


def _done_after(done_op, text: str, start: int, end: int) -> bool:
    """Whether a word in [start, end) reports the operation as already done."""
    for m in done_op.finditer(text, start, end):
        if not _TO_COME.search(text, max(start, m.start() - 24), m.start()):
            return True
    return False


# A place the pack's list does not know, by how it is said: "near Seahouses", "in Buckley",
# "on the outskirts of Gretna", "at Brampton" (any force's area, not only the West Midlands).
_NAMED_PLACE = fast_compile(
    r"\b(?:in|near|at|by|outside|off|on the outskirts of|just outside)\s+(?:the\s+)?([A-Z][a-z]{2,})\b"
)


def _has_place(post, start: int, end: int) -> bool:
    text = post.text
    if STREET_RE.search(text, start, end):
        return True
    if any(w in PLACES for w in re.findall(r"[A-Z][a-z]+", text[start:end])):
        return True
    return any(
        m.group(1) not in CALENDAR and m.group(1) not in FIRST_NAMES
        for m in _NAMED_PLACE.finditer(text, start, end)
    )


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
        # Which of the four kinds of detail the post could hold at all, found once over the
        # whole post; only those are looked for sentence by sentence.
        has_op = post.search(OPERATION_RE) or (
            post.may(_NAMED_OP_CUE) and _NAMED_OP_RE.search(text)
        )
        has_watch = post.search(WATCH_RE) or ("OP" in text and _OP_POINT_RE.search(text))
        has_gap = post.search(UNSTAFFED_RE)
        has_prot = post.search(PROTECTED_RE)
        if not (has_op or has_watch or has_gap or has_prot):
            return []
        found: list[tuple[int, int, str]] = []
        done_op, watchers, protected_people = _words(pack)
        prev_start = 0
        for s_start, s_end in post.sentences:
            op = has_op and (
                post.search(OPERATION_RE, s_start, s_end)
                or _NAMED_OP_RE.search(text, s_start, s_end)
            )
            if (
                op
                and FUTURE_RE.search(text, s_start, s_end)
                and not PAST_OP_RE.search(text, s_start, op.start())
                and not _done_after(done_op, text, op.end(), s_end)
                and not _RETROSPECTIVE.search(text, max(s_start, op.start() - 60), op.start())
                and not (
                    ("search" in op.group(0).lower() or "dive" in op.group(0).lower())
                    and _FOR_MISSING.search(text, s_start, s_end)
                )
                and (
                    _has_place(post, s_start, s_end)
                    or re.search(r"\d", text[s_start:s_end])
                    or _SITE.search(text, s_start, s_end)
                )
            ):
                found.append((op.start(), op.end(), "a planned operation with its time or place"))
            watch = has_watch and (
                post.search(WATCH_RE, s_start, s_end) or _OP_POINT_RE.search(text, s_start, s_end)
            )
            if (
                watch
                and not _PAST_WATCH.search(text, s_start, watch.start())
                and (
                    (watch.start() - s_start < 12 and not _OTHER_SUBJECT.match(text, s_start))
                    or _COVERT.search(watch.group(0))
                    or watchers.search(text, s_start, watch.start())
                    or _COVERT_ANY.search(text, s_start, s_end)
                )
                and (
                    WATCH_WHEN_RE.search(text, s_start, s_end)
                    or watch.start() - s_start < 12  # "Sat in the unmarked car on…": happening now
                )
                and (_has_place(post, prev_start, s_end) or _SITE.search(text, prev_start, s_end))
                and not _WHOLE_AREA.search(text, s_start, s_end)
            ):
                found.append((watch.start(), watch.end(), "where officers are watching or waiting"))
            gap = has_gap and post.search(UNSTAFFED_RE, s_start, s_end)
            if gap and _STAFFING_TIME.search(text, s_start, s_end):
                found.append((gap.start(), gap.end(), "when a station or area is unstaffed"))
            prev_start = s_start  # "…is chained up there now": the place may be one sentence back
            place = None
            for prot in post.finditer(PROTECTED_RE, s_start, s_end) if has_prot else ():
                word = prot.group(0).lower()
                if word.startswith(("being", "has", "have", "is", "are")) and not (
                    protected_people
                    if word.startswith(("has", "have", "is", "are"))
                    else _PROTECTED_PERSON
                ).search(text, s_start, prot.start()):
                    continue  # "knives are being hidden in…", "the man has been moved to…"
                if place is None:
                    place = _has_place(post, s_start, s_end) or bool(
                        _LODGING.search(text, s_start, s_end)
                    )
                if place:
                    found.append((prot.start(), prot.end(), "where a protected person is"))
                break
        return [
            self.finding(
                post,
                f"The post reveals {what} (“{text[s:e]}”). Remove the time, place or detail, or "
                "post after the operation has happened.",
                (s, e),
            )
            for s, e, what in found
        ]

"""4.25: think about the evidential and disclosure impact before showing what was found."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.contacts import lexicon_re
from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.gate import gated
from bluelamp.engine.rules.detectors.incident import GENERIC_RE
from bluelamp.engine.rules.detectors.text import per_pack

# Cash and quantities: "£12,000", "4 grand", "2kg".
AMOUNT_RE = fast_compile(
    r"£\s?\d[\d,.]*\s?(?:k|m|million|grand)?|\b\d[\d,.]*\s?(?:grand|kg|kilos?|grams?|g)\b"
)


@per_pack
def _items(pack) -> re.Pattern[str]:
    """What counts as recovered items or evidence: the pack's ``contacts.recovered_items``."""
    return lexicon_re(pack.lexicon("contacts.recovered_items"))


FOUND_RE = gated(
    r"\b(?:found|recovered|seized|discovered|uncovered|located|confiscated|look what|"
    r"(?:was|were) carrying|had on (?:him|her)|photos? "
    r"(?:from|of|shows)|pictured|pic(?:ture)?s? (?:shows|of|from)|you can see|here(?:'s| is| are) "
    r"(?:the|what)|haul|stash|hidden|concealed|inside (?:we|was|were)|search(?:ed|ing)? (?:of|at) "
    r"(?:(?:a|an|the|his|her|their|two|three|several|\d+)\s+)?(?:\w+\s+)?(?:house|home|flat|"
    r"property|properties|address|addresses|premises|vehicle|car|van|garage|unit|room)|"
    r"during (?:a|the) search|search under way|stop (?:and |& |n )?search(?:ed)?|under the floorboards|taken off|took off|"
    r"taken off the streets|off the streets|in the boot|in the car|back from|pulled out of|"
    r"full of|sent (?:it |them )?(?:off )?for forensic|in the back of|turned up|evidence store|"
    r"morning's work|night's work|day's work|in (?:his|her|their) (?:sock|socks|pocket|pockets|"
    r"waistband|bag|car|van|bra|underwear|boot)|on (?:him|her|them)|\d+\s?x\s|sniffed out|"
    r"spare wheel(?: well)?|stuffed (?:down|in|into|inside|under)|tucked (?:in|into|inside|under)|"
    r"arrested (?:a|an|the|two|three) (?:\w+\s+){1,2}?with|"
    # Where it was hidden, and finds told as finds: "£42k in a Lidl bag behind the bath panel",
    # "stashed up there", "best find of my career", "the knife taken from a 17-year-old".
    r"(?:behind|under|beneath|inside) (?:the|a) (?:bath panel|panel|bath|fridge|freezer|wardrobe|"
    r"skirting|mattress|bed|floorboards|sofa|settee|cushions?|loft hatch|boiler|drawer)|"
    r"stashed|hiding in|was hiding|(?:best|biggest) find|find of (?:my|the|our)|"
    r"(?<!was )(?<!were )(?<!been )taken from)\b",
    re.IGNORECASE,
)
OPEN_CASE_RE = gated(
    r"\b(?:arrest(?:ed|s)?|in custody|custody|in the cells?|detained|on bail|bailed|under "
    r"investigation|investigation|enquiries|inquiries|charged|remanded|suspect(?:s|ed)?|will "
    r"appear|appear(?:s|ed)? (?:at|before)|awaiting trial|interviewed under caution|forensic\w*|"
    r"being (?:reviewed|examined|analysed)|to find (?:who|the)|contacting the owners|search (?:is )?"
    r"(?:still )?(?:under ?way|ongoing|continuing)|still outstanding|outstanding|still at large|enquiries "
    r"continue|nicked|lifted|S18|s\.18|section 18|can['’]t say (?:any )?more|cannot say more|"
    r"more to follow)\b",
    re.IGNORECASE,
)
# The case still open, said of what officers are doing: "still investigating", "two men are
# being questioned".
_OPEN_NOW = fast_compile(
    r"\b(?:investigating|being (?:questioned|interviewed)|questioning)\b", re.IGNORECASE
)
# Items shown as emoji: "Guess what was hiding in the boot? 🔪🔪🔪".
_ITEM_EMOJI = fast_compile(r"[\U0001F52A\U0001F52B\U0001F48A\U0001F4B0\U0001F4B7\U0001F489]")
CLOSED_RE = gated(
    r"\b(?:jailed|sentenced|convicted|found guilty|pleaded guilty|locked up|imprisoned|behind "
    r"bars|in (?:jail|prison)|sent to prison)\b",
    re.IGNORECASE,
)


# "We found it", "They were found in a van": the item named in the sentence before.
_PRONOUN_OBJECT = fast_compile(r"\s+(?:it|them|these|this|those)\b", re.IGNORECASE)
_PRONOUN_SUBJECT = fast_compile(
    r"\b(?:it|they|these|those)\s+(?:(?:were|was|have been|has been|had been|are|is)\s+)?"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A campaign's results are its tally, whatever the wording.
_CAMPAIGN = fast_compile(
    r"\b(?:campaign|initiative|week of action|week[-\s]long|national operation)\b", re.IGNORECASE
)
# Counts that make a post a tally ("908 arrests", "144 weapons seized").
_COUNT = fast_compile(
    r"\b\d[\d,]*\+?\s+(?:arrests|people|weapons|knives|firearms|guns|vehicles|seizures|"
    r"warrants|searches|houses|addresses|stop)",
    re.IGNORECASE,
)
# Nothing recovered: "nothing was found", "no weapons were found".
_NOTHING = fast_compile(
    r"\b(?:nothing|none|no\s+(?:\w+\s+){0,2}(?:was|were|has been|have been))\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A campaign's or a unit's running totals ("170 knives recovered in a week-long initiative",
# "to date 2,101 arrests and 144 weapons seized") are statistics, not one open case.
_TOTALS = fast_compile(
    r"\b(?:so far|to date|in total|in (?:a|one) (?:week|month|"
    r"year)|since (?:it|the|its|april|january|february|march|may|june|july|august|september|"
    r"october|november|december|launch)|over the (?:past|last)|"
    r"(?:this|last|a|each|every) (?:year|month|summer|winter|spring|autumn|quarter)|in (?:january|"
    r"february|march|april|may|june|july|august|september|october|november|december)|"
    r"in (?:less than |under |just |the (?:past|last) )?(?:\d+|"
    r"two|three|four|six|twelve|eighteen) (?:days|weeks|months|years))\b",
    re.IGNORECASE,
)


@register
class EvidentialRisk(Rule):
    id = "evidential-risk"
    clause = "4.25"
    severity = Severity.REVIEW
    title = "Recovered items or evidence in an open case"
    explanation = (
        "CC/01 4.25: before sharing success, consider its evidential and disclosure impact. "
        "Showing or detailing recovered items or evidence (weapons, drugs, cash, stolen "
        "property, a search) while a case is open — after an arrest or during an investigation, "
        "before conviction — can harm the case or put someone at risk (has the S18 search been "
        "done? does saying a firearm was found endanger anyone?). After conviction, in amnesty "
        "or prevention posts, in a campaign's or a unit's running totals, and for footage "
        "released in an appeal, it is fine."
    )

    def check(self, post, pack):
        # An open case is the rarer condition: look for it first.
        if (
            not (post.search(OPEN_CASE_RE) or _OPEN_NOW.search(post.text))
            or not post.search(FOUND_RE)
            or post.search(CLOSED_RE)
        ):
            return []
        if (
            post.search(GENERIC_RE)
            or _CAMPAIGN.search(post.text)
            or (_TOTALS.search(post.text) and _COUNT.search(post.text))
        ):
            return []
        text = post.text
        item = None
        items = _items(pack)
        # The items must be what was found: in the same sentence as the finding.
        for found in post.finditer(FOUND_RE):
            if _NOTHING.search(text, max(0, found.start() - 40), found.start()):
                continue
            s_start, s_end = post.sentence_at(found.start())
            if _PRONOUN_OBJECT.match(text, found.end()) or _PRONOUN_SUBJECT.search(
                text, s_start, found.start()
            ):
                s_start = max((b for b, e in post.sentences if e <= s_start), default=s_start)
            item = (
                items.search(text, s_start, s_end)
                or AMOUNT_RE.search(text, s_start, s_end)
                or _ITEM_EMOJI.search(text, s_start, min(len(text), s_end + 8))
            )
            if item:
                break
        if not item:
            return []
        return [
            self.finding(
                post,
                f"Recovered items (“{post.text[item.start() : item.end()]}”) are shown or detailed while the case is "
                "open. Check with the officer in the case that sharing this cannot harm the "
                "evidence or put anyone at risk before it goes out.",
                item.span(),
            )
        ]

"""4.12 and 3.16: personal data of a private individual must not be posted."""

from __future__ import annotations

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.contacts import (
    contact_words,
    email_is_personal,
    phone_is_personal,
)
from bluelamp.engine.rules.detectors.identifiers import address_is_public, postcode_is_home
from bluelamp.engine.rules.detectors.text import per_pack, words_re


@per_pack
def _home_words(pack):
    return words_re(pack.lexicon("contacts.home_words"))


_MESSAGES = {
    "mobile": "A private mobile number is in the post.",
    "landline": "A private phone number is in the post.",
    "international": "A private phone number is in the post.",
    "email": "An e-mail address outside the force's domains is in the post.",
    "address": "A house-level address (a house number or name with a street) is in the post.",
    "flat": "A flat or apartment number is in the post: it points to someone's home.",
    "postcode": "A full postcode is in the post: with a place it points to someone's home.",
    "dob": "A date of birth is in the post.",
    "nino": "A National Insurance number is in the post.",
    "nhs": "An NHS number is in the post.",
    "card": "A payment card number is in the post.",
}
_ADVICE = {
    "mobile": " Give 101 or the force's contact route instead.",
    "landline": " Give 101 or the force's contact route instead.",
    "international": " Give 101 or the force's contact route instead.",
    "email": " Use a force address or the force's contact route instead.",
    "address": " Give the street or area only.",
    "flat": " Give the street or area only.",
    "postcode": " Give the outward part only (e.g. B21).",
    "dob": " Give an age, if anything.",
}


@register
class PersonalData(Rule):
    id = "personal-data"
    clause = "4.12"
    severity = Severity.BLOCK
    title = "Personal data of a private individual"
    explanation = (
        "CC/01 4.12 and 3.16: posting is a form of disclosure and must comply with data "
        "protection law (Data Protection Act 2018, UK GDPR). A private individual's phone number, "
        "e-mail address, house-level address, full postcode of a home, date of birth, National "
        "Insurance, NHS or payment card number must not be posted — an officer's own included. "
        "Contact details published for the public are not personal data: the force's public "
        "numbers (from the policy pack), freephone and other non-geographic numbers, an "
        "incident room's, a service's or a charity's line, mailboxes on public bodies' domains "
        "(police.uk, gov.uk, nhs.uk) and role mailboxes. Nor are a street or area name, an "
        "outward postcode, a public building's postcode, crime and log references, incident "
        "dates and vehicle registrations."
    )

    def check(self, post, pack):
        items = []
        if post.phones or post.emails:
            # Numbers and mailboxes published for the public (a service, an incident room, a
            # role mailbox, a public body's domain) are not a private person's.
            cw = contact_words(pack)
            text = post.text
            items += [
                (c.start, c.end, c.kind)
                for c in post.phones
                if phone_is_personal(text, c, post.sentence_at(c.start)[0], cw)
            ]
            items += [
                (c.start, c.end, c.kind) for c in post.emails if email_is_personal(text, c, cw)
            ]
        items += [
            (i.start, i.end, i.kind)
            for i in post.identifiers
            if not (
                (i.kind == "postcode" and not postcode_is_home(post.text, i, _home_words(pack)))
                or (i.kind == "address" and address_is_public(post.text, i, _home_words(pack)))
            )
        ]
        items.sort()
        findings = []
        last_end = -1
        for start, end, kind in items:
            if start < last_end:  # one piece of evidence, one finding
                continue
            last_end = end
            message = _MESSAGES[kind] + _ADVICE.get(kind, " Remove it.")
            findings.append(self.finding(post, message, (start, end)))
        return findings

"""Phone numbers and e-mail addresses that are not the force's own (4.12, 5.3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluelamp.engine.rules.detectors.fastre import fast_compile
from bluelamp.engine.rules.detectors.people import FIRST_NAMES
from bluelamp.engine.rules.detectors.text import ascii_digits, per_pack, phrase_alternation

# A run of digits with the separators people type; checked and classified below.
PHONE_CANDIDATE = fast_compile(
    r"(?<![\w/£$€.,:#-])(?:\+|00)?\(?\d[\d\s().\-]{6,20}\d(?![\w/%£]|[.,]\d)"
)
# A candidate is all digits, spaces, brackets, dots and hyphens (after a "+"), and only one
# with nine digits or more can be a number: without nine digits so separated, none is.
# (Written out: a counted repeat of a group is several times slower in Python's engine.)
_NINE_DIGITS = fast_compile(r"\d" + r"[\s().\-]*\d" * 8)
EMAIL_RE = fast_compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)
OBFUSCATED_EMAIL_RE = fast_compile(
    r"\b[\w.+-]+\s*(?:\[at\]|\(at\)|\{at\}| at )\s*[\w-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\})\s*[\w-]+)+",
    re.IGNORECASE,
)
# UK numbers that belong to organisations, not to private individuals (Ofcom's National
# Telephone Numbering Plan): freephone and non-geographic ranges (080, 0500, 084, 087, 03, 09)
# and the 116 helplines.
_ORGANISATION_PREFIXES = ("080", "0500", "084", "087", "03", "09", "0116", "116")


@dataclass(frozen=True, slots=True)
class Contact:
    start: int
    end: int
    kind: str  # "mobile", "landline", "international", "email"
    value: str


def _national(digits: str, raw: str) -> str | None:
    """The UK national form (leading 0) of a number, or None if it is not a UK number."""
    if raw.lstrip("(").startswith("+"):
        if digits.startswith("440") and len(digits) == 13:  # +44 (0)7700 …: the 0 written too
            return digits[2:]
        return "0" + digits[2:] if digits.startswith("44") else None
    if digits.startswith("0044"):
        return "0" + digits[4:]
    if digits.startswith("00"):
        return None
    if digits.startswith("440") and len(digits) == 13:  # 44 (0)121...
        return digits[2:]
    if digits.startswith("44") and len(digits) == 12:
        return "0" + digits[2:]
    return digits if digits.startswith("0") else ""


def find_phones(text: str, public_digits: frozenset[str]) -> list[Contact]:
    found: list[Contact] = []
    if ascii_digits(text) < 8:
        return found  # no phone number has fewer digits
    if _NINE_DIGITS.search(text) is None:
        return found
    for m in PHONE_CANDIDATE.finditer(text):
        raw = m.group(0).rstrip(" -.(").strip()
        if raw.count("(") != raw.count(")") and raw.startswith("("):
            raw = raw[1:]
        digits = re.sub(r"\D", "", raw)
        if len(digits) < 9 or digits in public_digits:
            continue
        national = _national(digits, raw)
        start = m.start() + m.group(0).index(raw[0])
        end = start + len(raw)
        if national is None:
            if 8 <= len(digits) <= 15 and _possible_international(raw):
                found.append(Contact(start, end, "international", raw))
            continue
        if not national or national in public_digits or not 10 <= len(national) <= 11:
            continue
        if national.startswith(_ORGANISATION_PREFIXES):
            continue
        if national.startswith("07") and len(national) == 11:
            found.append(Contact(start, end, "mobile", raw))
        elif national[:2] in ("01", "02") and _possible_uk(national):
            found.append(Contact(start, end, "landline", raw))
    return found


def _possible_uk(national: str) -> bool:
    import phonenumbers  # imported on first use: most posts have no number at all

    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(national, "GB"))
    except phonenumbers.NumberParseException:
        return False


def _possible_international(raw: str) -> bool:
    import phonenumbers

    try:
        number = phonenumbers.parse(raw if raw.startswith("+") else "+" + raw.lstrip("0"), None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def find_emails(text: str, allowed_domains: tuple[str, ...]) -> list[Contact]:
    found = []
    if "@" in text:
        for m in EMAIL_RE.finditer(text):
            domain = m.group(1).lower().rstrip(".")
            if any(domain == d or domain.endswith("." + d) for d in allowed_domains):
                continue
            end = m.end()
            while text[end - 1] in ".-":
                end -= 1
            found.append(Contact(m.start(), end, "email", text[m.start() : end]))
    lowered = text.lower()
    if "at" in lowered and ("dot" in lowered or "[at]" in lowered or "(at)" in lowered):
        for m in OBFUSCATED_EMAIL_RE.finditer(text):
            if " at " in m.group(0) and not re.search(r"\[dot\]|\(dot\)|\{dot\}", m.group(0)):
                continue
            found.append(Contact(m.start(), m.end(), "email", m.group(0)))
    return found


# --- Personal or published for the public --------------------------------------------------
#
# A number or mailbox is personal data when it is a private person's (a mobile, a number tied
# to someone, a personal mailbox), and not when it is published for the public to reach a
# service, an organisation or an investigation (an incident room, a helpline, police.uk,
# gov.uk and nhs.uk mailboxes, a role mailbox such as enquiries@). What decides is who the
# post gives it for: the addressee of "call ... on", the owner in "her mobile is", a case
# reference after it. The words are the policy pack's ([lexicons.contacts]).


@dataclass(frozen=True, slots=True)
class ContactWords:
    verb: re.Pattern[str]
    organisation: re.Pattern[str]
    personal: re.Pattern[str]
    officer: re.Pattern[str]
    possession: re.Pattern[str]
    reference: re.Pattern[str]
    appeal: re.Pattern[str]
    public_domains: tuple[str, ...]
    role_mailboxes: frozenset[str]
    organisation_mailbox: tuple[str, ...]


def _alternation(words) -> str:
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[\s\-]+") for w in alts) or "(?!)"


@per_pack
def contact_words(pack) -> ContactWords:
    def words(key, flags=re.IGNORECASE):
        body = _alternation(pack.lexicon(f"contacts.{key}"))
        return re.compile(rf"(?<![\w@#])(?:{body})(?![\w@])", flags)

    phone = _alternation(pack.lexicon("contacts.phone_words"))
    possession = re.compile(
        rf"(?:\b(?:my|his|her|their|your)|\b[A-Za-z]+['’]s|\bnumber for (?:me|him|her))\s+"
        rf"(?:(?:own|new|personal|private|work|home|direct|best|mobile)\s+)*(?:{phone})\b"
        rf"|\b(?:{phone})\s+(?:for|of)\s+(?:me|him|her|the (?:owner|victim|family))\b",
        re.IGNORECASE,
    )
    return ContactWords(
        verb=words("contact_verbs"),
        organisation=words("organisation_contacts"),
        personal=words("personal_contacts"),
        officer=words("officer_contacts", 0),
        possession=possession,
        reference=words("case_reference_cues"),
        appeal=words("appeal_cues"),
        public_domains=tuple(d.lower() for d in pack.lexicon("contacts.public_service_domains")),
        role_mailboxes=frozenset(m.lower() for m in pack.lexicon("contacts.role_mailboxes")),
        organisation_mailbox=tuple(
            w.lower() for w in pack.lexicon("contacts.organisation_mailbox_words")
        ),
    )


_NUMBER_RUN = re.compile(r"\d{3,}")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def phone_is_personal(text: str, contact: Contact, sentence_start: int, cw: ContactWords) -> bool:
    """Whether a number found in the post is a private person's rather than one published for
    the public. A mobile (or a foreign number) is personal unless given for an organisation or
    with a case reference; a landline is published unless tied to a person."""
    start = max(sentence_start, contact.start - 90)
    left = text[start : contact.start]
    cut = 0
    for earlier in _NUMBER_RUN.finditer(left):  # "... 101 or 07xxx": what follows the last one
        cut = earlier.end()
    left = left[cut:]
    right = text[contact.end : contact.end + 40]
    if cw.possession.search(left[-60:]):
        return True  # "her mobile is", "the owner's number is", "my number"
    verbs = list(cw.verb.finditer(left))
    addressee = left[verbs[-1].end() :] if verbs else left[-30:]
    officer = cw.officer.search(addressee)
    # An organisation's name may hold a personal word ("Victim Support", "the care home"):
    # only what is left outside organisation names can tie the number to a person.
    personal_part = cw.organisation.sub(" ", addressee)
    if cw.personal.search(personal_part) or (not officer and _given_name(personal_part)):
        return True
    if contact.kind == "landline":
        return False  # a landline given for an appeal or a service, or an officer's desk
    if officer:
        return True  # an officer's own mobile is their personal data
    return not (
        cw.organisation.search(addressee)
        or cw.reference.search(right)
        or cw.appeal.search(text, max(sentence_start, contact.start - 120), contact.start)
    )


def _given_name(addressee: str) -> bool:
    """ "Ring Bob on ...": a given name (not after a rank) as the addressee."""
    return any(m.group(0) in FIRST_NAMES for m in _CAPITALISED.finditer(addressee))


def email_is_personal(text: str, contact: Contact, cw: ContactWords) -> bool:
    """A mailbox is a private person's unless it is on a public body's domain, is a role
    mailbox (enquiries@, info@), or carries the name of an account the post names."""
    value = contact.value
    if "@" not in value:
        return True  # an obfuscated address is typed to dodge filters: someone's own
    left = text[max(0, contact.start - 60) : contact.start]
    verbs = list(cw.verb.finditer(left))
    addressee = left[verbs[-1].end() :] if verbs else ""
    if cw.personal.search(addressee) or cw.possession.search(left[-40:]):
        return True  # "email me at", "her email is"
    if cw.organisation.search(addressee):
        return False  # "email us at", "contact the team at"
    local, _, domain = value.lower().rpartition("@")
    domain = domain.rstrip(".")
    if any(domain == d or domain.endswith("." + d) for d in cw.public_domains):
        return False
    parts = [p for p in re.split(r"[._+\-\d]+", local) if p]
    if local in cw.role_mailboxes or (parts and parts[0] in cw.role_mailboxes):
        return False
    if any(
        p == w or (len(p) > len(w) and p.endswith(w))
        for p in parts
        for w in cw.organisation_mailbox
    ):
        return False  # "walsallwatch@", "cadets.group@": a scheme's or a club's mailbox
    handles = {h.lower() for h in re.findall(r"(?<![\w.])@(\w{2,})", text)}
    if local in handles:
        return False
    return not _organisation_named(text, local, domain)


def _organisation_named(text: str, local: str, domain: str) -> bool:
    """The post names the organisation whose domain the mailbox is on ("Samaritans … on
    jo@samaritans.org"): its mailbox, published for the public. Not a domain that could be a
    person's own (a given name, a name in the mailbox itself, "jones.me" beside "Dave Jones")."""
    from bluelamp.engine.rules.detectors.people import FIRST_NAMES  # people imports us

    label = domain.split(".", 1)[0]
    if len(label) < 5 or label in local or label.capitalize() in FIRST_NAMES:
        return False
    # The name as written: one to three capitalised words ("Samaritans", "Mindline Trust"),
    # not after a given name (a person's surname).
    words = list(_ORGANISATION_WORD.finditer(text))
    for i, first in enumerate(words):
        if i and words[i - 1].group(1) in FIRST_NAMES and words[i - 1].end() + 1 >= first.start():
            continue
        joined, end = "", first.start()
        for word in words[i : i + 3]:
            if word.start() > end + 1:
                break  # not the next word
            joined, end = joined + word.group(1).lower(), word.end()
            if joined == label:
                return True
            if not label.startswith(joined):
                break
    return False


_ORGANISATION_WORD = re.compile(r"(?<![\w@.])([A-Z][a-z]+)(?:['’]s)?(?![\w@])")


def lexicon_re(words, flags=re.IGNORECASE, inflect: bool = True) -> re.Pattern[str]:
    """Whole words or phrases of a lexicon (longest first), with plurals ("-s", "-es") and
    possessives ("'s", "s'") understood unless ``inflect`` is false (a list of pronouns and
    forms already inflected): a lexicon lists singular forms. A space or hyphen in an entry
    matches any spacing or hyphen."""
    body = phrase_alternation(words, hyphen=r"[\s\-]?")
    suffix = r"(?:e?s)?(?:['’]s?)?" if inflect else ""
    return re.compile(rf"(?<![\w@#])(?:{body or '(?!)'}){suffix}(?!\w)", flags)

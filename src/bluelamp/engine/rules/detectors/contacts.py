"""Phone numbers and e-mail addresses that are not the force's own (4.12, 5.3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluelamp.engine.rules.detectors.fastre import fast_compile

# A run of digits with the separators people type; checked and classified below.
PHONE_CANDIDATE = fast_compile(
    r"(?<![\w/£$€.,:#-])(?:\+|00)?\(?\d[\d\s().\-]{6,20}\d(?![\w/%£]|[.,]\d)"
)
EMAIL_RE = fast_compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)
OBFUSCATED_EMAIL_RE = fast_compile(
    r"\b[\w.+-]+\s*(?:\[at\]|\(at\)|\{at\}| at )\s*[\w-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\})\s*[\w-]+)+",
    re.IGNORECASE,
)
# UK numbers that belong to organisations, not to private individuals: freephone and
# non-geographic ranges (080, 084, 087, 03) and the 116 helplines.
_ORGANISATION_PREFIXES = ("080", "084", "087", "03", "0116", "116")


@dataclass(frozen=True, slots=True)
class Contact:
    start: int
    end: int
    kind: str  # "mobile", "landline", "international", "email"
    value: str


def _national(digits: str, raw: str) -> str | None:
    """The UK national form (leading 0) of a number, or None if it is not a UK number."""
    if raw.lstrip("(").startswith("+"):
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


_DIGITS = "0123456789"


def find_phones(text: str, public_digits: frozenset[str]) -> list[Contact]:
    found: list[Contact] = []
    if sum(map(text.count, _DIGITS)) < 8:  # faster than str.translate with a table
        return found  # no phone number has fewer digits
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

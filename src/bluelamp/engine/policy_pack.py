"""A force's policy as data: loaded from TOML and validated, so another force can adopt Bluelamp
by writing its own pack without touching code.

The engine never reads the clock: ``review_notice`` and ``PolicyPack.review_overdue`` take
``today`` from the caller. The keys of a pack, and the errors a bad one gets, are described in
docs/policy-packs.md.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKS_DIR = Path(__file__).resolve().parent.parent / "policy_packs"
DEFAULT_PACK = PACKS_DIR / "wmp-cc01-v2.1.toml"
ENFORCEMENT_KINDS = ("rule", "workflow", "record", "guidance")
CLAUSE_KEYS = ("id", "title", "summary", "enforcement", "how", "rules", "artefacts")
#: What an artefact names, by its prefix: a content rule id, a workflow table (a module in
#: engine/workflows), a page or endpoint (a Django URL name, with its namespace), the words of a
#: ``bluelamp`` subcommand, or a record (a Django model as app_label.ModelName).
ARTEFACT_KINDS = ("rule", "workflow", "url", "command", "model")
_ARTEFACT_VALUE = {
    "rule": re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"),
    "workflow": re.compile(r"^[a-z_][a-z0-9_]*$"),
    "url": re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(?::[A-Za-z_][A-Za-z0-9_-]*)*$"),
    "command": re.compile(r"^[a-z][a-z0-9_-]*(?: [a-z][a-z0-9_-]*)*$"),
    "model": re.compile(r"^[a-z_][a-z0-9_]*\.[A-Z][A-Za-z0-9]*$"),
}
_ARTEFACT_EXAMPLES = {
    "rule": "rule:personal-data",
    "workflow": "workflow:applications",
    "url": "url:social_accounts:account_health",
    "command": "command:audit verify",
    "model": "model:social_accounts.Account",
}
_CLAUSE_ID = re.compile(r"^\d+\.\d+$")
_RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    list: "a list",
    dict: "a table",
    bool: "true or false",
    float: "a number",
}


#: The largest upload, in megapixels, when a pack's [thresholds] does not say: every platform
#: Bluelamp publishes to scales an image down to a few megapixels, so a larger one gains nothing.
DEFAULT_MAX_IMAGE_MEGAPIXELS = 40


class PackError(ValueError):
    """The pack file is invalid; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    title: str
    summary: str
    enforcement: tuple[str, ...]
    how: str
    rules: tuple[str, ...] = ()
    #: What carries the clause, each "<kind>:<name>" (ARTEFACT_KINDS): the pack's ``artefacts``
    #: followed by ``rule:<id>`` for each of ``rules`` the pack did not list itself.
    artefacts: tuple[str, ...] = ()

    @property
    def number(self) -> tuple[int, int]:
        """The clause number as a sortable pair: "4.12" -> (4, 12)."""
        return clause_number(self.id)


@dataclass(frozen=True, slots=True)
class PolicyPack:
    id: str
    force: str
    policy: str
    version: str
    effective: dt.date
    review_date: dt.date
    web_domains: tuple[str, ...]
    mail_domains: tuple[str, ...]
    flickr_paths: tuple[str, ...]
    public_phone_numbers: tuple[str, ...]
    main_handles: tuple[str, ...]
    parties: tuple[str, ...]
    politicians: tuple[str, ...]
    elected_offices: tuple[str, ...]
    contested_policies: tuple[str, ...]
    partisan_slogans: tuple[str, ...]
    rude_place_names: tuple[str, ...]
    extra_profanity: tuple[str, ...]
    thresholds: dict[str, int]
    clauses: tuple[Clause, ...]
    source: str = ""
    _public_digits: frozenset[str] = field(default=frozenset(), repr=False)
    #: The policy's short reference ("CC/01"), from [pack] reference or the policy's first word.
    reference: str = ""
    #: [accounts] allowed_apps: third-party apps that may be connected to an account (3.14, 5.8).
    allowed_apps: tuple[str, ...] = ()
    #: [accounts] required_apps: apps CCD connects that must not be removed (3.13); each is
    #: also allowed.
    required_apps: tuple[str, ...] = ()
    #: [accounts] disclaimer: the agreed bio wording (4.15), shown to account owners.
    disclaimer: str = ""
    #: [accounts] disclaimer_markers: a bio shows the disclaimer when it contains all of these
    #: (case ignored); empty means the disclaimer text itself must appear.
    disclaimer_markers: tuple[str, ...] = ()
    #: [accounts] ccd_mailbox: the communications department's mailbox (3.4), told of
    #: applications and account changes; empty means its members are e-mailed one by one.
    ccd_mailbox: str = ""
    #: [data_requests] extra_bank_holidays: one-off bank holidays (a coronation, a jubilee, a
    #: state funeral) announced after the ``holidays`` package was released; the statutory
    #: clocks of removal requests skip them like any other bank holiday (spec/deadlines.md).
    extra_bank_holidays: tuple[dt.date, ...] = ()
    #: [data_requests] letter_sender: who signs the letters to requesters.
    letter_sender: str = ""
    #: [data_requests] ico_contact: how to complain to the Information Commissioner, as the
    #: refusal letter gives it.
    ico_contact: str = ""
    #: [lexicons.<family>] word lists the content rules read (offences, offices, public
    #: services...), keyed "family.name": the concepts behind the rules are the force's data,
    #: not code.
    lexicons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: [acknowledgement] required_for: what needs the current version acknowledged first
    #: ("applications", "roster"); empty: people are only reminded.
    acknowledgement_required_for: tuple[str, ...] = ()
    #: [acknowledgement] training_required: recorded social media training is needed too.
    training_required: bool = False
    #: [acknowledgement] training_valid_months: how long training counts for (0: always).
    training_valid_months: int = 0

    def lexicon(self, key: str) -> tuple[str, ...]:
        """The word list at ``family.name`` (empty when the pack has none)."""
        return self.lexicons.get(key, ())

    @property
    def public_digits(self) -> frozenset[str]:
        """The public numbers as bare digits, for comparison with numbers found in text."""
        return self._public_digits

    @property
    def max_image_pixels(self) -> int:
        """[thresholds] max_image_megapixels in pixels (40 megapixels when the pack says
        nothing): the largest image an upload may be."""
        return self.thresholds.get("max_image_megapixels", DEFAULT_MAX_IMAGE_MEGAPIXELS) * 1_000_000

    def review_overdue(self, today: dt.date) -> bool:
        return today > self.review_date

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)


#: Optional [thresholds] keys that, when given, must be greater than zero: the hours within which
#: a lost device's accounts must be secured (5.5, 5.6), and the days an administrator has to
#: rotate a password once a task is set (5.7, 5.9), and the hours within which an ended appeal's
#: posts must come down (4.11).
POSITIVE_OPTIONAL_THRESHOLDS = (
    "lost_device_secure_hours",
    "rotation_task_days",
    "appeal_removal_hours",
)


def clause_number(clause_id: str) -> tuple[int, int]:
    """ "4.12" -> (4, 12), so that 4.2 sorts before 4.10."""
    section, _, number = clause_id.partition(".")
    return int(section), int(number)


# --- Review date ----------------------------------------------------------------------------


def _overdue_by(due: dt.date, today: dt.date) -> str:
    """How long after ``due`` ``today`` is, in whole years, else months, else days."""
    months = (today.year - due.year) * 12 + today.month - due.month
    if today.day < due.day:
        months -= 1
    if months >= 12:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    if months >= 1:
        return f"{months} month{'s' if months != 1 else ''}"
    days = (today - due).days
    return f"{days} day{'s' if days != 1 else ''}"


def review_notice(pack: PolicyPack, today: dt.date) -> str | None:
    """The warning to print when the policy's review date has passed, else None.

    ``today`` comes from the caller (the CLI reads the clock; the engine never does).
    """
    if not pack.review_overdue(today):
        return None
    due = pack.review_date
    name = pack.reference or pack.policy
    return (
        f"{name} v{pack.version} was due for review on {due.day} {due:%B %Y}; "
        f"it is {_overdue_by(due, today)} overdue — confirm with the policy owner that it is "
        "still current."
    )


# --- Reading values -------------------------------------------------------------------------


def _type_name(kind: type) -> str:
    return _TYPE_NAMES.get(kind, kind.__name__)


def _at(where: str) -> str:
    """Where in the file, as messages show it: "[pack]", "[clauses[3]] (clause 3.4)"."""
    return where if where.startswith("[") else f"[{where}]"


def _req(table: dict[str, Any], key: str, kind: type, where: str, src: str) -> Any:
    if key not in table:
        raise PackError(f"{src}: {_at(where)} is missing the key {key!r}")
    value = table[key]
    wrong_bool = isinstance(value, bool) and kind is not bool and kind is not object
    if not isinstance(value, kind) or wrong_bool:
        hint = ""
        if kind is str and key == "id" and isinstance(value, float):
            hint = ' (put the clause number in quotes, like "4.12": as a number 4.10 reads as 4.1)'
        raise PackError(
            f"{src}: {_at(where)} {key} must be {_type_name(kind)}, got "
            f"{_type_name(type(value))}{hint}"
        )
    return value


def _text(table: dict[str, Any], key: str, where: str, src: str) -> str:
    """A required non-empty one-line string, stripped."""
    value = _req(table, key, str, where, src).strip()
    if not value:
        raise PackError(f"{src}: {_at(where)} {key} must not be empty")
    if "\n" in value:
        raise PackError(f"{src}: {_at(where)} {key} must be one line")
    return value


def _strs(table: dict[str, Any], key: str, where: str, src: str, required: bool = True) -> tuple:
    if key not in table and not required:
        return ()
    value = _req(table, key, list, where, src)
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise PackError(f"{src}: {_at(where)} {key}[{i}] must be a non-empty string")
    return tuple(v.strip() for v in value)


def _date(table: dict[str, Any], key: str, where: str, src: str) -> dt.date:
    value = _req(table, key, object, where, src)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    hint = " (write it without quotes)" if isinstance(value, str) else ""
    raise PackError(f"{src}: {_at(where)} {key} must be a date (YYYY-MM-DD), got {value!r}{hint}")


def _table(data: dict[str, Any], key: str, src: str, required: bool = True) -> dict[str, Any]:
    if key not in data:
        if not required:
            return {}
        raise PackError(f"{src}: the table [{key}] is missing")
    value = data[key]
    if not isinstance(value, dict):
        raise PackError(f"{src}: [{key}] must be a table, got {_type_name(type(value))}")
    return value


# --- Clauses --------------------------------------------------------------------------------


def _clause(c: Any, i: int, src: str) -> Clause:
    where = f"clauses[{i}]"
    if not isinstance(c, dict):
        raise PackError(f"{src}: {_at(where)} must be a table, got {_type_name(type(c))}")
    cid = _req(c, "id", str, where, src).strip()
    if not _CLAUSE_ID.match(cid):
        raise PackError(f"{src}: {_at(where)} id {cid!r} is not a clause number like 4.12")
    where = f"[{where}] (clause {cid})"
    unknown = sorted(set(c) - set(CLAUSE_KEYS))
    if unknown:
        raise PackError(
            f"{src}: {where} has an unknown key {unknown[0]!r}; "
            f"the keys are {', '.join(CLAUSE_KEYS)}"
        )
    enforcement = c.get("enforcement")
    if isinstance(enforcement, str):
        enforcement = [enforcement]
    if not isinstance(enforcement, list) or not enforcement:
        raise PackError(
            f"{src}: {where} enforcement is required: a list of {', '.join(ENFORCEMENT_KINDS)}"
        )
    for j, e in enumerate(enforcement):
        if e not in ENFORCEMENT_KINDS:
            raise PackError(
                f"{src}: {where} enforcement[{j}] {e!r} is not one of "
                f"{', '.join(ENFORCEMENT_KINDS)}"
            )
        if e in enforcement[:j]:
            raise PackError(f"{src}: {where} enforcement lists {e!r} twice")
    rules = _strs(c, "rules", where, src, required=False)
    for j, rule_id in enumerate(rules):
        if not _RULE_ID.match(rule_id):
            raise PackError(
                f"{src}: {where} rules[{j}] {rule_id!r} is not a rule id "
                "(lower case words joined by hyphens, like personal-data)"
            )
        if rule_id in rules[:j]:
            raise PackError(f"{src}: {where} rules lists {rule_id!r} twice")
    if "rule" in enforcement and not rules:
        raise PackError(
            f"{src}: {where} enforcement includes 'rule' but rules is empty: "
            "name the rule ids that enforce it"
        )
    if rules and "rule" not in enforcement:
        raise PackError(f"{src}: {where} names rules but its enforcement does not include 'rule'")
    artefacts = _artefacts(c, rules, where, src)
    return Clause(
        id=cid,
        title=_text(c, "title", where, src),
        summary=_text(c, "summary", where, src),
        enforcement=tuple(enforcement),
        how=_text(c, "how", where, src),
        rules=rules,
        artefacts=artefacts,
    )


def split_artefact(artefact: str) -> tuple[str, str]:
    """ "url:core:home" -> ("url", "core:home")."""
    kind, _, name = artefact.partition(":")
    return kind, name


def _artefacts(c: dict[str, Any], rules: tuple[str, ...], where: str, src: str) -> tuple:
    """The clause's artefacts, checked for form (whether each exists is checked by the web
    application's tests, which can see URLs and models), with its rules added as rule:<id>."""
    declared = _strs(c, "artefacts", where, src, required=False)
    for j, artefact in enumerate(declared):
        kind, name = split_artefact(artefact)
        if kind not in ARTEFACT_KINDS:
            raise PackError(
                f"{src}: {where} artefacts[{j}] {artefact!r} must start with one of "
                f"{', '.join(k + ':' for k in ARTEFACT_KINDS)}"
            )
        if not _ARTEFACT_VALUE[kind].match(name):
            raise PackError(
                f"{src}: {where} artefacts[{j}] {artefact!r} is not a {kind} name "
                f"(like {_ARTEFACT_EXAMPLES[kind]})"
            )
        if kind == "rule" and name not in rules:
            raise PackError(
                f"{src}: {where} artefacts[{j}] {artefact!r} names a rule the clause's rules "
                "do not list: add it to rules (rules are artefacts already)"
            )
        if artefact in declared[:j]:
            raise PackError(f"{src}: {where} artefacts lists {artefact!r} twice")
    return declared + tuple(f"rule:{r}" for r in rules if f"rule:{r}" not in declared)


def _clauses(data: dict[str, Any], src: str) -> tuple[Clause, ...]:
    raw = data.get("clauses")
    if raw is None or raw == []:
        raise PackError(f"{src}: the pack has no [[clauses]]")
    if not isinstance(raw, list):
        raise PackError(
            f"{src}: clauses must be an array of tables, each written [[clauses]], "
            f"got {_type_name(type(raw))}"
        )
    clauses: list[Clause] = []
    seen: dict[str, int] = {}
    for i, c in enumerate(raw):
        clause = _clause(c, i, src)
        if clause.id in seen:
            raise PackError(
                f"{src}: [clauses[{i}]] clause {clause.id} appears twice "
                f"(first at clauses[{seen[clause.id]}])"
            )
        if clauses and clause.number < clauses[-1].number:
            raise PackError(
                f"{src}: [clauses[{i}]] clause {clause.id} comes after {clauses[-1].id}; "
                "list clauses in number order"
            )
        seen[clause.id] = i
        clauses.append(clause)
    return tuple(clauses)


def validate_against_rules(pack: PolicyPack, rule_ids: Iterable[str]) -> list[str]:
    """Problems between the pack's clauses and the engine's rules, as messages; [] when none.

    A clause naming a rule the engine does not have, and a rule no clause names, are both
    problems: every rule must answer to a clause of the policy, and every clause's rules exist.
    """
    known = list(dict.fromkeys(rule_ids))
    known_set = set(known)
    src = pack.source or "<pack>"
    problems = []
    covered: set[str] = set()
    for i, clause in enumerate(pack.clauses):
        for j, rule_id in enumerate(clause.rules):
            covered.add(rule_id)
            if rule_id not in known_set:
                problems.append(
                    f"{src}: [clauses[{i}]] (clause {clause.id}) rules[{j}] {rule_id!r} "
                    "is not a rule Bluelamp has"
                )
    for rule_id in known:
        if rule_id not in covered:
            problems.append(
                f"{src}: rule {rule_id!r} is not named in any clause's rules; "
                "add it to the clause it enforces"
            )
    return problems


# --- The pack -------------------------------------------------------------------------------


def _dates(table: dict[str, Any], key: str, where: str, src: str) -> tuple[dt.date, ...]:
    """An optional list of dates (TOML dates, unquoted), sorted, without repeats."""
    if key not in table:
        return ()
    if isinstance(table[key], dt.date):
        raise PackError(
            f"{src}: {_at(where)} {key} must be a list, got a date (write it as [YYYY-MM-DD])"
        )
    value = _req(table, key, list, where, src)
    days: list[dt.date] = []
    for i, item in enumerate(value):
        if isinstance(item, dt.datetime):
            item = item.date()
        if not isinstance(item, dt.date):
            hint = " (write it without quotes)" if isinstance(item, str) else ""
            raise PackError(
                f"{src}: {_at(where)} {key}[{i}] must be a date (YYYY-MM-DD), got {item!r}{hint}"
            )
        days.append(item)
    return tuple(sorted(set(days)))


def _optional_text(table: dict[str, Any], key: str, where: str, src: str) -> str:
    return _text(table, key, where, src) if key in table else ""


def _reference(meta: dict[str, Any], policy: str, src: str) -> str:
    if "reference" in meta:
        return _text(meta, "reference", "pack", src)
    first = policy.split()[0] if policy.split() else policy
    return first if any(ch.isdigit() for ch in first) else policy


def _lexicons(data: dict[str, Any], src: str) -> dict[str, tuple[str, ...]]:
    """[lexicons.<family>] tables of word lists, flattened to "family.name"."""
    table = _table(data, "lexicons", src, required=False)
    out: dict[str, tuple[str, ...]] = {}
    for family, lists in table.items():
        if not isinstance(lists, dict):
            raise PackError(f"{src}: [lexicons] {family} must be a table of word lists")
        for name in lists:
            out[f"{family}.{name}"] = _strs(lists, name, f"lexicons.{family}", src)
    return out


ACKNOWLEDGEMENT_GATES = ("applications", "roster")


def _acknowledgement(data: dict[str, Any], src: str) -> dict[str, Any]:
    """[acknowledgement]: what needs the pack acknowledged (and training) first."""
    table = _table(data, "acknowledgement", src, required=False)
    gates = _strs(table, "required_for", "acknowledgement", src, required=False)
    for i, gate in enumerate(gates):
        if gate not in ACKNOWLEDGEMENT_GATES:
            raise PackError(
                f"{src}: [acknowledgement] required_for[{i}] {gate!r} is not one of "
                + ", ".join(ACKNOWLEDGEMENT_GATES)
            )
    training = table.get("training_required", False)
    if not isinstance(training, bool):
        raise PackError(f"{src}: [acknowledgement] training_required must be true or false")
    months = table.get("training_valid_months", 0)
    if not isinstance(months, int) or isinstance(months, bool) or months < 0:
        raise PackError(
            f"{src}: [acknowledgement] training_valid_months must be a whole number, 0 or more"
        )
    return {
        "acknowledgement_required_for": gates,
        "training_required": training,
        "training_valid_months": months,
    }


def parse_pack(
    data: dict[str, Any],
    source: str = "<pack>",
    known_rules: Iterable[str] | None = None,
) -> PolicyPack:
    """Validate a pack's parsed TOML and build a PolicyPack; raises PackError saying where.

    With ``known_rules`` (the engine's rule ids), also check the clauses against them
    (``validate_against_rules``) and raise on the first problem.
    """
    if not isinstance(data, dict):
        raise PackError(f"{source}: a pack is a TOML document of tables")
    meta = _table(data, "pack", source)
    domains = _table(data, "domains", source)
    phones = _table(data, "phones", source)
    accounts = _table(data, "accounts", source)
    politics = _table(data, "politics", source)
    language = _table(data, "language", source, required=False)
    requests = _table(data, "data_requests", source, required=False)
    thresholds_in = _table(data, "thresholds", source)
    thresholds: dict[str, int] = {}
    for key in ("dormancy_days", "password_rotation_days", "requester_retention_years"):
        value = _req(thresholds_in, key, int, "thresholds", source)
        if value <= 0:
            raise PackError(f"{source}: [thresholds] {key} must be positive, got {value}")
        thresholds[key] = value
    for key, value in thresholds_in.items():
        if key not in thresholds:
            if not isinstance(value, int) or isinstance(value, bool):
                raise PackError(f"{source}: [thresholds] {key} must be an integer")
            if key in POSITIVE_OPTIONAL_THRESHOLDS and value <= 0:
                raise PackError(f"{source}: [thresholds] {key} must be positive, got {value}")
            if key == "max_image_megapixels" and not 0 < value <= 89:
                raise PackError(
                    f"{source}: [thresholds] max_image_megapixels must be from 1 to 89, got {value}"
                )
            thresholds[key] = value

    pack_id = _text(meta, "id", "pack", source)
    force = _text(meta, "force", "pack", source)
    policy = _text(meta, "policy", "pack", source)
    version = _text(meta, "version", "pack", source)
    effective = _date(meta, "effective", "pack", source)
    review = _date(meta, "review_date", "pack", source)
    if review < effective:
        raise PackError(
            f"{source}: [pack] review_date {review.isoformat()} is before effective "
            f"{effective.isoformat()}"
        )
    reference = _reference(meta, policy, source)
    clauses = _clauses(data, source)
    allowed_apps = _strs(accounts, "allowed_apps", "accounts", source, required=False)
    required_apps = _strs(accounts, "required_apps", "accounts", source, required=False)
    allowed_folded = {app.casefold() for app in allowed_apps}
    for i, app in enumerate(required_apps):
        if app.casefold() not in allowed_folded:
            raise PackError(
                f"{source}: [accounts] required_apps[{i}] {app!r} is not in allowed_apps; "
                "a required app must also be allowed"
            )
    disclaimer = (
        _text(accounts, "disclaimer", "accounts", source) if "disclaimer" in accounts else ""
    )
    disclaimer_markers = _strs(accounts, "disclaimer_markers", "accounts", source, False)
    ccd_mailbox = (
        _text(accounts, "ccd_mailbox", "accounts", source) if "ccd_mailbox" in accounts else ""
    )
    if ccd_mailbox and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", ccd_mailbox):
        raise PackError(
            f"{source}: [accounts] ccd_mailbox {ccd_mailbox!r} is not an e-mail address"
        )

    public = _strs(phones, "public", "phones", source)
    web = tuple(d.lower() for d in _strs(domains, "web", "domains", source))
    mail = tuple(d.lower() for d in _strs(domains, "mail", "domains", source))
    flickr = tuple(
        re.sub(r"^(https?://)?(www\.)?", "", d.lower()).rstrip("/")
        for d in _strs(domains, "flickr", "domains", source, required=False)
    )
    pack = PolicyPack(
        id=pack_id,
        force=force,
        policy=policy,
        version=version,
        effective=effective,
        review_date=review,
        web_domains=web,
        mail_domains=mail,
        flickr_paths=flickr,
        public_phone_numbers=public,
        main_handles=_strs(accounts, "main_handles", "accounts", source),
        parties=_strs(politics, "parties", "politics", source),
        politicians=_strs(politics, "politicians", "politics", source, required=False),
        elected_offices=_strs(politics, "elected_offices", "politics", source),
        contested_policies=_strs(politics, "contested_policies", "politics", source, False),
        partisan_slogans=_strs(politics, "partisan_slogans", "politics", source, False),
        rude_place_names=_strs(language, "rude_place_names", "language", source, False),
        extra_profanity=_strs(language, "extra_profanity", "language", source, False),
        thresholds=thresholds,
        clauses=clauses,
        source=source,
        _public_digits=frozenset(re.sub(r"\D", "", n) for n in public),
        reference=reference,
        allowed_apps=allowed_apps,
        required_apps=required_apps,
        disclaimer=disclaimer,
        disclaimer_markers=disclaimer_markers,
        ccd_mailbox=ccd_mailbox,
        extra_bank_holidays=_dates(requests, "extra_bank_holidays", "data_requests", source),
        letter_sender=_optional_text(requests, "letter_sender", "data_requests", source),
        ico_contact=_optional_text(requests, "ico_contact", "data_requests", source),
        lexicons=_lexicons(data, source),
        **_acknowledgement(data, source),
    )
    if known_rules is not None:
        problems = validate_against_rules(pack, known_rules)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise PackError(problems[0] + more)
    return pack


def load_pack(
    path: str | Path | None = None, known_rules: Iterable[str] | None = None
) -> PolicyPack:
    """Load and validate a pack file (default: the CC/01 v2.1 pack shipped with Bluelamp)."""
    path = Path(path) if path is not None else DEFAULT_PACK
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PackError(f"{path}: no such policy pack file") from None
    except IsADirectoryError:
        raise PackError(f"{path}: is a directory, not a policy pack file") from None
    except OSError as exc:
        raise PackError(f"{path}: cannot read the pack: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: not valid TOML: {exc}") from None
    return parse_pack(data, source=str(path), known_rules=known_rules)

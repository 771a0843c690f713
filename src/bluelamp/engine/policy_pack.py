"""A force's policy as data: loaded from TOML and validated, so another force can adopt Bluelamp
by writing its own pack without touching code."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKS_DIR = Path(__file__).resolve().parent.parent / "policy_packs"
DEFAULT_PACK = PACKS_DIR / "wmp-cc01-v2.1.toml"
ENFORCEMENT_KINDS = ("rule", "workflow", "record", "guidance")
_CLAUSE_ID = re.compile(r"^\d+\.\d+$")


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

    @property
    def public_digits(self) -> frozenset[str]:
        """The public numbers as bare digits, for comparison with numbers found in text."""
        return self._public_digits

    def review_overdue(self, today: dt.date) -> bool:
        return today > self.review_date

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)


def _req(table: dict[str, Any], key: str, kind: type, where: str, src: str) -> Any:
    if key not in table:
        raise PackError(f"{src}: [{where}] is missing the key {key!r}")
    value = table[key]
    if not isinstance(value, kind):
        raise PackError(
            f"{src}: [{where}] {key} must be {kind.__name__}, got {type(value).__name__}"
        )
    return value


def _strs(table: dict[str, Any], key: str, where: str, src: str, required: bool = True) -> tuple:
    if key not in table and not required:
        return ()
    value = _req(table, key, list, where, src)
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise PackError(f"{src}: [{where}] {key}[{i}] must be a non-empty string")
    return tuple(v.strip() for v in value)


def _date(table: dict[str, Any], key: str, where: str, src: str) -> dt.date:
    value = _req(table, key, object, where, src)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise PackError(f"{src}: [{where}] {key} must be a date (YYYY-MM-DD), got {value!r}")


def _table(data: dict[str, Any], key: str, src: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise PackError(f"{src}: the table [{key}] is missing")
    return value


def parse_pack(data: dict[str, Any], source: str = "<pack>") -> PolicyPack:
    """Validate a pack's parsed TOML and build a PolicyPack; raises PackError saying where."""
    meta = _table(data, "pack", source)
    domains = _table(data, "domains", source)
    phones = _table(data, "phones", source)
    accounts = _table(data, "accounts", source)
    politics = _table(data, "politics", source)
    language = data.get("language", {})
    thresholds_in = _table(data, "thresholds", source)
    thresholds: dict[str, int] = {}
    for key in ("dormancy_days", "password_rotation_days", "requester_retention_years"):
        value = _req(thresholds_in, key, int, "thresholds", source)
        if value <= 0:
            raise PackError(f"{source}: [thresholds] {key} must be positive, got {value}")
        thresholds[key] = value
    for key, value in thresholds_in.items():
        if key not in thresholds:
            if not isinstance(value, int):
                raise PackError(f"{source}: [thresholds] {key} must be an integer")
            thresholds[key] = value

    raw_clauses = data.get("clauses")
    if not isinstance(raw_clauses, list) or not raw_clauses:
        raise PackError(f"{source}: the pack has no [[clauses]]")
    clauses = []
    seen: set[str] = set()
    for i, c in enumerate(raw_clauses):
        where = f"clauses[{i}]"
        cid = str(_req(c, "id", str, where, source))
        if not _CLAUSE_ID.match(cid):
            raise PackError(f"{source}: [{where}] id {cid!r} is not a clause number like 4.12")
        if cid in seen:
            raise PackError(f"{source}: [{where}] clause {cid} appears twice")
        seen.add(cid)
        enforcement = c.get("enforcement")
        if isinstance(enforcement, str):
            enforcement = [enforcement]
        if not isinstance(enforcement, list) or not enforcement:
            raise PackError(f"{source}: [{where}] (clause {cid}) enforcement is required")
        for e in enforcement:
            if e not in ENFORCEMENT_KINDS:
                raise PackError(
                    f"{source}: [{where}] (clause {cid}) enforcement {e!r} is not one of "
                    f"{', '.join(ENFORCEMENT_KINDS)}"
                )
        clauses.append(
            Clause(
                id=cid,
                title=_req(c, "title", str, where, source),
                summary=_req(c, "summary", str, where, source),
                enforcement=tuple(enforcement),
                how=_req(c, "how", str, where, source),
                rules=_strs(c, "rules", where, source, required=False),
            )
        )
    public = _strs(phones, "public", "phones", source)
    web = tuple(d.lower() for d in _strs(domains, "web", "domains", source))
    mail = tuple(d.lower() for d in _strs(domains, "mail", "domains", source))
    flickr = tuple(
        re.sub(r"^(https?://)?(www\.)?", "", d.lower()).rstrip("/")
        for d in _strs(domains, "flickr", "domains", source, required=False)
    )
    effective = _date(meta, "effective", "pack", source)
    review = _date(meta, "review_date", "pack", source)
    if review < effective:
        raise PackError(f"{source}: [pack] review_date is before effective")
    return PolicyPack(
        id=_req(meta, "id", str, "pack", source),
        force=_req(meta, "force", str, "pack", source),
        policy=_req(meta, "policy", str, "pack", source),
        version=str(_req(meta, "version", str, "pack", source)),
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
        clauses=tuple(clauses),
        source=source,
        _public_digits=frozenset(re.sub(r"\D", "", n) for n in public),
    )


def load_pack(path: str | Path | None = None) -> PolicyPack:
    """Load and validate a pack file (default: the CC/01 v2.1 pack shipped with Bluelamp)."""
    path = Path(path) if path is not None else DEFAULT_PACK
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PackError(f"{path}: no such policy pack file") from None
    except OSError as exc:
        raise PackError(f"{path}: cannot read the pack: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: not valid TOML: {exc}") from None
    return parse_pack(data, source=str(path))

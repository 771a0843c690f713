"""The audit hash chain, as plain functions over plain data (no Django, no database, no clock).

Each event's ``hash`` is HMAC-SHA256, under a key held outside the database (its id is recorded
on the event as ``key_id``), of the canonical JSON of its recorded fields and the previous
event's hash, so changing, removing or adding a row breaks the chain at that row, and nobody
without the key can recompute the hashes after a change. ``verify`` walks the rows in sequence
order and names the first fault and its kind:

- ``edited``: a row's fields no longer give its stored hash (or the last row no longer matches
  the chain head);
- ``deleted``: a sequence number is missing, or rows after the chain head's last one are gone;
- ``inserted``: a row the chain never wrote: beyond the chain head, slipped in with the later
  rows renumbered, or put in place of a deleted row with a hash of its own making (then the
  chain no longer follows from one row to the next);
- ``unverifiable``: a row names a key that is not configured, so it cannot be checked.

Events written before the chain was keyed (version 1, plain sha256) are re-chained by the
migration ``audit.0003_keyed_chain``; ``compute_unkeyed_hash`` is kept for it.

Kept free of Django so it can move into the engine (``engine/audit_chain.py``) unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64
CHAIN_VERSION = 2
UNKEYED_CHAIN_VERSION = 1
MASK = "[masked]"

# The fields a hash covers, in this order of meaning (the JSON itself is key-sorted).
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_text",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "before",
    "after",
    "request_id",
    "prev_hash",
    "key_id",
)
UNKEYED_HASHED_FIELDS = HASHED_FIELDS[:-1]

# A key is secret when one of these appears anywhere in it (case-insensitive) ...
_SECRET_SUBSTRINGS = (
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "api_key",
    "credential",
    "authorization",
    "cookie",
    "private_key",
)
# ... or when one of these is one of its words (snake_case, kebab-case or camelCase).
_SECRET_WORDS = frozenset({"key", "keys", "pwd", "pin", "otp", "salt", "sessionid", "mfa"})
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def is_secret_key(name: str) -> bool:
    """True when a field called ``name`` may hold a secret and must be masked."""
    lowered = name.lower()
    if any(part in lowered for part in _SECRET_SUBSTRINGS):
        return True
    return any(word.lower() in _SECRET_WORDS for word in _WORDS.findall(name))


def mask_secrets(value: Any) -> Any:
    """A copy of ``value`` with the value of every secret-named key replaced by ``[masked]``,
    at any depth of dicts and lists."""
    if isinstance(value, Mapping):
        return {
            str(k): (MASK if is_secret_key(str(k)) else mask_secrets(v)) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [mask_secrets(item) for item in value]
    return value


def format_time(value: dt.datetime) -> str:
    """An aware datetime as UTC ISO 8601 with microseconds, e.g. 2026-01-02T03:04:05.000006Z."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("audit times must be timezone-aware")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text, no NaN: the same bytes for the same data, always."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def hash_payload(fields: Mapping[str, Any], *, version: int = CHAIN_VERSION) -> dict[str, Any]:
    """The dict a row's hash is computed over."""
    payload: dict[str, Any] = {"v": version}
    names = HASHED_FIELDS if version == CHAIN_VERSION else UNKEYED_HASHED_FIELDS
    for name in names:
        value = fields[name]
        if name == "occurred_at" and isinstance(value, dt.datetime):
            value = format_time(value)
        payload[name] = value
    return payload


def compute_hash(fields: Mapping[str, Any], *, key: bytes) -> str:
    """HMAC-SHA256 (hex) under ``key`` over the canonical JSON of the hashed fields,
    ``prev_hash`` and ``key_id`` included."""
    message = canonical_json(hash_payload(fields)).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def compute_unkeyed_hash(fields: Mapping[str, Any]) -> str:
    """The version 1 hash (plain sha256, no key) of an event written before the chain was
    keyed; only the re-chaining migration uses it."""
    payload = hash_payload(fields, version=UNKEYED_CHAIN_VERSION)
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Fault:
    """The first place the chain is broken."""

    # "edited" | "deleted" | "inserted" | "unverifiable" from the chain itself; "triggers",
    # "rewound" and "checkpoint" from the checks around it (audit.selectors).
    kind: str
    sequence: int
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    """What ``verify`` found: how many rows it checked and the first fault, if any."""

    checked: int
    last_sequence: int
    fault: Fault | None
    checkpoints: int = 0

    @property
    def intact(self) -> bool:
        return self.fault is None

    def as_dict(self) -> dict[str, Any]:
        fault = self.fault
        return {
            "intact": self.intact,
            "checked": self.checked,
            "last_sequence": self.last_sequence,
            "checkpoints": self.checkpoints,
            "fault": None
            if fault is None
            else {"kind": fault.kind, "sequence": fault.sequence, "message": fault.message},
        }

    def describe(self) -> str:
        if self.fault is None:
            matched = (
                f" {self.checkpoints} signed checkpoint{'s' if self.checkpoints != 1 else ''} "
                "matched."
                if self.checkpoints
                else " No checkpoint to compare with."
            )
            if self.checked == 0:
                return "Audit chain intact: no events recorded yet." + matched
            return (
                f"Audit chain intact: {self.checked} events checked, "
                f"sequence 1 to {self.last_sequence}." + matched
            )
        return f"Audit chain BROKEN: {self.fault.message}"


def verify(
    rows: Iterable[Mapping[str, Any]],
    head_sequence: int | None,
    head_hash: str | None,
    *,
    keys: Mapping[str, bytes],
) -> Report:
    """Check ``rows`` (in ascending sequence order, each with the HASHED_FIELDS and ``hash``)
    against each other and against the chain head (``None`` when there is no head row), with
    ``keys`` (key id to key) the keys events may be signed with.

    Stops at the first fault, which says which row and whether it was edited, deleted or
    inserted."""
    expected_sequence = 1
    expected_prev = GENESIS_HASH
    checked = 0
    last_hash = GENESIS_HASH
    head_seq = head_sequence if head_sequence is not None else 0

    def report(fault: Fault | None) -> Report:
        return Report(checked=checked, last_sequence=expected_sequence - 1, fault=fault)

    for row in rows:
        sequence = int(row["sequence"])
        if head_sequence is None:
            return report(
                Fault(
                    "deleted",
                    sequence,
                    f"the chain head was deleted, but events are recorded from sequence {sequence}.",
                )
            )
        if sequence > head_seq:
            return report(
                Fault(
                    "inserted",
                    sequence,
                    f"sequence {sequence} was inserted: the chain head records "
                    f"{head_seq} events, so the chain never wrote it.",
                )
            )
        if sequence > expected_sequence:
            missing = (
                f"sequence {expected_sequence}"
                if sequence == expected_sequence + 1
                else f"sequences {expected_sequence} to {sequence - 1}"
            )
            return report(
                Fault(
                    "deleted",
                    expected_sequence,
                    f"{missing} deleted: the chain jumps from {expected_sequence - 1} "
                    f"to {sequence}.",
                )
            )
        key = keys.get(row["key_id"])
        if key is None:
            return report(
                Fault(
                    "unverifiable",
                    sequence,
                    f"sequence {sequence} names the key {row['key_id']!r}, which is not among "
                    "the configured audit keys (BLUELAMP_AUDIT_KEYS): it was written without a "
                    "known key, or a key still needed was removed.",
                )
            )
        recomputed = compute_hash(row, key=key)
        if not hmac.compare_digest(recomputed, row["hash"]):
            if (
                sequence > 1
                and compute_hash({**row, "sequence": sequence - 1}, key=key) == row["hash"]
            ):
                # The row was written as sequence - 1: a row was slipped in before it and the
                # rest renumbered to make room.
                return report(
                    Fault(
                        "inserted",
                        sequence - 1,
                        f"sequence {sequence - 1} was inserted: the events after it were "
                        f"renumbered to make room (sequence {sequence} was written as "
                        f"{sequence - 1}).",
                    )
                )
            return report(
                Fault(
                    "edited",
                    sequence,
                    f"sequence {sequence} was edited: its recorded fields no longer give "
                    "its stored hash.",
                )
            )
        if row["prev_hash"] != expected_prev:
            return report(
                Fault(
                    "inserted",
                    sequence,
                    f"the chain breaks between sequence {sequence - 1} and {sequence}: one of "
                    "them was replaced by a row the chain did not write (deleted, then a "
                    "forged row inserted with its own hash).",
                )
            )
        checked += 1
        last_hash = row["hash"]
        expected_prev = last_hash
        expected_sequence = sequence + 1

    last = expected_sequence - 1
    if head_sequence is not None and last < head_seq:
        missing = (
            f"sequence {head_seq}"
            if last + 1 == head_seq
            else f"sequences {last + 1} to {head_seq}"
        )
        return report(
            Fault(
                "deleted",
                last + 1,
                f"{missing} deleted: the chain head records {head_seq} events but the "
                f"table ends at {last}.",
            )
        )
    if head_sequence is not None and last == head_seq and head_hash != last_hash:
        return report(
            Fault(
                "edited",
                last,
                f"sequence {last} was edited: it no longer matches the hash the chain head "
                "recorded for it.",
            )
        )
    return report(None)

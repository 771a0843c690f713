"""Signed checkpoints of the audit chain's head: one line of text, e.g.

    bluelamp-audit-checkpoint v1 sequence=42 hash=9f…e1 at=2026-12-07T03:00:00.000000Z \
key=3b0c5e2a9d41f7c8 sig=…

saying that at ``at`` the chain had ``sequence`` events and the last one's hash was ``hash``,
signed with an Ed25519 key held outside the database (``key`` is its fingerprint). Kept where
the database's administrators cannot rewrite them (the file the service appends to, the daily
digest e-mail, an auditor's own notes), they let ``bluelamp audit verify`` see a chain that was
cut short, rewound or replaced, even by someone who can lift the triggers.

Ed25519 rather than an HMAC: whoever holds only the public key (``bluelamp audit checkpoint
--public-key``) can check a checkpoint but not make one."""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from bluelamp.audit.chain import format_time
from bluelamp.audit.keys import fingerprint

PREFIX = "bluelamp-audit-checkpoint v1"
_LINE = re.compile(
    r"^(?P<signed>bluelamp-audit-checkpoint v1 sequence=(?P<sequence>\d{1,19}) "
    r"hash=(?P<hash>[0-9a-f]{64}) at=(?P<at>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z) "
    r"key=(?P<key>[0-9a-f]{16})) sig=(?P<sig>[A-Za-z0-9_-]{86}==)$"
)


class CheckpointError(ValueError):
    """A line that is not a well-formed, correctly signed checkpoint."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    sequence: int
    hash: str
    at: str
    key: str
    line: str
    source: str = ""  # where it was read: "FILE line N"

    def describe(self) -> str:
        where = f" ({self.source})" if self.source else ""
        return f"the checkpoint of {self.at}{where} at sequence {self.sequence}"


def sign(private_key: Ed25519PrivateKey, *, sequence: int, head_hash: str, at: dt.datetime) -> str:
    """The checkpoint line for a head at ``sequence`` with hash ``head_hash`` at time ``at``."""
    key = fingerprint(private_key.public_key())
    signed = f"{PREFIX} sequence={sequence} hash={head_hash} at={format_time(at)} key={key}"
    signature = private_key.sign(signed.encode("ascii"))
    return f"{signed} sig={base64.urlsafe_b64encode(signature).decode('ascii')}"


def parse(
    line: str, public_keys: Mapping[str, Ed25519PublicKey], *, source: str = ""
) -> Checkpoint:
    """The checkpoint in ``line``, its signature checked against ``public_keys`` (by
    fingerprint). Raises CheckpointError saying what is wrong."""
    match = _LINE.match(line.strip())
    where = f"{source}: " if source else ""
    if match is None:
        raise CheckpointError(f"{where}not a Bluelamp audit checkpoint line")
    public_key = public_keys.get(match["key"])
    if public_key is None:
        raise CheckpointError(
            f"{where}signed with key {match['key']}, which is not among the configured "
            "checkpoint keys (BLUELAMP_AUDIT_CHECKPOINT_KEYS)"
        )
    try:
        public_key.verify(base64.urlsafe_b64decode(match["sig"]), match["signed"].encode("ascii"))
    except InvalidSignature:
        raise CheckpointError(
            f"{where}the signature does not match: the line was altered or forged"
        ) from None
    return Checkpoint(
        sequence=int(match["sequence"]),
        hash=match["hash"],
        at=match["at"],
        key=match["key"],
        line=line.strip(),
        source=source,
    )


def lines_of(path: Path) -> Iterable[tuple[str, str]]:
    """(source, line) for every non-blank line of a checkpoint file."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield f"{path} line {number}", line


def append(path: Path, line: str) -> None:
    """Append ``line`` to the checkpoint file, on disk before returning."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())

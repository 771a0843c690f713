"""The checking workers' side of an import: Django-free, so that a worker started by
``forkserver`` (from a web process) imports only this module and the engine, never the
models."""

from __future__ import annotations

import json

from bluelamp.engine.model import Post as EnginePost
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules import check_post, prepare

_WORKER_PACK: PolicyPack | None = None

#: What a post's check depends on, and nothing else: its words, the account's tier and handle,
#: its kind and the periods in force. Two posts with the same key get the same report, so a key
#: is checked once per import; it is also what goes to a worker (a tuple pickles in a fraction
#: of the time of a ``Post``).
Key = tuple[str, str, str, str, bool, bool]
#: The verdict's label and the findings already as JSON text: encoded where they were found (a
#: worker, when there are workers), so the importing process neither unpickles nor encodes them.
Verdict = tuple[str, str]
NO_FINDINGS = "[]"


def _worker_start(pack: PolicyPack) -> None:
    global _WORKER_PACK
    _WORKER_PACK = pack
    prepare(pack)  # the whole prefilter before the first post, not pieces of it on the way


def _engine_post(key: Key) -> EnginePost:
    text, tier, handle, kind, election, major = key
    return EnginePost(
        text=text,
        tier=tier,
        handle=handle,
        kind=kind,
        election_period=election,
        major_incident=major,
    )


def _check_chunk(keys: list[Key]) -> list[Verdict]:
    pack = _WORKER_PACK
    assert pack is not None
    return [_check_one(_engine_post(key), pack) for key in keys]


def _check_one(post: EnginePost, pack: PolicyPack) -> Verdict:
    if not post.text.strip():
        return "pass", NO_FINDINGS
    report = check_post(post, pack)
    if not report.findings:
        return report.verdict.label, NO_FINDINGS
    return report.verdict.label, json.dumps([finding.to_dict() for finding in report.findings])

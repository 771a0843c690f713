from __future__ import annotations

import json
from pathlib import Path

import pytest

from bluelamp.engine.model import post_from_dict
from bluelamp.engine.policy_pack import load_pack
from bluelamp.engine.rules import check_post

REPO = Path(__file__).resolve().parents[4]
SHARED_SPEC = REPO.parent / "shared" / "spec"


def spec_examples_path() -> Path:
    """The contract's worked examples: the shared copy when it is beside the repo, else ours."""
    shared = SHARED_SPEC / "rules-examples.jsonl"
    return shared if shared.exists() else REPO / "corpus" / "spec-examples.jsonl"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def pack():
    return load_pack()


@pytest.fixture(scope="session")
def check(pack):
    """check(text, **post fields) -> set of rule ids that fired."""

    def run(text: str, **fields) -> dict[str, list]:
        data = {"text": text}
        tier = fields.pop("tier", None)
        if tier:
            data["account"] = {"tier": tier}
        data.update(fields)
        report = check_post(post_from_dict(data), pack)
        out: dict[str, list] = {}
        for f in report.findings:
            out.setdefault(f.rule, []).append(f)
        return out

    return run

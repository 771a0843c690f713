"""Reports of every corpus in the repository, for comparing two versions of the engine byte for
byte.

It checks, with whatever ``bluelamp`` the interpreter running it imports:

- every ``corpus/*.jsonl`` file (the contract's 90 examples, the labelled posts, the blind and
  held-out rounds), each post as written;
- the real posts of ``../shared/corpus/uk-police-posts-dev.csv`` (when present), each in every
  tier and as a post and a reply;
- the benchmark's generated corpus (``--posts``, 30,000 by default, seed 1).

Each report is written as one line of JSON (``Report.to_dict()``, the form ``bluelamp check``
prints), with the prefilter in use and, with ``--gates``, again with the literal gate alone and
with no gate at all. It prints one SHA-256 per source; ``--out FILE`` writes them all as JSON,
``--reports DIR`` keeps the reports themselves. To compare a change with the main line:

    /path/to/main/.venv/bin/python bench/check_equivalence.py --out /tmp/before.json
    .venv/bin/python bench/check_equivalence.py --out /tmp/after.json --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus_gen  # noqa: E402

from bluelamp.engine.model import TIERS, post_from_dict  # noqa: E402
from bluelamp.engine.policy_pack import load_pack  # noqa: E402
from bluelamp.engine.rules import check_post  # noqa: E402
from bluelamp.engine.rules.detectors.gate import GATE  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "uk-police-posts-dev.csv"


def sources(posts: int) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for path in sorted(ROOT.glob("corpus/*.jsonl")):
        with open(path, encoding="utf-8") as f:
            out[str(path.relative_to(ROOT))] = [json.loads(line) for line in f if line.strip()]
    if REAL.exists():
        with open(REAL, encoding="utf-8", newline="") as f:
            texts = [row["text"] for row in csv.DictReader(f)]
        out["uk-police-posts-dev.csv"] = [
            {
                "id": f"r{i}-{tier}-{kind}",
                "text": text,
                "account": {"tier": tier, "handle": "@WMPolice"},
                "kind": kind,
            }
            for i, text in enumerate(texts)
            for tier in TIERS
            for kind in ("post", "reply")
        ]
    out[f"generated-{posts}"] = list(corpus_gen.generate(posts, 1))
    return out


def reports(posts: list[dict], pack, sink=None) -> str:
    digest = hashlib.sha256()
    for data in posts:
        line = json.dumps(check_post(post_from_dict(data), pack).to_dict(), ensure_ascii=False)
        digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
        if sink is not None:
            sink.write(line + "\n")
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=30_000, help="generated posts (30,000)")
    parser.add_argument("--gates", action="store_true", help="also with the literal gate, no gate")
    parser.add_argument("--out", help="write the digests to this JSON file")
    parser.add_argument("--reports", help="keep the reports in this folder")
    parser.add_argument("--compare", help="digests written before: exit 1 on any difference")
    args = parser.parse_args(argv)
    pack = load_pack()
    ready = GATE.prepare()
    print(f"prefilter: {'hyperscan' if ready else 'literals'}", file=sys.stderr)
    modes = ["default"] + (["literals", "none"] if args.gates else [])
    digests: dict[str, str] = {}
    for name, posts in sources(args.posts).items():
        for mode in modes:
            if mode == "literals":
                GATE.use("literals")
            original_live = GATE.live
            if mode == "none":
                GATE.live = lambda text, lower=None: None  # type: ignore[method-assign]
            try:
                if args.reports:
                    folder = Path(args.reports)
                    folder.mkdir(parents=True, exist_ok=True)
                    path = folder / (name.replace("/", "_") + f".{mode}.jsonl")
                    with open(path, "w", encoding="utf-8") as sink:
                        digest = reports(posts, pack, sink)
                else:
                    digest = reports(posts, pack)
            finally:
                GATE.live = original_live  # type: ignore[method-assign]
                GATE.use("hyperscan")
            key = name if mode == "default" else f"{name} [{mode}]"
            digests[key] = digest
            print(f"{digest}  {len(posts):>7}  {key}", flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(digests, indent=1) + "\n")
    if args.compare:
        before = json.loads(Path(args.compare).read_text())
        differ = [k for k in digests if k in before and before[k] != digests[k]]
        missing = [k for k in before if k not in digests]
        for k in differ:
            print(f"DIFFERENT: {k}", file=sys.stderr)
        for k in missing:
            print(f"not checked now: {k}", file=sys.stderr)
        print(f"{len(digests) - len(differ)} of {len(digests)} sources identical", file=sys.stderr)
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the statistical stage costs: the check's throughput with the stage off and on, in
runs alternating block by block over the same posts in one process, by CPU time (the machine is
shared, so wall-clock figures from separate runs are not comparable).

    nice .venv/bin/python bench/stat_speed.py            # 10,000 generated posts, 3 rounds
    nice .venv/bin/python bench/stat_speed.py --real     # the real published posts instead

The posts are bench/corpus_gen.py's (the same seeded corpus as bench/bench_check.py) or the real
published posts of ../shared/corpus/uk-police-posts-dev.csv."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
REAL_FILE = BENCH_DIR.parent.parent / "shared" / "corpus" / "uk-police-posts-dev.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=3, help="rounds over all the posts")
    parser.add_argument("--block", type=int, default=250, help="posts checked in a row in one mode")
    parser.add_argument("--real", action="store_true", help="the real published posts")
    args = parser.parse_args(argv)

    from bluelamp.engine.model import post_from_dict
    from bluelamp.engine.policy_pack import load_pack
    from bluelamp.engine.rules import check_post
    from bluelamp.engine.rules.detectors.gate import GATE
    from bluelamp.engine.stat import stage
    from bluelamp.engine.stat.model import load

    pack = load_pack()
    if args.real:
        with open(REAL_FILE, encoding="utf-8", newline="") as fh:
            data = [
                {"text": r["text"], "account": {"tier": "force"}}
                for r in csv.DictReader(fh)
                if (r["text"] or "").strip()
            ]
    else:
        import corpus_gen

        data = list(corpus_gen.generate(args.posts, corpus_gen.DEFAULT_SEED))
    load()  # the weights are read once per process, at the first post that reaches the stage
    was = stage.enabled()

    def run(on: bool, block: list[dict]) -> float:
        """CPU seconds to check ``block`` with the stage on or off (fresh posts each time)."""
        stage.set_enabled(on)
        posts = [post_from_dict(d) for d in block]
        t0 = time.process_time()
        for p in posts:
            check_post(p, pack)
        return time.process_time() - t0

    blocks = [data[i : i + args.block] for i in range(0, len(data), args.block)]
    try:
        run(False, data)
        run(True, data)  # warm-up: patterns compiled, the stage's word memory filled as in service
        # The prefilter's database for the patterns registered since start-up (the pack's word
        # lists, the stage's lexicons) is built in a background thread, whose CPU time would
        # count in whichever run it overlaps: finished here, as it is in service.
        GATE.prepare()
        rates: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(args.pairs):
            # Off and on alternate block by block, in turn first, so that a change in the load
            # of a shared machine falls on both alike.
            spent = {False: 0.0, True: 0.0}
            for i, block in enumerate(blocks):
                for on in (False, True) if i % 2 == 0 else (True, False):
                    spent[on] += run(on, block)
            for on in (False, True):
                rates[on].append(len(data) / spent[on])
    finally:
        stage.set_enabled(was)
    off, on = sorted(rates[False]), sorted(rates[True])
    med_off, med_on = off[len(off) // 2], on[len(on) // 2]
    print(f"posts: {len(data):,} ({'real' if args.real else 'generated'})")
    print("stage off, posts/s of CPU: " + ", ".join(f"{r:,.0f}" for r in rates[False]))
    print("stage on,  posts/s of CPU: " + ", ".join(f"{r:,.0f}" for r in rates[True]))
    print(
        f"median: off {med_off:,.0f}, on {med_on:,.0f}; the stage costs {1 - med_on / med_off:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

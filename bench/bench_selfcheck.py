"""Time the private self-check on a large archive: read the file and check every post with the
``personal`` tier rules, as the self-check page does. The target is a 50,000-post archive in
under 10 seconds.

    python bench/bench_selfcheck.py                      # 50,000 generated posts
    python bench/bench_selfcheck.py --posts 20000 --workers 1
    python bench/bench_selfcheck.py --file path/to/export.zip
    python bench/bench_selfcheck.py --runs 3              # the first run starts the pool

Each run's wall time and CPU time (this process, and the pool's worker processes read from
/proc) are printed; the first run includes starting the pool (a web process's first
self-check), the later ones reuse it as the next self-checks of that web process would.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGET_SECONDS = 10.0
TICK = os.sysconf("SC_CLK_TCK")


def workers_cpu(checking) -> float:
    """CPU seconds used so far by the live worker processes of the self-check's pool."""
    executor = checking._POOL.executor
    total = 0.0
    for pid in list(getattr(executor, "_processes", None) or {}):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--workers", type=int, default=0, help="default: one per core")
    parser.add_argument("--file", help="an export or a file of posts instead of generated ones")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()

    from bluelamp.engine.policy_pack import load_pack
    from bluelamp.selfcheck import checking
    from bluelamp.selfcheck.checking import check_posts
    from bluelamp.selfcheck.reading import read_posts

    pack = load_pack()
    with tempfile.TemporaryDirectory() as folder:
        if args.file:
            path = Path(args.file)
        else:
            import corpus_gen

            path = Path(folder) / "posts.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for post in corpus_gen.generate(args.posts, args.seed):
                    out.write(json.dumps({"text": post["text"]}) + "\n")
        timings = []
        for run in range(args.runs):
            cpu, pool_cpu = own_cpu(), workers_cpu(checking)
            started = time.perf_counter()
            report = check_posts(
                read_posts(path, name=path.name), pack, workers=args.workers or None
            )
            timings.append(time.perf_counter() - started)
            cpu, pool_cpu = own_cpu() - cpu, workers_cpu(checking) - pool_cpu
            print(
                f"run {run + 1}: {timings[-1]:.2f} s wall; CPU {cpu:.1f} s here + "
                f"{pool_cpu:.1f} s in the pool's workers"
                + (" (starting the pool)" if run == 0 and pool_cpu else ""),
                flush=True,
            )
    best = min(timings)
    print(
        f"{report.posts:,} posts ({report.checked:,} with text, {report.flagged:,} flagged) "
        f"read and checked in {best:.2f} s (best of {args.runs}; "
        f"{report.posts / best:,.0f} posts/s; workers {args.workers or os.cpu_count()}; "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    print("target: under", TARGET_SECONDS, "s —", "met" if best < TARGET_SECONDS else "MISSED")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The load test (`make load`): 200 simulated users (``bench/locustfile.py``) against gunicorn
with several workers and PostgreSQL, on 127.0.0.1.

1. A throw-away instance as ``bench_scale.py`` makes it (production settings), on the
   PostgreSQL in ``DATABASE_URL`` (``.ci/with-postgres make load``; ``--sqlite`` to try it on
   SQLite), with the scale dataset (``--posts``, 100,000 by default: the demo, 5,000 accounts,
   1,000 posts waiting for approval, the 200 users who sign in).
2. gunicorn with ``deploy/gunicorn.conf.py`` as shipped: one worker per core, 4 threads each
   (``--workers`` / ``--threads`` to change).
3. Locust, headless, in its own process: ``--users`` (200) spawned at ``--spawn-rate`` (2 a
   second: each signs in once, and a password check costs the server about a quarter of a
   second of CPU, so a faster start measures a sign-in storm), for ``--run-time`` (5 minutes). Its CSV statistics
   (``bench/out/load_stats.csv`` ...) give p50 / p95 / p99 and errors per kind of request,
   printed as a table and written to ``bench/out/load.json`` with the load average, the
   server's CPU time and its log's errors.

    .ci/with-postgres make load
    .ci/with-postgres make load LOAD_SCALE=1000000 LOAD_TIME=5m
    .venv/bin/python bench/bench_load.py --sqlite --posts 20000 --run-time 60s

The traffic goes to 127.0.0.1 only; Locust stops by itself after the run time, and the server
is stopped at the end whatever happens.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import HOST, OUT_DIR, Instance, load_average

LOCUST = Path(sys.executable).parent / "locust"
BENCH_DIR = Path(__file__).resolve().parent


def server_cpu_seconds(pid: int) -> float:
    """CPU time of gunicorn's workers so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in children.read_text().split() if children.exists() else []:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def read_stats(prefix: Path) -> list[dict[str, Any]]:
    rows = []
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append(
                {
                    "method": row["Type"],
                    "name": row["Name"],
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p50_ms": float(row["50%"] or 0),
                    "p95_ms": float(row["95%"] or 0),
                    "p99_ms": float(row["99%"] or 0),
                    "max_ms": float(row["Max Response Time"] or 0),
                    "rps": round(float(row["Requests/s"] or 0), 2),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--run-time", default="300s")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--sqlite", action="store_true", help="allow SQLite (no DATABASE_URL)")
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres") and not args.sqlite:
        print(
            "bench_load: DATABASE_URL must be postgres://... (.ci/with-postgres make load), "
            "or pass --sqlite",
            file=sys.stderr,
        )
        return 2
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    prefix = OUT_DIR / "load"
    with tempfile.TemporaryDirectory(prefix="bluelamp-bench-load-") as tmp:
        instance = Instance(Path(tmp), database_url=database_url)
        result: dict[str, Any] = {
            "label": args.label,
            "database": instance.vendor,
            "users": args.users,
            "spawn_rate": args.spawn_rate,
            "run_time": args.run_time,
            "workers": args.workers,
            "threads": args.threads,
            "load_average_start": load_average(),
        }
        try:
            print(f"Generating {args.posts:,} posts on {instance.vendor} ...", flush=True)
            began = time.perf_counter()
            instance.migrate()
            result["dataset"] = instance.generate("--posts", str(args.posts))
            print(f"Generated in {time.perf_counter() - began:,.0f} s", flush=True)
            instance.serve(workers=args.workers, threads=args.threads)
            assert instance.server is not None
            cpu_before = server_cpu_seconds(instance.server.pid)
            result["load_average_before_run"] = load_average()
            print(
                f"Locust: {args.users} users at {args.spawn_rate}/s for {args.run_time} against "
                f"gunicorn ({args.workers} workers x {args.threads} threads) ...",
                flush=True,
            )
            began = time.perf_counter()
            subprocess.run(
                [
                    str(LOCUST),
                    "-f",
                    str(BENCH_DIR / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.spawn_rate),
                    "--run-time",
                    args.run_time,
                    "--host",
                    f"http://{HOST}:{instance.port}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--stop-timeout",
                    "10",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=BENCH_DIR,
                check=False,  # Locust exits 1 when any request failed: the figures say which
                timeout=3600,
            )
            result["seconds"] = round(time.perf_counter() - began, 1)
            result["server_cpu_seconds"] = round(
                server_cpu_seconds(instance.server.pid) - cpu_before, 1
            )
            result["load_average_end"] = load_average()
            errors = [
                line
                for line in instance.log().splitlines()
                if any(word in line for word in ("Error", "[ERROR]", "[CRITICAL]", "TIMEOUT"))
            ]
            result["server_log_errors"] = errors[-20:]
        finally:
            instance.stop()
    result["requests"] = read_stats(prefix)
    with open(f"{prefix}_failures.csv", newline="", encoding="utf-8") as f:
        result["failures"] = list(csv.DictReader(f))
    print(
        f"\n{result['database']}, {result['dataset']['totals']['posts']:,} posts; "
        f"{args.users} users; gunicorn {args.workers} workers x {args.threads} threads; "
        f"load average at end {result['load_average_end']}\n"
    )
    print("| request | requests | errors | p50 ms | p95 ms | p99 ms | max ms | req/s |")
    print("|---|---|---|---|---|---|---|---|")
    for row in result["requests"]:
        name = row["name"] if row["name"] != "Aggregated" else "**all**"
        method = (
            "" if row["name"].startswith(("POST", "GET")) or not row["method"] else row["method"]
        )
        print(
            f"| {method + ' ' if method else ''}{name} | {row['requests']:,} | {row['failures']:,} "
            f"| {row['p50_ms']:,.0f} | {row['p95_ms']:,.0f} | {row['p99_ms']:,.0f} "
            f"| {row['max_ms']:,.0f} | {row['rps']} |"
        )
    out = OUT_DIR / "load.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"\nServer CPU {result['server_cpu_seconds']} s in {result['seconds']} s. Written to {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

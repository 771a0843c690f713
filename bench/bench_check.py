"""Benchmark of the rules engine (`bluelamp check`) on text-only posts, on one core.

`make bench` runs this script. It generates a seeded corpus (bench/corpus_gen.py), pins itself to
one CPU core, runs each benchmark section in turn, prints a table with the issue's targets and
PASS/MISS beside each, and writes everything to bench/out/results.json. See bench/README.md.

    .venv/bin/python bench/bench_check.py                  # 100,000 posts, all sections
    .venv/bin/python bench/bench_check.py --quick          # 10,000 posts, smoke run
    .venv/bin/python bench/bench_check.py --profile        # + cProfile and cost of each rule

Sections are plain functions in SECTIONS; a new benchmark (e.g. a load test of the web check
endpoint) is one more function appended there.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import hashlib
import io
import json
import math
import os
import platform
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
sys.path.insert(0, str(BENCH_DIR))

import corpus_gen  # noqa: E402

# The targets (issue 2, point 6), for text-only posts on this 2-core machine.
TARGET_POSTS_PER_S = 20_000
TARGET_P99_MS = 1.0
TARGET_STARTUP_S = 0.5

WARMUP_POSTS = 1_000
THROUGHPUT_RUNS = 3
STARTUP_RUNS = 5
TRACEMALLOC_POSTS = 10_000
QUICK_POSTS = 10_000
PROFILE_POSTS = 20_000
RULE_COST_POSTS = 5_000
VERDICTS = ("block", "review", "record", "advise", "pass")

# Run in a fresh interpreter: what a new `bluelamp` process pays before it can check a post.
STARTUP_SCRIPT = r"""
import json, resource, sys, time
c0, t0 = time.process_time(), time.perf_counter()
import bluelamp.engine.rules
t1 = time.perf_counter()
from bluelamp.engine.policy_pack import load_pack
pack = load_pack()
c2, t2 = time.process_time(), time.perf_counter()
from bluelamp.engine.model import post_from_dict
from bluelamp.engine.rules import check_post
check_post(post_from_dict({"text": sys.argv[1], "account": {"tier": "npu"}}), pack)
c3, t3 = time.process_time(), time.perf_counter()
try:  # VmHWM: ru_maxrss would report the parent's size, since it survives fork and exec
    with open("/proc/self/status") as f:
        hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"import_s": t1 - t0, "pack_s": t2 - t1, "first_check_s": t3 - t2,
                  "maxrss_kb": hwm, "cpu_s": c2 - c0, "first_check_cpu_s": c3 - c2}))
"""
# Runs a command and reports its wall time and rusage. A small process in between, because a
# child forked straight from this (large) process inherits its peak RSS in ru_maxrss.
LAUNCHER_SCRIPT = r"""
import json, os, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, ru = os.wait4(proc.pid, 0)
wall = time.perf_counter() - t0
with open(sys.argv[1], "w") as f:
    json.dump({"wall_s": wall, "exit": os.waitstatus_to_exitcode(status),
               "maxrss_kb": ru.ru_maxrss, "user_s": ru.ru_utime, "sys_s": ru.ru_stime}, f)
"""
SAMPLE_POST = (
    "Dean Walsh, 31, from Smethwick, has been arrested on suspicion of burglary. "
    "Call his mum on 07700 900123."
)


# --------------------------------------------------------------------------------------------
# Shared state and output
# --------------------------------------------------------------------------------------------


@dataclass
class Engine:
    """The engine's API as the benchmark uses it (or a stand-in for testing the harness)."""

    check_post: Callable[[Any, Any], Any]
    post_from_dict: Callable[[Any], Any]
    pack: Any
    real: bool = True


@dataclass
class Bench:
    args: argparse.Namespace
    posts: list[dict]
    labels: list[str]
    cpu: int | None
    engine: Engine | None = None
    engine_error: str | None = None
    corpus_path: Path | None = None
    results: dict[str, Any] = field(default_factory=dict)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    def row(self, metric: str, value: str, target: str = "", verdict: str = "") -> None:
        self.rows.append((metric, value, target, verdict))

    def heading(self, title: str) -> None:
        self.rows.append((f"## {title}", "", "", ""))


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _pct(sorted_values: array | list, p: float) -> int:
    """Nearest-rank percentile of an ascending sequence."""
    if not sorted_values:
        return 0
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def _us(ns: float) -> str:
    return f"{ns / 1000:,.1f} µs"


def _mb(kb: float) -> str:
    return f"{kb / 1024:,.1f} MB"


def _engine_ready(b: Bench, section: str) -> bool:
    if b.engine is None:
        b.results[section] = {"skipped": f"engine not importable: {b.engine_error}"}
        b.row(f"{section}: skipped", "engine not importable")
        return False
    return True


def _real_engine_only(b: Bench, section: str) -> bool:
    if b.engine is not None and not b.engine.real:
        b.results[section] = {"skipped": "stand-in checker (--stand-in)"}
        b.row(f"{section}: skipped", "--stand-in")
        return False
    return True


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


def section_startup(b: Bench) -> None:
    """A fresh interpreter: import bluelamp.engine.rules, then load_pack(), median of 5 runs."""
    b.heading(f"Start-up (fresh process, median of {STARTUP_RUNS})")
    if not _real_engine_only(b, "startup"):
        return
    runs, walls, error = [], [], None
    for _ in range(STARTUP_RUNS):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", STARTUP_SCRIPT, SAMPLE_POST],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        walls.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            error = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
            break
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    if error:
        b.results["startup"] = {"error": error}
        b.row("start-up", f"error: {error}")
        return
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    total = statistics.median(r["import_s"] + r["pack_s"] for r in runs)
    # CPU time of the same: what start-up costs when the machine is shared (wall time then
    # includes waiting for the core).
    cpu = statistics.median(r["cpu_s"] for r in runs)
    wall = statistics.median(walls)
    b.results["startup"] = {
        "runs": runs,
        "median_import_s": med["import_s"],
        "median_pack_s": med["pack_s"],
        "median_import_plus_pack_s": total,
        "median_import_plus_pack_cpu_s": cpu,
        "median_first_check_s": med["first_check_s"],
        "median_first_check_cpu_s": med["first_check_cpu_s"],
        "median_process_wall_s": wall,
        "maxrss_kb_after_first_check": med["maxrss_kb"],
        "target_s": TARGET_STARTUP_S,
        "pass": total <= TARGET_STARTUP_S,
    }
    b.row("import bluelamp.engine.rules", f"{med['import_s']:.3f} s")
    b.row("load_pack()", f"{med['pack_s']:.3f} s")
    b.row(
        "import + load_pack()",
        f"{total:.3f} s",
        f"≤ {TARGET_STARTUP_S} s",
        _verdict(total <= TARGET_STARTUP_S),
    )
    b.row("  same, by CPU time (not contended)", f"{cpu:.3f} s")
    b.row(
        "first check_post() after that",
        f"{med['first_check_s'] * 1000:.1f} ms ({med['first_check_cpu_s'] * 1000:.1f} ms CPU)",
    )
    b.row("whole process (python start to exit)", f"{wall:.3f} s")
    b.row("RSS after start-up and one check", _mb(med["maxrss_kb"]))


def _timed_run(b: Bench, lat: array) -> tuple[int, int, int, str | None]:
    """Check every post once, timing each call; return (wall ns, CPU ns, errors, first error)."""
    check, from_dict, pack = b.engine.check_post, b.engine.post_from_dict, b.engine.pack
    clock = time.perf_counter_ns
    errors, first_error = 0, None
    posts = b.posts
    gc.collect()
    c0 = time.process_time_ns()
    t0 = clock()
    for i, data in enumerate(posts):
        t = clock()
        try:
            check(from_dict(data), pack)
        except Exception:
            errors += 1
            if first_error is None:
                first_error = f"{data.get('id')}: {traceback.format_exc(limit=-3)}"
        lat[i] = clock() - t
    wall = clock() - t0
    return wall, time.process_time_ns() - c0, errors, first_error


def section_throughput(b: Bench) -> None:
    """Posts/s over the whole corpus (after a warm-up), 3 runs, median; latency of each post."""
    n = len(b.posts)
    b.heading(f"Throughput and latency, in process ({n:,} posts, {THROUGHPUT_RUNS} runs)")
    if not _engine_ready(b, "throughput"):
        return
    for data in b.posts[:WARMUP_POSTS]:
        with contextlib.suppress(Exception):
            b.engine.check_post(b.engine.post_from_dict(data), b.engine.pack)
    runs = []
    for _ in range(THROUGHPUT_RUNS):
        lat = array("q", bytes(8 * n))
        total_ns, cpu_ns, errors, first_error = _timed_run(b, lat)
        runs.append((n / (total_ns / 1e9), total_ns, errors, first_error, lat, n / (cpu_ns / 1e9)))
    from_dict, clock = b.engine.post_from_dict, time.perf_counter_ns
    t0 = clock()
    for data in b.posts:
        try:  # noqa: SIM105 - timed: no context manager in the loop
            from_dict(data)
        except Exception:
            pass
    parse_us = (clock() - t0) / n / 1000
    by_rate = sorted(runs, key=lambda r: r[0])
    rate, total_ns, errors, first_error, lat, cpu_rate = by_rate[len(by_rate) // 2]
    ordered = sorted(range(n), key=lat.__getitem__)
    srt = array("q", (lat[i] for i in ordered))
    p = {
        name: _pct(srt, q)
        for name, q in (("p50", 50), ("p90", 90), ("p95", 95), ("p99", 99), ("p99.9", 99.9))
    }
    mx = srt[-1]
    slowest = [
        {
            "id": b.posts[i].get("id"),
            "kind_of_post": b.labels[i],
            "chars": len(b.posts[i]["text"]),
            "us": lat[i] / 1000,
            "text": b.posts[i]["text"][:160],
        }
        for i in reversed(ordered[-10:])
    ]
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, label in enumerate(b.labels):
        by_label[label].append(lat[i])
    label_cost = sorted(
        ((label, sum(v) / len(v), _pct(sorted(v), 99), len(v)) for label, v in by_label.items()),
        key=lambda t: -t[1],
    )
    # Cost per character: fit of latency on length, to show how the checker scales with text.
    lengths = [len(d["text"]) for d in b.posts]
    long_ = [lat[i] / lengths[i] for i in range(n) if lengths[i] >= 2000]
    short_ = [lat[i] for i in range(n) if lengths[i] < 100]
    p99_ms = p["p99"] / 1e6
    b.results["throughput"] = {
        "posts": n,
        "warmup_posts": WARMUP_POSTS,
        "runs_posts_per_s": [r[0] for r in runs],
        "median_posts_per_s": rate,
        "median_run_seconds": total_ns / 1e9,
        "runs_posts_per_cpu_s": [r[5] for r in runs],
        "median_run_posts_per_cpu_s": cpu_rate,
        "post_from_dict_alone_us_per_post": parse_us,
        "errors": errors,
        "first_error": first_error,
        "target_posts_per_s": TARGET_POSTS_PER_S,
        "pass": rate >= TARGET_POSTS_PER_S and errors == 0,
    }
    b.results["latency"] = {
        "from": "the median throughput run; perf_counter_ns around post_from_dict + check_post",
        "mean_us": sum(lat) / n / 1000,
        **{f"{k}_us": v / 1000 for k, v in p.items()},
        "max_us": mx / 1000,
        "short_posts_under_100_chars_mean_us": (sum(short_) / len(short_) / 1000)
        if short_
        else None,
        "long_posts_over_2000_chars_mean_ns_per_char": (sum(long_) / len(long_)) if long_ else None,
        "by_kind_of_post": [
            {"kind_of_post": label, "mean_us": m / 1000, "p99_us": q / 1000, "posts": c}
            for label, m, q, c in label_cost
        ],
        "slowest_posts": slowest,
        "target_p99_ms": TARGET_P99_MS,
        "pass": p99_ms <= TARGET_P99_MS,
    }
    runs_txt = ", ".join(f"{r[0]:,.0f}" for r in runs)
    b.row(
        "posts/s (median of runs)",
        f"{rate:,.0f}",
        f"≥ {TARGET_POSTS_PER_S:,}",
        _verdict(rate >= TARGET_POSTS_PER_S),
    )
    b.row("  each run", runs_txt)
    shared = "(wall < CPU rate: the core was shared)" if cpu_rate > 1.05 * rate else ""
    b.row("  by CPU time (same run)", f"{cpu_rate:,.0f}", "", shared)
    b.row(
        "  of which post_from_dict alone",
        f"{parse_us:.1f} µs/post",
        "",
        f"(budget {1e6 / TARGET_POSTS_PER_S:.0f} µs)",
    )
    if errors:
        b.row("posts that raised", f"{errors:,}", "0", "MISS")
        b.row("  first", (first_error or "").strip().splitlines()[-1][:80])
    b.row("latency mean", _us(sum(lat) / n))
    for name in ("p50", "p95"):
        b.row(f"latency {name}", _us(p[name]))
    b.row(
        "latency p99", _us(p["p99"]), f"≤ {TARGET_P99_MS:g} ms", _verdict(p99_ms <= TARGET_P99_MS)
    )
    b.row("latency p99.9", _us(p["p99.9"]))
    b.row(
        "latency max", _us(mx), "", f"({slowest[0]['kind_of_post']}, {slowest[0]['chars']:,} chars)"
    )
    if long_:
        b.row("long posts (≥ 2,000 chars)", f"{sum(long_) / len(long_):,.0f} ns/char")
    b.row(
        "slowest kinds of post (mean)",
        ", ".join(f"{lb} {m / 1000:,.0f} µs" for lb, m, _, _ in label_cost[:4]),
    )


def section_verdicts(b: Bench) -> None:
    """One untimed pass: verdicts and rules fired, to show the corpus exercises the rules;
    every report is checked to be valid (JSON-serialisable, offsets within the text)."""
    b.heading("Verdicts over the corpus (what it exercises), and latency by CPU time")
    if not _engine_ready(b, "verdicts"):
        return
    verdicts: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    by_label: dict[str, Counter[str]] = defaultdict(Counter)
    invalid, errors, first_problem = 0, 0, None
    cpu_lat = array("q")
    cpu_clock = time.thread_time_ns
    for data, label in zip(b.posts, b.labels, strict=True):
        try:
            post = b.engine.post_from_dict(data)
            c = cpu_clock()
            result = b.engine.check_post(post, b.engine.pack)
            cpu_lat.append(cpu_clock() - c)
            report = result.to_dict()
            json.dumps(report)
        except Exception:
            errors += 1
            first_problem = first_problem or traceback.format_exc(limit=-2)
            continue
        verdicts[report["verdict"]] += 1
        by_label[label][report["verdict"]] += 1
        text = data["text"]
        for rule in {f["rule"] for f in report["findings"]}:
            rules[rule] += 1
        for f in report["findings"]:
            s, e = f.get("start"), f.get("end")
            if s is not None and not (0 <= s <= e <= len(text) and f.get("excerpt") == text[s:e]):
                invalid += 1
                first_problem = first_problem or f"{data.get('id')}: bad span {f}"
    n = len(b.posts)
    cpu_lat = array("q", sorted(cpu_lat))
    if cpu_lat:
        b.results["latency_cpu"] = {
            "from": "the verdicts pass; thread_time_ns around check_post only (not post_from_dict); "
            "not affected by other processes sharing the core; includes ~0.75 µs of timer cost",
            **{f"p{q:g}_us": _pct(cpu_lat, q) / 1000 for q in (50, 95, 99, 99.9)},
            "max_us": cpu_lat[-1] / 1000,
            "pass": _pct(cpu_lat, 99) / 1e6 <= TARGET_P99_MS,
        }
        q = {k: _pct(cpu_lat, k) for k in (50, 99)}
        b.row("latency by CPU time, p50 / p99", f"{_us(q[50])} / {_us(q[99])}", f"≤ {TARGET_P99_MS:g} ms", _verdict(q[99] / 1e6 <= TARGET_P99_MS) + " (p99)")  # fmt: skip
    b.results["verdicts"] = {
        "verdicts": {v: verdicts.get(v, 0) for v in VERDICTS},
        "posts_per_rule": dict(rules.most_common()),
        "by_kind_of_post": {k: dict(v) for k, v in sorted(by_label.items())},
        "errors": errors,
        "invalid_spans": invalid,
        "first_problem": first_problem,
    }
    b.row("verdicts", "  ".join(f"{v} {verdicts.get(v, 0) / n:.1%}" for v in VERDICTS))
    for v in VERDICTS:
        b.row(f"  {v}", f"{verdicts.get(v, 0):,}")
    b.row("rules fired (posts)", f"{len(rules)} rules")
    for rule, count in rules.most_common():
        b.row(f"  {rule}", f"{count:,}")
    if b.engine.real:
        try:
            from bluelamp.engine.rules import registry

            silent = [r for r in registry.ids() if r not in rules]
            b.results["verdicts"]["rules_never_fired"] = silent
            if silent:
                b.row("  never fired", ", ".join(silent), "", "(media-* need images)")
        except Exception:
            pass
    if errors or invalid:
        b.row("reports with errors / bad spans", f"{errors} / {invalid}", "0", "MISS")


def section_memory(b: Bench) -> None:
    """Peak RSS of this process, and tracemalloc's peak while checking posts (a separate pass)."""
    m = min(TRACEMALLOC_POSTS, len(b.posts))
    b.heading(f"Memory (tracemalloc over {m:,} posts)")
    if not _engine_ready(b, "memory"):
        return
    check, from_dict, pack = b.engine.check_post, b.engine.post_from_dict, b.engine.pack
    gc.collect()
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    t0 = time.perf_counter()
    for data in b.posts[:m]:
        with contextlib.suppress(Exception):
            check(from_dict(data), pack)
    elapsed = time.perf_counter() - t0
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    top = tracemalloc.take_snapshot().statistics("lineno")[:5]
    tracemalloc.stop()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    b.results["memory"] = {
        "bench_process_maxrss_kb": rss_kb,
        "bench_process_note": "includes the corpus held in memory and the latency arrays",
        "tracemalloc_posts": m,
        "tracemalloc_peak_above_baseline_kb": (peak - base) / 1024,
        "tracemalloc_retained_after_kb": (current - base) / 1024,
        "tracemalloc_pass_seconds": elapsed,
        "tracemalloc_top_retained": [str(s) for s in top],
    }
    b.row("peak RSS of this process (ru_maxrss)", _mb(rss_kb), "", "(holds the corpus)")
    b.row("tracemalloc peak while checking", f"{(peak - base) / 1024:,.0f} KB")
    b.row(
        "still allocated after the pass", f"{(current - base) / 1024:,.0f} KB", "", "(caches/leaks)"
    )


def _probe_cli(cmd: list[str]) -> list[str] | None:
    """Find the flags that make `bluelamp check --jsonl` print one JSON report per line."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for post in corpus_gen.generate(3, 1):
            f.write(json.dumps(post) + "\n")
    try:
        for extra in ([], ["--json"]):
            proc = subprocess.run(
                [*cmd, "check", "--jsonl", f.name, *extra], capture_output=True, text=True
            )
            lines = proc.stdout.strip().splitlines()
            try:
                if proc.returncode in (0, 1) and len(lines) == 3:
                    [json.loads(line) for line in lines]
                    return extra
            except ValueError:
                continue
        return None
    finally:
        os.unlink(f.name)


def section_cli(b: Bench) -> None:
    """`bluelamp check --jsonl FILE` end to end as a subprocess: start-up, JSON in and out."""
    n = len(b.posts)
    b.heading(f"End to end: bluelamp check --jsonl ({n:,} posts, one run)")
    if not _real_engine_only(b, "cli"):
        return
    exe = Path(sys.executable).with_name("bluelamp")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "bluelamp"]
    extra = _probe_cli(cmd)
    if extra is None:
        b.results["cli"] = {"error": "bluelamp check --jsonl did not print JSON lines"}
        b.row("bluelamp check --jsonl", "error: no JSON lines output")
        return
    path = b.corpus_path
    if path is None:
        path = OUT_DIR / f"corpus-{b.args.seed}-{n}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for post in b.posts:
                f.write(json.dumps(post, ensure_ascii=False) + "\n")
    out_path = OUT_DIR / "cli-output.jsonl"
    usage_path = OUT_DIR / "cli-usage.json"
    with out_path.open("wb") as out:
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                LAUNCHER_SCRIPT,
                str(usage_path),
                *cmd,
                "check",
                "--jsonl",
                str(path),
                *extra,
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
    stderr = proc.stderr.decode("utf-8", "replace")
    usage = json.loads(usage_path.read_text())
    code, wall = usage["exit"], usage["wall_s"]
    verdicts: Counter[str] = Counter()
    lines = 0
    with out_path.open(encoding="utf-8") as f:
        for line in f:
            lines += 1
            try:
                verdicts[json.loads(line).get("verdict", "error")] += 1
            except ValueError:
                verdicts["unparsable"] += 1
    startup = b.results.get("startup", {}).get("median_process_wall_s", 0.0)
    rate = n / wall
    net = n / (wall - startup) if wall > startup else None
    b.results["cli"] = {
        "command": [*cmd, "check", "--jsonl", str(path), *extra],
        "input_bytes": path.stat().st_size,
        "output_bytes": out_path.stat().st_size,
        "exit_status": code,
        "report_lines": lines,
        "wall_s": wall,
        "posts_per_s": rate,
        "posts_per_s_net_of_startup": net,
        "maxrss_kb": usage["maxrss_kb"],
        "user_s": usage["user_s"],
        "sys_s": usage["sys_s"],
        "posts_per_cpu_s": n / (usage["user_s"] + usage["sys_s"]),
        "verdicts": {v: verdicts.get(v, 0) for v in (*VERDICTS, "error", "unparsable")},
        "stderr_tail": stderr.strip().splitlines()[-3:],
    }
    ok = code in (0, 1) and lines == n
    b.row("posts/s end to end", f"{rate:,.0f}", "", "" if ok else f"exit {code}, {lines:,} lines")
    if net:
        b.row("  net of process start-up", f"{net:,.0f}")
    b.row("  by CPU time (user + sys)", f"{n / (usage['user_s'] + usage['sys_s']):,.0f}")
    b.row(
        "wall time",
        f"{wall:.2f} s",
        "",
        f"(user {usage['user_s']:.2f} s, sys {usage['sys_s']:.2f} s)",
    )
    b.row("peak RSS (streaming)", _mb(usage["maxrss_kb"]))
    b.row(
        "input / output",
        f"{path.stat().st_size / 1e6:.1f} MB / {out_path.stat().st_size / 1e6:.1f} MB",
    )
    inproc = b.results.get("verdicts", {}).get("verdicts")
    if inproc:
        same = all(inproc[v] == verdicts.get(v, 0) for v in VERDICTS)
        b.row("verdicts agree with in-process", "yes" if same else "NO", "", "" if same else "MISS")
        b.results["cli"]["verdicts_agree_with_in_process"] = same


def section_profile(b: Bench) -> None:
    """cProfile over N posts (top 25 by cumulative time), and each rule's cost on its own."""
    m = min(b.args.profile, len(b.posts))
    b.heading(f"Profile (cProfile over {m:,} posts; bench/out/profile.txt)")
    if not _engine_ready(b, "profile"):
        return
    check, from_dict, pack = b.engine.check_post, b.engine.post_from_dict, b.engine.pack
    posts = b.posts[:m]

    def work() -> None:
        for data in posts:
            try:  # noqa: SIM105 - profiled: no context manager in the loop
                check(from_dict(data), pack)
            except Exception:
                pass

    prof = cProfile.Profile()
    prof.runcall(work)
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.strip_dirs().sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(25)
    text = buf.getvalue()
    (OUT_DIR / "profile.txt").write_text(text, encoding="utf-8")
    prof.dump_stats(OUT_DIR / "profile.pstats")
    print(text)
    result: dict[str, Any] = {"posts": m, "file": str(OUT_DIR / "profile.txt")}
    m2 = min(RULE_COST_POSTS, len(b.posts))
    costs = _rule_costs(b, m2)
    if costs:
        result["rule_cost_alone_us_per_post"] = costs
        b.row(
            f"each rule alone, µs/post over {m2:,} posts", "", "", "(incl. the detectors it uses)"
        )
        for rule, us in costs.items():
            b.row(f"  {rule}", f"{us:,.1f}")
    costs = _detector_costs(b, m2)
    if costs:
        result["detector_cost_alone_us_per_post"] = costs
        b.row(
            f"each Subject detector alone, µs/post over {m2:,} posts",
            "",
            "",
            "(incl. the ones it uses)",
        )
        for name, us in costs.items():
            b.row(f"  {name}", f"{us:,.1f}")
    b.results["profile"] = result


def _rule_costs(b: Bench, m: int) -> dict[str, float]:
    """The cost of each rule run alone on a fresh Subject (so it pays for the shared detectors
    it uses): the sum is more than a full check, but the ranking points at the slow rules."""
    if not b.engine.real:
        return {}
    try:
        from bluelamp.engine.rules.base import registry
        from bluelamp.engine.rules.subject import Subject
    except Exception:
        return {}
    pack, from_dict = b.engine.pack, b.engine.post_from_dict
    posts = [from_dict(d) for d in b.posts[:m]]
    clock = time.perf_counter_ns
    t0 = clock()
    for post in posts:
        Subject(post, pack)
    base = clock() - t0
    costs = {"(Subject only)": base / m / 1000}
    for rule in registry:
        t0 = clock()
        for post in posts:
            try:  # noqa: SIM105 - timed: no context manager in the loop
                rule.check(Subject(post, pack), pack)
            except Exception:
                pass
        costs[rule.id] = (clock() - t0 - base) / m / 1000
    return dict(sorted(costs.items(), key=lambda kv: -kv[1]))


def _detector_costs(b: Bench, m: int) -> dict[str, float]:
    """The cost of each shared detector (a cached property of Subject) computed alone on a fresh
    Subject; a detector that uses another (e.g. names before private_names) includes it."""
    if not b.engine.real:
        return {}
    try:
        from functools import cached_property as functools_cached_property

        from bluelamp.engine.rules.subject import Subject
        from bluelamp.engine.rules.subject import cached_property as subject_cached_property
    except Exception:
        return {}
    kinds = (functools_cached_property, subject_cached_property)
    names = [k for k, v in vars(Subject).items() if isinstance(v, kinds)]
    pack, from_dict = b.engine.pack, b.engine.post_from_dict
    posts = [from_dict(d) for d in b.posts[:m]]
    clock = time.perf_counter_ns
    t0 = clock()
    for post in posts:
        Subject(post, pack)
    base = clock() - t0
    costs = {}
    for name in names:
        t0 = clock()
        for post in posts:
            try:  # noqa: SIM105 - timed: no context manager in the loop
                getattr(Subject(post, pack), name)
            except Exception:
                pass
        costs[name] = (clock() - t0 - base) / m / 1000
    return dict(sorted(costs.items(), key=lambda kv: -kv[1]))


# (name, function, runs by default). Append new benchmarks here, e.g. a web endpoint load test.
SECTIONS: list[tuple[str, Callable[[Bench], None], bool]] = [
    ("startup", section_startup, True),
    ("throughput", section_throughput, True),
    ("verdicts", section_verdicts, True),
    ("memory", section_memory, True),
    ("cli", section_cli, True),
    ("profile", section_profile, False),
]


# --------------------------------------------------------------------------------------------
# Set-up
# --------------------------------------------------------------------------------------------


def pin_to_one_core(wanted: int | None) -> int | None:
    """Pin this process (and the subprocesses it starts) to one core: by default the
    highest-numbered allowed core, which usually takes fewer interrupts than core 0."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    cpu = wanted if wanted is not None else allowed[-1]
    os.sched_setaffinity(0, {cpu})
    return cpu


def _stage_state(b: Bench) -> str:
    if not b.engine or not b.engine.real:
        return "n/a"
    from bluelamp.engine.stat import stage

    return "on" if stage.enabled() else f"off ({stage.ENV})"


def load_engine(stand_in: bool) -> Engine:
    if stand_in:
        return _stand_in_engine()
    from bluelamp.engine.model import post_from_dict
    from bluelamp.engine.policy_pack import load_pack
    from bluelamp.engine.rules import check_post
    from bluelamp.engine.stat import stage

    # The statistical stage as the installation sets it (BLUELAMP_STATISTICAL_STAGE), like the
    # command line: `BLUELAMP_STATISTICAL_STAGE=off make bench` measures the patterns alone.
    stage.configure(os.environ)
    return Engine(check_post=check_post, post_from_dict=post_from_dict, pack=load_pack())


def _stand_in_engine() -> Engine:
    """A few regexes in place of the rules, to test the harness before the engine imports
    (and to show the harness's own overhead). Not a measure of anything else."""
    from bluelamp.engine.model import Finding, Report, Severity, post_from_dict

    patterns = (
        ("personal-data", Severity.BLOCK, re.compile(r"\b07\d{3} ?\d{3} ?\d{3}\b|\S+@\S+\.\w+")),
        (
            "protective-marking",
            Severity.BLOCK,
            re.compile(r"\bOFFICIAL.?SENSITIVE\b|\bRESTRICTED\b"),
        ),
        ("disclosure-log", Severity.RECORD, re.compile(r"\b(arrested|charged|log \d+)\b", re.I)),
        ("force-link", Severity.ADVISE, re.compile(r"\b(appeal|wanted|missing)\b", re.I)),
    )

    def check_post(post: Any, pack: Any) -> Report:
        findings = []
        for rule, severity, rx in patterns:
            m = rx.search(post.text)
            if m:
                findings.append(
                    Finding(rule, "0.0", severity, "stand-in", m.start(), m.end(), m.group())
                )
        return Report(id=post.id, findings=tuple(findings))

    return Engine(check_post=check_post, post_from_dict=post_from_dict, pack=None, real=False)


def _git_commit() -> str | None:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        return head + ("+dirty" if dirty else "") if head else None
    except OSError:
        return None


def _engine_fingerprint() -> str:
    """A hash of the engine's source and packs, to tell when they change during a run."""
    h = hashlib.sha256()
    src = ROOT / "src" / "bluelamp"
    for path in sorted([*src.glob("engine/**/*.py"), *src.glob("engine/**/*.txt"), *src.glob("policy_packs/*.toml")]):  # fmt: skip
        h.update(str(path.relative_to(src)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def print_table(b: Bench) -> None:
    width = max((len(r[0]) for r in b.rows if not r[0].startswith("## ")), default=30) + 2
    for metric, value, target, verdict in b.rows:
        if metric.startswith("## "):
            print(f"\n{metric[3:]}\n{'-' * len(metric[3:])}")
            continue
        line = f"  {metric:<{width}}{value:>16}"
        if target or verdict:
            line += f"   {target:<10} {verdict}"
        print(line.rstrip())


def summary(b: Bench) -> list[dict[str, Any]]:
    r = b.results
    rows = []
    if "median_posts_per_s" in r.get("throughput", {}):
        v = r["throughput"]["median_posts_per_s"]
        rows.append(
            {
                "target": f"throughput ≥ {TARGET_POSTS_PER_S:,} posts/s",
                "measured": f"{v:,.0f} posts/s",
                "pass": v >= TARGET_POSTS_PER_S,
            }
        )
    if "p99_us" in r.get("latency", {}):
        v = r["latency"]["p99_us"] / 1000
        rows.append(
            {
                "target": f"latency p99 ≤ {TARGET_P99_MS:g} ms",
                "measured": f"{v:.3f} ms",
                "pass": v <= TARGET_P99_MS,
            }
        )
    if "p99_us" in r.get("latency_cpu", {}):
        cpu = r["latency_cpu"]["p99_us"] / 1000
        rows.append({"target": "  same, by CPU time (not contended)", "measured": f"{cpu:.3f} ms", "pass": cpu <= TARGET_P99_MS})  # fmt: skip
    if "median_import_plus_pack_s" in r.get("startup", {}):
        v = r["startup"]["median_import_plus_pack_s"]
        rows.append(
            {
                "target": f"start-up (import + pack) ≤ {TARGET_STARTUP_S} s",
                "measured": f"{v:.3f} s",
                "pass": v <= TARGET_STARTUP_S,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark of bluelamp check on one core.")
    ap.add_argument(
        "--posts",
        type=int,
        default=corpus_gen.DEFAULT_POSTS,
        help="corpus size (default %(default)s)",
    )
    ap.add_argument(
        "--seed",
        type=int,
        default=corpus_gen.DEFAULT_SEED,
        help="corpus seed (default %(default)s)",
    )
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_POSTS:,} posts, for smoke runs")
    ap.add_argument(
        "--corpus", metavar="JSONL", help="benchmark this file instead of a generated corpus"
    )
    ap.add_argument("--cpu", type=int, help="core to pin to (default: the highest allowed)")
    ap.add_argument(
        "--only",
        metavar="S,S",
        help="run only these sections: " + ", ".join(s[0] for s in SECTIONS),
    )
    ap.add_argument(
        "--profile",
        type=int,
        nargs="?",
        const=PROFILE_POSTS,
        default=0,
        metavar="N",
        help=f"also profile N posts (default {PROFILE_POSTS:,})",
    )
    ap.add_argument(
        "--stand-in", action="store_true", help="test the harness with a stand-in checker"
    )
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument(
        "--out", default=str(OUT_DIR / "results.json"), help="where to write the JSON results"
    )
    args = ap.parse_args(argv)
    if args.quick:
        args.posts = QUICK_POSTS
    wanted = {s for s in args.only.split(",")} if args.only else None
    if wanted and (unknown := wanted - {s[0] for s in SECTIONS}):
        ap.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)

    cpu = pin_to_one_core(args.cpu)
    fingerprint = _engine_fingerprint()
    t0 = time.perf_counter()
    if args.corpus:
        path = Path(args.corpus)
        with path.open(encoding="utf-8") as f:
            posts = [json.loads(line) for line in f if line.strip()]
        labels = ["file"] * len(posts)
    else:
        path = None
        labelled = list(corpus_gen.generate_labelled(args.posts, args.seed))
        labels = [label for label, _ in labelled]
        posts = [post for _, post in labelled]
        del labelled
    gen_s = time.perf_counter() - t0
    corpus_stats = corpus_gen.stats(list(zip(labels, posts, strict=True)))
    # The corpus stays in memory for the whole run; freezing it keeps the garbage collector from
    # re-scanning 100,000 dicts (a cost of the harness, not of the engine) during timed runs.
    gc.collect()
    gc.freeze()

    b = Bench(args=args, posts=posts, labels=labels, cpu=cpu, corpus_path=path)
    try:
        b.engine = load_engine(args.stand_in)
    except Exception as exc:  # the engine is still being written: run what does not need it
        b.engine_error = f"{type(exc).__name__}: {exc}"

    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    meta = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "git": _git_commit(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_model": _cpu_model(),
        "cpus": os.cpu_count(),
        "pinned_core": cpu,
        "load_average_1min_at_start": load1,
        "posts": len(posts),
        "seed": None if args.corpus else args.seed,
        "corpus_file": str(path) if path else None,
        "corpus_generation_s": gen_s,
        "corpus": corpus_stats,
        "engine": "stand-in"
        if args.stand_in
        else ("bluelamp.engine.rules" if b.engine else b.engine_error),
        "gc": "enabled; corpus frozen with gc.freeze()",
        "statistical_stage": _stage_state(b),
    }
    source = f"{args.corpus}" if args.corpus else f"generated, seed {args.seed}"
    print(f"Bluelamp rules engine benchmark: {len(posts):,} text-only posts ({source})")
    pinned = (
        f"pinned to core {cpu} of {os.cpu_count()}"
        if cpu is not None
        else "not pinned (no sched_setaffinity)"
    )
    print(
        f"{platform.python_implementation()} {platform.python_version()}, {_cpu_model()}, {pinned}; git {meta['git']}"
    )
    print(f"statistical stage: {meta['statistical_stage']}")
    ln = corpus_stats["length"]
    print(
        f"corpus: {corpus_stats['distinct_texts']:,} distinct texts, {len(corpus_stats['by_kind_of_post'])} kinds of post, length p50 {ln['p50']} / p99 {ln['p99']} / max {ln['max']:,} chars; generated in {gen_s:.1f} s"
    )
    if load1 is not None and load1 > 1.0:
        print(
            f"note: load average {load1:.2f} at start - other work on the machine may skew the figures"
        )
    if b.engine_error:
        print(f"engine not importable ({b.engine_error}); sections that need it are skipped")
    if args.stand_in:
        print("STAND-IN CHECKER: these figures test the harness, not the engine")

    for name, func, default in SECTIONS:
        if (wanted is None and not default and not (name == "profile" and args.profile)) or (
            wanted is not None and name not in wanted
        ):
            continue
        print(f"... {name}", file=sys.stderr, flush=True)
        try:
            func(b)
        except Exception as exc:
            b.results[name] = {"error": traceback.format_exc()}
            b.row(f"{name}: error", f"{type(exc).__name__}: {exc}"[:80])

    meta["engine_source_sha256"] = fingerprint
    if _engine_fingerprint() != fingerprint:
        meta["engine_changed_during_run"] = True
        b.row("## WARNING", "")
        b.row("the engine's source changed during this run", "", "", "figures mix versions")
    print_table(b)
    targets = summary(b)
    if targets:
        print("\nTargets (issue 2, point 6)\n--------------------------")
        for t in targets:
            print(f"  {t['target']:<36}{t['measured']:>18}   {_verdict(t['pass'])}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"meta": meta, "targets": targets, "sections": b.results}, indent=2, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\nresults: {out}")
    return 1 if args.strict and not all(t["pass"] for t in targets) else 0


if __name__ == "__main__":
    sys.exit(main())

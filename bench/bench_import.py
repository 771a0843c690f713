"""Import-and-check throughput of `bluelamp archive import` on a generated X archive.

`make bench` runs this after the engine and API benchmarks. It writes an X "Your archive" folder
(``data/tweets.js`` with the ``window.YTD.tweets.part0`` prefix and ``data/deleted-tweets.js``,
every post ``{"tweet": {...}}`` with entities, counts as strings, replies, reposts, t.co links
and HTML entities) of N posts whose texts come from the seeded benchmark corpus
(bench/corpus_gen.py), builds a throw-away instance (SQLite in a temporary directory,
production settings), migrates it, records one account, and then times, each as the user would
run it (a new process, Django start-up included):

- ``read``: `bluelamp archive read --jsonl` to /dev/null (the readers alone);
- ``import``: `bluelamp archive import --account x:BenchForce` (read, check every post with
  the engine, store, audit, one transaction);
- ``again``: the same import run a second time (every post found already there, none added).

Results go to bench/out/import.json and a table on stdout, with the target (100,000 posts
imported and checked in at most 30 s).

    .venv/bin/python bench/bench_import.py               # 100,000 posts
    .venv/bin/python bench/bench_import.py --posts 10000 # smoke run
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import random
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT = BENCH_DIR / "out" / "import.json"
BLUELAMP = Path(sys.executable).parent / "bluelamp"
sys.path.insert(0, str(BENCH_DIR))

import corpus_gen  # noqa: E402

TARGET_SECONDS_PER_100K = 30.0
DEFAULT_POSTS = 100_000
SEED = 20261207
HANDLE = "BenchForce"

SETUP = f"""
import django
django.setup()
from bluelamp.social_accounts.tests.factories import AccountFactory
AccountFactory(platform="x", handle="{HANDLE}")
"""

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def x_date(when: float) -> str:
    t = time.gmtime(when)
    return (
        f"{DAYS[t.tm_wday]} {MONTHS[t.tm_mon - 1]} {t.tm_mday:02d} "
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000 {t.tm_year}"
    )


def tweet(r: random.Random, number: int, text: str, when: float, deleted: bool) -> dict:
    post_id = str(1_300_000_000_000_000_000 + number * 4096 + r.randrange(4096))
    entities: dict = {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []}
    extra: dict = {}
    text = text.replace("&", "&amp;")
    roll = r.random()
    if roll < 0.05:
        text = f"RT @OtherForce: {text}"[:280]
        entities["user_mentions"].append(
            {
                "name": "Other Force",
                "screen_name": "OtherForce",
                "indices": ["3", "14"],
                "id_str": "777",
            }
        )
    elif roll < 0.20:
        reply_to = str(1_200_000_000_000_000_000 + r.randrange(10**15))
        extra = {
            "in_reply_to_status_id_str": reply_to,
            "in_reply_to_status_id": reply_to,
            "in_reply_to_screen_name": "someone",
            "in_reply_to_user_id_str": "12345",
        }
        text = f"@someone {text}"
    if r.random() < 0.25:
        short = f"https://t.co/{r.randrange(36**10):010x}"[:23]
        entities["urls"].append(
            {
                "url": short,
                "expanded_url": f"https://www.example.police.uk/news/{number}",
                "display_url": f"example.police.uk/news/{number}",
                "indices": [str(len(text) + 1), str(len(text) + 24)],
            }
        )
        text = f"{text} {short}"
    body = {
        "edit_info": {
            "initial": {
                "editTweetIds": [post_id],
                "editableUntil": "2026-01-01T00:00:00.000Z",
                "editsRemaining": "5",
                "isEditEligible": False,
            }
        },
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": entities,
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(r.randrange(50)),
        "id_str": post_id,
        "truncated": False,
        "retweet_count": str(r.randrange(10)),
        "id": post_id,
        "created_at": x_date(when),
        "favorited": False,
        "full_text": text,
        "lang": "en",
        **extra,
    }
    if deleted:
        body["deleted_at"] = x_date(when + 600)
    return {"tweet": body}


def write_archive(folder: Path, n: int) -> tuple[int, int]:
    """An X archive of ``n`` posts, 2% of them deleted; returns (posts, bytes)."""
    r = random.Random(SEED)
    data = folder / "data"
    data.mkdir(parents=True)
    start = 1_500_000_000.0
    deleted_every = 50
    size = 0
    with (
        (data / "tweets.js").open("w", encoding="utf-8") as tweets,
        (data / "deleted-tweets.js").open("w", encoding="utf-8") as deleted,
    ):
        tweets.write("window.YTD.tweets.part0 = [ ")
        deleted.write("window.YTD.deleted_tweets.part0 = [ ")
        first = {"t": True, "d": True}
        for number, post in enumerate(corpus_gen.generate(n, SEED)):
            is_deleted = number % deleted_every == 0
            item = tweet(r, number, post["text"], start + number * 900, is_deleted)
            stream, key = (deleted, "d") if is_deleted else (tweets, "t")
            if not first[key]:
                stream.write(", ")
            first[key] = False
            stream.write(json.dumps(item, indent=2, ensure_ascii=False).replace('": ', '" : '))
        tweets.write(" ]")
        deleted.write(" ]")
    for file in data.iterdir():
        size += file.stat().st_size
    return n, size


CPU_S: dict[str, float] = {}
PEAK_MB: dict[str, float] = {}


def timed(
    args: list[str], env: dict, cwd: Path, stdout=subprocess.PIPE, label: str = ""
) -> tuple[float, str]:
    """Wall time of the command; its CPU time (with its worker processes) goes to CPU_S."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(
        args, env=env, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=1800
    )
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_S[label or " ".join(args[1:3])] = (after.ru_utime + after.ru_stime) - (
        before.ru_utime + before.ru_stime
    )
    # The largest resident set of any process run so far (Linux: KiB): an upper bound for this one.
    PEAK_MB[label or " ".join(args[1:3])] = after.ru_maxrss / 1024
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed:\n{done.stderr[-2000:]}")
    return seconds, (done.stdout or "") + done.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=DEFAULT_POSTS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bluelamp-bench-import-") as tmp:
        where = Path(tmp)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "bluelamp.config.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "BLUELAMP_DATA_DIR": str(where),
            "BLUELAMP_LOG_LEVEL": "WARNING",
            "BLUELAMP_AUDIT_KEYS": "bench:" + secrets.token_urlsafe(32),
            "BLUELAMP_AUDIT_CHECKPOINT_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        }
        began = time.perf_counter()
        posts, size = write_archive(where / "archive", args.posts)
        print(
            f"generated an X archive of {posts:,} posts ({size / 1e6:.0f} MB) "
            f"in {time.perf_counter() - began:.1f} s",
            flush=True,
        )
        timed(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"], env, where
        )
        timed([sys.executable, "-c", SETUP], env, where)
        archive = str(where / "archive")
        read_s, _ = timed(
            [str(BLUELAMP), "archive", "read", "--jsonl", archive],
            env,
            where,
            subprocess.DEVNULL,
            label="read",
        )
        command = [
            str(BLUELAMP),
            "archive",
            "import",
            "--quiet",
            "--account",
            f"x:{HANDLE}",
            archive,
        ]
        import_s, said = timed(command, env, where, label="import")
        again_s, said_again = timed(command, env, where, label="again")
    per_100k = import_s * 100_000 / posts
    results = {
        "posts": posts,
        "archive_mb": round(size / 1e6, 1),
        "read_s": round(read_s, 2),
        "import_s": round(import_s, 2),
        "import_posts_per_s": round(posts / import_s),
        "again_s": round(again_s, 2),
        "cpu_s": {k: round(v, 1) for k, v in CPU_S.items()},
        "peak_rss_mb_so_far": {k: round(v) for k, v in PEAK_MB.items()},
        "import_s_per_100k": round(per_100k, 1),
        "target_s_per_100k": TARGET_SECONDS_PER_100K,
        "pass": per_100k <= TARGET_SECONDS_PER_100K,
        "import_said": said.strip().splitlines()[-1],
        "again_said": said_again.strip().splitlines()[-1],
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    verdict = "PASS" if results["pass"] else "MISS"
    print(f"{'read (archive read --jsonl)':34} {read_s:7.1f} s  {posts / read_s:9,.0f} posts/s")
    print(
        f"{'import and check':34} {import_s:7.1f} s  {posts / import_s:9,.0f} posts/s  "
        f"(target ≤ {TARGET_SECONDS_PER_100K:.0f} s per 100,000: {verdict})"
    )
    print(f"{'the same import again (0 new)':34} {again_s:7.1f} s")
    print(
        "CPU time (with worker processes): "
        + ", ".join(f"{k} {v:.1f} s" for k, v in CPU_S.items() if k in ("read", "import", "again"))
    )
    cpu = CPU_S.get("import", 0.0)
    print(
        f"CPU time of the import (all its processes): {cpu:.1f} s; on {os.cpu_count()} idle "
        f"cores that is at least {cpu / (os.cpu_count() or 1):.1f} s"
    )
    print(f"largest process so far after the import: {PEAK_MB.get('import', 0):.0f} MB resident")
    print(results["import_said"])
    print(f"load average {results['load_average'][0]:.1f}; written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

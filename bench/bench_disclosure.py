"""Time and memory of `bluelamp archive export` (the disclosure export) on a large account.

Builds a throw-away instance (SQLite in a temporary directory, production settings), migrates
it, records one account with N published posts (each with a finding and a version; the first
2,000 with an audit event too), and runs, each as a new process measured by /usr/bin/time:

- CSV and JSON of every post (streamed to a file): wall time and peak resident memory, for N
  and for N/4, to show memory does not grow with the number of posts;
- a PDF of 768 posts (a PDF holds at most 1,000).

    .venv/bin/python bench/bench_disclosure.py                # 100,000 posts
    .venv/bin/python bench/bench_disclosure.py --posts 20000  # smoke run
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLUELAMP = Path(sys.executable).parent / "bluelamp"

SETUP = """
import datetime as dt, sys
import django
django.setup()
from django.db import transaction
from bluelamp.audit.services import audit_record
from bluelamp.publishing.models import Post, PostVersion
from bluelamp.social_accounts.tests.factories import AccountFactory

n = int(sys.argv[1])
account = AccountFactory(platform="x", handle="BenchForce")
start = dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.UTC)
finding = [{"rule": "disclosure-log", "clause": "4.24", "severity": "record",
            "message": "Record it on the incident log.", "excerpt": "burglary"}]
batch = []
for i in range(n):
    when = start + dt.timedelta(minutes=5 * i)
    batch.append(Post(account=account, text=f"Post {i}: a burglary in Dudley, Zoë's café. Call 101.",
                      state="published", source="imported", verdict="record", findings=finding,
                      rules_version="wmp-cc01 v2.1; bluelamp 0.1.0", platform_post_id=str(10**17 + i),
                      published_at=when, created_at=when, updated_at=when, version=1))
    if len(batch) == 5000:
        Post.objects.bulk_create(batch); batch = []
Post.objects.bulk_create(batch)
versions = [PostVersion(post_id=pk, number=1, text="v1", source="sent", made_at=start)
            for pk in Post.objects.values_list("pk", flat=True)]
PostVersion.objects.bulk_create(versions, batch_size=5000)
with transaction.atomic():
    for post in Post.objects.order_by("pk")[:2000]:
        audit_record(actor=None, actor_text="bench", action="post.published", target=post,
                     after={"state": "published"}, now=post.published_at)
print(Post.objects.order_by("-published_at").values_list("published_at", flat=True).first().date())
"""


def run(args: list[str], env: dict, cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and posts exported of one command."""
    began = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    posts = int(lines[-2].split()[1]) if lines[-2].startswith("Exported ") else 0
    return seconds, int(lines[-1]) / 1024, posts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bluelamp-bench-disclosure-") as tmp:
        where = Path(tmp)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "bluelamp.config.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "BLUELAMP_DATA_DIR": str(where),
            "BLUELAMP_LOG_LEVEL": "WARNING",
            "BLUELAMP_AUDIT_KEYS": "k1:" + secrets.token_urlsafe(32),
            "BLUELAMP_AUDIT_CHECKPOINT_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        }
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"],
            env=env,
            cwd=where,
            check=True,
        )
        began = time.perf_counter()
        last = subprocess.run(
            [sys.executable, "-c", SETUP, str(args.posts)],
            env=env,
            cwd=where,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(f"{args.posts:,} posts made in {time.perf_counter() - began:.0f} s", flush=True)
        quarter = args.posts // 4
        quarter_to = (
            dt.datetime(2025, 1, 1, 8, 0) + dt.timedelta(minutes=5 * (quarter - 1))
        ).date()
        # A post every 5 minutes from 08:00 on 1 January: 768 posts by the end of 3 January.
        pdf_to = dt.date(2025, 1, 3)
        base = [str(BLUELAMP), "archive", "export", "--account", "x:BenchForce"]
        print("| export | posts | wall s | posts/s | peak RSS MB | file MB |")
        print("|---|---|---|---|---|---|")
        for fmt in ("csv", "json"):
            for to in (quarter_to.isoformat(), last):
                out = where / f"out.{fmt}"
                seconds, peak, count = run(
                    [
                        *base,
                        "--from",
                        "2025-01-01",
                        "--to",
                        to,
                        "--format",
                        fmt,
                        "--output",
                        str(out),
                    ],
                    env,
                    where,
                )
                print(
                    f"| {fmt} | {count:,} | {seconds:.1f} | {count / seconds:,.0f} | {peak:.0f} | "
                    f"{out.stat().st_size / 1e6:.1f} |",
                    flush=True,
                )
        out = where / "out.pdf"
        seconds, peak, count = run(
            [
                *base,
                "--from",
                "2025-01-01",
                "--to",
                pdf_to.isoformat(),
                "--format",
                "pdf",
                "--output",
                str(out),
            ],
            env,
            where,
        )
        print(
            f"| pdf | {count:,} | {seconds:.1f} | {count / seconds:,.0f} | {peak:.0f} | "
            f"{out.stat().st_size / 1e6:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Request timings at scale (`make bench-scale`): the demo plus N archived posts over 5,000
accounts (``scale_gen``), served as an operator would serve it, timed one request at a time.

1. A throw-away instance: production settings (DEBUG off, its own secret and audit keys,
   local passwords without two-factor as in the demo), on SQLite in a temporary directory, or on
   the PostgreSQL in ``DATABASE_URL`` (``.ci/with-postgres make bench-scale``: a throw-away
   server; the generator refuses a database that holds more than the demo). Migrated, then the
   dataset generated into it (``bench/scale_gen.py``, timed).
2. gunicorn with ``deploy/gunicorn.conf.py`` and one worker (``BLUELAMP_WEB_WORKERS=1``) on
   127.0.0.1.
3. Signed in as the demo's CCD through the sign-in page (a session cookie), each request of
   ``REQUESTS`` is sent 2 times to warm up, then ``--repeat`` (20) times, one at a time; the
   median, p95, maximum, status and page size of each are printed as a table and written to
   ``bench/out/scale-<database>-<posts>.json`` with the dataset's counts, the generator's
   times and the load average.

    make bench-scale                        # 1,000,000 posts on SQLite
    make bench-scale SCALE=100000
    .ci/with-postgres make bench-scale SCALE=100000
    .venv/bin/python bench/bench_scale.py --posts 10000 --keep /tmp/scale   # keep the data
    .venv/bin/python bench/bench_scale.py --reuse /tmp/scale                # time it again

Only 127.0.0.1 is ever contacted, and the server is stopped at the end whatever happens.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
PYTHON = sys.executable
GUNICORN = Path(sys.executable).parent / "gunicorn"
HOST = "127.0.0.1"  # never anything but loopback
DEMO_PASSWORD = "bluelamp-demo-only"  # the demo's (load_demo.DEMO_PASSWORD)
REPEAT = 20
WARM_UP = 2

#: (name, path) of each request timed; {post}, {account}, {word}, {rule} are filled from the
#: data (``targets``).
REQUESTS = (
    ("archive page, no filter", "/archive/"),
    ("archive, word search", "/archive/?q={word}"),
    ("archive, rule filter", "/archive/?rule={rule}"),
    ("archive, page 100", "/archive/?page=100"),
    ("GET /api/v1/posts, no filter", "/api/v1/posts"),
    ("account health", "/account-health/"),
    ("approvals queue", "/posts/approvals/"),
    ("one post", "/archive/{post}/"),
    ("an account page", "/accounts/{account}/"),
    ("registry list", "/accounts/"),
)
WORD = "burglary"
RULE = "personal-data"

TARGETS = """
import json
import django
django.setup()
from django.db.models import Count
from bluelamp.publishing.models import Post
from bluelamp.social_accounts.models import Account
# A post from the middle of the archive, and the account with the most posts.
total = Post.objects.filter(state="published").count()
post = Post.objects.filter(state="published").order_by("pk")[total // 2]
account = Account.objects.annotate(n=Count("posts")).order_by("-n", "pk").first()
print(json.dumps({"post": str(post.public_id), "account": account.pk}))
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


class Instance:
    """A throw-away Bluelamp on SQLite (in ``data_dir``) or the PostgreSQL in DATABASE_URL,
    served by gunicorn on 127.0.0.1."""

    def __init__(self, data_dir: Path, *, database_url: str = "") -> None:
        self.dir = data_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        keys = self.dir / "keys.json"
        if not keys.exists():  # kept with the data, so that --reuse signs with the same keys
            keys.write_text(
                json.dumps(
                    {
                        "secret": secrets.token_urlsafe(50),
                        "audit": "bench:" + secrets.token_urlsafe(32),
                        "checkpoint": base64.urlsafe_b64encode(os.urandom(32)).decode(),
                    }
                ),
                encoding="utf-8",
            )
        made = json.loads(keys.read_text(encoding="utf-8"))
        self.database_url = database_url
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "bluelamp.config.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": made["secret"],
            "DJANGO_ALLOWED_HOSTS": HOST,
            "BLUELAMP_DATA_DIR": str(self.dir),
            "BLUELAMP_LOG_LEVEL": "WARNING",
            "BLUELAMP_AUDIT_KEYS": made["audit"],
            "BLUELAMP_AUDIT_CHECKPOINT_KEYS": made["checkpoint"],
            "BLUELAMP_LOCAL_TWO_FACTOR": "false",
            "PYTHONPATH": str(BENCH_DIR),
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.server: subprocess.Popen | None = None
        self.port = 0

    @property
    def vendor(self) -> str:
        return "postgresql" if self.database_url.startswith("postgres") else "sqlite"

    def run(self, *args: str, timeout: float = 7200, quiet: bool = False) -> str:
        done = subprocess.run(
            [PYTHON, *args],
            env=self.env,
            cwd=self.dir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE if quiet else None,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed (exit {done.returncode})")
        return done.stdout

    def migrate(self) -> None:
        self.run(str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0", quiet=True)

    def generate(self, *options: str) -> dict[str, Any]:
        out = self.dir / "generated.json"
        self.run(str(BENCH_DIR / "scale_gen.py"), "--json", str(out), *options)
        return json.loads(out.read_text(encoding="utf-8"))

    def serve(self, workers: int = 1, threads: int | None = None) -> None:
        self.port = free_port()
        env = {
            **self.env,
            "BLUELAMP_BIND": f"{HOST}:{self.port}",
            "BLUELAMP_WEB_WORKERS": str(workers),
        }
        if threads is not None:
            env["BLUELAMP_WEB_THREADS"] = str(threads)
        log = open(self.dir / "gunicorn.log", "w")  # noqa: SIM115
        self.server = subprocess.Popen(
            [
                str(GUNICORN),
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--access-logfile",
                str(self.dir / "access.log"),
                "bluelamp.config.wsgi",
            ],
            env=env,
            cwd=self.dir,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.log())
            try:
                status, _, _ = Client(self.port).get("/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 120 s:\n" + self.log())

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn's worker processes (Linux /proc): on a machine
        shared with other work, the part of a request's time that is the server's own."""
        assert self.server is not None
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        pid = self.server.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        for child in children.read_text().split() if children.exists() else []:
            try:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def log(self) -> str:
        path = self.dir / "gunicorn.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
        self.server = None


class Client:
    """One person's browser, reduced to what is timed: cookies kept by hand (the session and
    CSRF cookies are ``Secure`` in production settings, which a client speaking plain HTTP to
    127.0.0.1 would otherwise drop), a new connection per request."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, bytes, float, dict]:
        head = {"Host": HOST, **(headers or {})}
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        began = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=head)
            response = connection.getresponse()
            data = response.read()
            seconds = time.perf_counter() - began
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, data, seconds, dict(response.getheaders())

    def get(self, path: str) -> tuple[int, bytes, float]:
        status, data, seconds, _ = self.request("GET", path)
        return status, data, seconds

    def sign_in(self, username: str, password: str = DEMO_PASSWORD) -> None:
        status, page, _, _ = self.request("GET", "/sign-in/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise RuntimeError(f"the sign-in page answered {status}")
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": password,
            }
        ).encode()
        status, _, _, headers = self.request(
            "POST",
            "/sign-in/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302 or "/sign-in/" in headers.get("Location", "/sign-in/"):
            raise RuntimeError(f"signing in as {username} failed ({status})")


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def time_requests(
    instance: Instance, client: Client, targets: dict[str, str], repeat: int
) -> list[dict]:
    rows = []
    for name, template in REQUESTS:
        path = template.format(**targets)
        for _ in range(WARM_UP):
            client.get(path)
        times, statuses, size = [], set(), 0
        cpu = instance.cpu_seconds()
        for _ in range(repeat):
            status, data, seconds = client.get(path)
            times.append(seconds * 1000)
            statuses.add(status)
            size = len(data)
        cpu = instance.cpu_seconds() - cpu
        rows.append(
            {
                "request": name,
                "path": path,
                "median_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
                # The server's CPU time per request (clock ticks of 10 ms, averaged).
                "server_cpu_ms": round(cpu * 1000 / repeat, 1),
                "status": sorted(statuses),
                "bytes": size,
                "times_ms": [round(t, 1) for t in times],
            }
        )
        row = rows[-1]
        print(
            f"| {name} | {row['median_ms']:,.0f} | {row['p95_ms']:,.0f} | "
            f"{row['max_ms']:,.0f} | {row['server_cpu_ms']:,.0f} | "
            f"{','.join(map(str, row['status']))} | "
            f"{size / 1024:,.0f} KB |",
            flush=True,
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--keep", type=Path, help="keep the data (SQLite) in this directory")
    parser.add_argument("--reuse", type=Path, help="time the data kept by --keep again")
    parser.add_argument("--out", type=Path, help="the JSON file (default bench/out/scale-*.json)")
    parser.add_argument("--label", default="", help="a word for the run (before, after ...)")
    args = parser.parse_args(argv)

    database_url = os.environ.get("DATABASE_URL", "")
    tmp = None
    if args.reuse:
        data_dir = args.reuse
    elif args.keep:
        data_dir = args.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bluelamp-bench-scale-")
        data_dir = Path(tmp.name)
    instance = Instance(data_dir, database_url=database_url)
    result: dict[str, Any] = {
        "label": args.label,
        "database": instance.vendor,
        "posts_asked": args.posts,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average_start": load_average(),
    }
    try:
        if args.reuse:
            generated = json.loads((data_dir / "generated.json").read_text(encoding="utf-8"))
            instance.migrate()  # the code timed may have new migrations
        else:
            print(f"Generating {args.posts:,} posts on {instance.vendor} ...", flush=True)
            began = time.perf_counter()
            instance.migrate()
            generated = instance.generate("--posts", str(args.posts), "--seed", str(args.seed))
            generated["wall_seconds"] = round(time.perf_counter() - began, 1)
            print(
                f"Generated in {generated['wall_seconds']:,.0f} s: "
                + ", ".join(f"{k} {v:,}" for k, v in generated["totals"].items()),
                flush=True,
            )
        result["dataset"] = generated
        result["posts_asked"] = args.posts = generated["generated"]["posts"]
        targets = json.loads(instance.run("-c", TARGETS, quiet=True).strip().splitlines()[-1])
        targets.update(word=WORD, rule=RULE)
        result["targets"] = targets
        instance.serve(workers=1)
        client = Client(instance.port)
        client.sign_in("ccd")
        totals = generated["totals"]
        print(
            f"\n{instance.vendor}, {totals['posts']:,} posts, {totals['accounts']:,} accounts, "
            f"{totals['audit_events']:,} audit events; gunicorn, 1 worker; signed in as CCD; "
            f"{args.repeat} requests each, one at a time (load average {load_average()[0]})\n"
        )
        print("| request | median ms | p95 ms | max ms | server CPU ms | status | size |")
        print("|---|---|---|---|---|---|---|")
        result["requests"] = time_requests(instance, client, targets, args.repeat)
    finally:
        instance.stop()
        if tmp is not None:
            tmp.cleanup()
    result["load_average_end"] = load_average()
    print(f"\nLoad average at start {result['load_average_start']}, at end {load_average()}")
    out = args.out or OUT_DIR / f"scale-{instance.vendor}-{args.posts}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"Written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

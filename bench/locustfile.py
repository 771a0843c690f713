"""The load test's simulated users (Locust): people at work in Bluelamp, each signed in once.

The users are those ``scale_gen`` makes (the demo's password): 140 staff (``scale-staff-000``
...), 40 line managers and 20 Corporate Communications (CCD) users; Locust spreads the
simulated users over the three kinds in that proportion (7 : 2 : 1), each taking the next
username of its kind (round the list again past its end, sharing the accounts).

- **Staff** compose: open the compose page, then type a post as the live check sees it (the
  compose page's ``POST /posts/check/``, JSON with the CSRF header, after each pause in typing:
  the text growing in 3 to 6 steps); browse the archive (a page, a later page, one post); search
  it for a word; open the home page.
- **Line managers** work their approvals queue (the queue, one waiting post's approval page,
  and now and then approve it with a note) and browse and search the archive.
- **CCD** work the whole approvals queue the same way, search the archive by word and by rule,
  look at account health, the registry and the API's post list.

Between two steps a user waits 2 to 8 seconds (reading, typing), between the live checks of
one post 0.5 to 1.5 seconds. Run by ``bench/bench_load.py`` (``make load``) against
127.0.0.1 only; it can be run by hand against an instance made by ``bench_scale.py --keep``:

    .venv/bin/locust -f bench/locustfile.py --headless -u 200 -r 10 -t 3m \\
        --host http://127.0.0.1:8000 --csv bench/out/load
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_gen

PASSWORD = "bluelamp-demo-only"
WORDS = ("burglary", "missing", "appeal", "Dudley", "arrested", "Coventry", "stolen", "court")
RULES = ("personal-data", "disclosure-log", "contempt-risk", "protective-marking")
TEXTS = [p["text"] for p in corpus_gen.generate(500, 7) if 40 <= len(p["text"]) <= 270]
ARCHIVE_POST = re.compile(r'href="/archive/([0-9a-f-]{36})/"')
APPROVE_LINK = re.compile(r'href="/posts/([0-9a-f-]{36})/approve/"')
ACCOUNT_OPTION = re.compile(r'<option value="(\d+)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NOTE_FIELD = re.compile(r'name="([\w-]*note)"')

_numbers = {kind: itertools.count() for kind in ("staff", "manager", "ccd")}
_sizes = {"staff": 140, "manager": 40, "ccd": 20}


class Person(HttpUser):
    abstract = True
    kind = "staff"
    wait_time = between(2, 8)

    def on_start(self) -> None:
        n = next(_numbers[self.kind]) % _sizes[self.kind]
        width = 3 if _sizes[self.kind] > 99 else 2
        self.username = f"scale-{self.kind}-{n:0{width}d}"
        self.cookies: dict[str, str] = {}
        self.sign_in()

    # Production settings mark the session and CSRF cookies Secure; a client on plain HTTP to
    # 127.0.0.1 would drop them, so they are kept by hand and sent as a header.
    def _keep(self, response) -> None:
        for key, value in response.cookies.items():
            self.cookies[key] = value
        self.client.headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def csrf(self) -> str:
        for key, value in self.cookies.items():
            if "csrf" in key:
                return value
        return ""

    def get(self, path: str, name: str | None = None):
        response = self.client.get(path, name=name or path, allow_redirects=False)
        self._keep(response)
        return response

    def sign_in(self) -> None:
        page = self.get("/sign-in/", name="/sign-in/ (once per user)")
        token = CSRF_FIELD.search(page.text or "")
        with self.client.post(
            "/sign-in/",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": self.username,
                "password": PASSWORD,
            },
            name="/sign-in/ (once per user)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self._keep(response)
            if response.status_code != 302 or "/sign-in/" in response.headers.get(
                "Location", "/sign-in/"
            ):
                response.failure(f"signing in as {self.username} failed")

    # --- what everyone does ----------------------------------------------------------------

    def browse_archive(self) -> None:
        page = self.get("/archive/", name="/archive/")
        self.get(f"/archive/?page={random.randint(2, 40)}", name="/archive/?page=[n]")
        found = ARCHIVE_POST.findall(page.text or "")
        if found:
            self.get(f"/archive/{random.choice(found)}/", name="/archive/[post]/")

    def search_archive(self) -> None:
        page = self.get(f"/archive/?q={random.choice(WORDS)}", name="/archive/?q=[word]")
        found = ARCHIVE_POST.findall(page.text or "")
        if found and random.random() < 0.5:
            self.get(f"/archive/{random.choice(found)}/", name="/archive/[post]/")

    def work_queue(self) -> None:
        page = self.get("/posts/approvals/", name="/posts/approvals/")
        waiting = APPROVE_LINK.findall(page.text or "")
        if not waiting:
            return
        public_id = random.choice(waiting)
        post = self.get(f"/posts/{public_id}/approve/", name="/posts/[post]/approve/")
        if post.status_code != 200 or random.random() > 0.3:
            return
        self._approve(public_id, post.text or "")

    def _approve(self, public_id: str, page: str) -> None:
        note = NOTE_FIELD.search(page)
        data = {"csrfmiddlewaretoken": self.csrf(), "action": "approve"}
        if note:
            data[note.group(1)] = "Approved in the load test."
        with self.client.post(
            f"/posts/{public_id}/approve/",
            data=data,
            name="/posts/[post]/approve/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self._keep(response)
            # Another approver may have decided it first: an answer, not an error.
            if response.status_code in (302, 400, 403, 409):
                response.success()


class Staff(Person):
    weight = 7
    kind = "staff"

    def on_start(self) -> None:
        super().on_start()
        page = self.get("/posts/new/", name="/posts/new/")
        self.accounts = ACCOUNT_OPTION.findall(page.text or "")

    @task(4)
    def compose(self) -> None:
        self.get("/posts/new/", name="/posts/new/")
        if not self.accounts:
            return
        account = int(random.choice(self.accounts))
        text = random.choice(TEXTS)
        steps = random.randint(3, 6)
        for i in range(1, steps + 1):
            typed = text[: max(1, len(text) * i // steps)]
            with self.client.post(
                "/posts/check/",
                json={"text": typed, "account": account, "kind": "post"},
                headers={"X-CSRFToken": self.csrf()},
                name="/posts/check/ (live check)",
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"{response.status_code}: {response.text[:200]}")
            self._sleep(random.uniform(0.5, 1.5))

    def _sleep(self, seconds: float) -> None:
        import gevent

        gevent.sleep(seconds)

    @task(3)
    def archive(self) -> None:
        self.browse_archive()

    @task(2)
    def search(self) -> None:
        self.search_archive()

    @task(1)
    def home(self) -> None:
        self.get("/", name="/ (home)")


class Manager(Person):
    weight = 2
    kind = "manager"

    @task(4)
    def queue(self) -> None:
        self.work_queue()

    @task(2)
    def archive(self) -> None:
        self.browse_archive()

    @task(1)
    def search(self) -> None:
        self.search_archive()


class Ccd(Person):
    weight = 1
    kind = "ccd"

    @task(3)
    def queue(self) -> None:
        self.work_queue()

    @task(3)
    def search(self) -> None:
        self.search_archive()

    @task(1)
    def rule(self) -> None:
        self.get(f"/archive/?rule={random.choice(RULES)}", name="/archive/?rule=[rule]")

    @task(1)
    def health(self) -> None:
        self.get("/account-health/", name="/account-health/")

    @task(1)
    def registry(self) -> None:
        self.get("/accounts/", name="/accounts/")

    @task(1)
    def api(self) -> None:
        self.get("/api/v1/posts", name="/api/v1/posts")

"""The self-check itself: every post through the rules for a ``personal`` account, and the
report (CC/01 6.1, 5.1-5.4, 6.3, 6.6-6.10). Pure: no Django, no database, nothing written.

Speed: a text that appears more than once (reposts, repeated replies) is checked once (the check
depends on the words and whether it is a reply, nothing else: the tier is always ``personal``).
A large archive is checked on every core while it is still being read, by a pool of processes
that is started the first time it is needed and then kept, so the next self-check of that web
process starts checking at once; the pool closes itself after a few idle minutes. Workers are
sent texts and send back findings as tuples (a fraction of the pickling of dictionaries).

Privacy: the workers keep nothing between chunks; the caches the engine fills with pieces of
the text it saw (hashtags split into words) are emptied after each chunk in a worker, and after
a run in this process."""

from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from bluelamp.engine.model import Post, Severity
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules import check_post, prepare
from bluelamp.engine.rules.detectors import text as engine_text
from bluelamp.selfcheck.reading import PlainPost

TIER = "personal"
#: Below this many distinct texts, starting processes costs more than it saves; with the
#: pool already running, sending them costs less than checking them here from this many.
PARALLEL_FROM = 4000
PARALLEL_FROM_WARM = 400
#: Texts per task sent to a worker: small enough that checking starts early and the cores
#: share the work evenly, large enough that sending costs little.
CHUNK = 500
#: An idle pool is closed after this long (its processes hold the engine: ~100 MB each).
IDLE_SECONDS = 300.0
#: The report lists at most this many posts, worst first (the counts cover every post).
MAX_LISTED = 1000

LOCATION_RULE = "photo-location"
LOCATION_CLAUSE = "5.3"
LOCATION_MESSAGE = (
    "This photo's metadata says where it was taken. Turn off location on your camera and "
    "remove it from photos of home, work or where your family go (CC/01 3.15, 5.3)."
)

#: Rules about the force's own posting that say nothing about a personal post (a link back to
#: the force site, the disclosure log): left out of the self-check.
NOT_FOR_PERSONAL = frozenset({"force-link", "disclosure-log"})

FORCE_NAME_RULE = "force-name"
FORCE_NAME_CLAUSE = "6.8"
FORCE_NAME_MESSAGE = (
    "You name the force or its crest. On a personal account think about your own and the "
    "force's safety when you say where you work (CC/01 6.3), avoid discussing the force (5.4), "
    "and do not use its name, crest or insignia without Corporate Communications' permission "
    "(6.8)."
)
CREST_WORDS = ("crest", "badge", "insignia", "warrant card")

_pack: PolicyPack | None = None
_force_words: re.Pattern[str] | None = None


def _start(pack: PolicyPack) -> None:
    global _pack, _force_words
    _pack = pack
    force = [w for w in pack.lexicon("spoofs.force_names") if w] or [pack.force]
    names = "|".join(re.escape(w) for w in sorted(force, key=len, reverse=True))
    crest = "|".join(re.escape(w) for w in CREST_WORDS)
    # The force's name, or one of its crest's words close after it ("WMP badge").
    _force_words = re.compile(
        rf"(?<!\w)(?:{names})(?:\W+(?:\w+\W+){{0,2}}(?:{crest}))?(?!\w)", re.IGNORECASE
    )


def _worker_start(pack: PolicyPack) -> None:
    _start(pack)
    prepare(pack)  # the whole prefilter before the first post, not pieces of it on the way


def _force_name(text: str) -> dict | None:
    assert _force_words is not None
    match = _force_words.search(text)
    if match is None:
        return None
    return {
        "rule": FORCE_NAME_RULE,
        "clause": FORCE_NAME_CLAUSE,
        "severity": Severity.ADVISE.label,
        "message": FORCE_NAME_MESSAGE,
        "start": match.start(),
        "end": match.end(),
        "excerpt": match.group(0),
    }


#: A finding as a worker sends it back: rule, clause, severity label, message, start, end,
#: excerpt (the order of ``Finding.to_dict``).
Found = tuple[str, str, str, str, int | None, int | None, str | None]
_FIELDS = ("rule", "clause", "severity", "message", "start", "end", "excerpt")


def _check_one(text: str, kind: str) -> tuple[Found, ...]:
    assert _pack is not None
    found: list[Found] = [
        (f.rule, f.clause, f.severity.label, f.message, f.start, f.end, f.excerpt)
        for f in check_post(Post(text=text, tier=TIER, kind=kind), _pack).findings
        if f.rule not in NOT_FOR_PERSONAL
    ]
    named = _force_name(text)
    if named is not None:
        found.append(tuple(named[f] for f in _FIELDS))  # type: ignore[arg-type]
    return tuple(found)


def _forget() -> None:
    """Empty the engine's caches of pieces of text (hashtags and the words found in them)."""
    engine_text.split_hashtag.cache_clear()
    engine_text.segment_words.cache_clear()


def _check_texts(keys: Sequence[tuple[str, str]]) -> list[tuple[Found, ...]]:
    try:
        return [_check_one(text, kind) for text, kind in keys]
    finally:
        _forget()


def _engine_kind(post: PlainPost) -> str:
    return "reply" if post.kind == "reply" else "post"


class _Pool:
    """The worker processes of this (web) process: started on first use, reused by every
    self-check after it (threads may share it: submitting is thread-safe), closed after
    ``IDLE_SECONDS`` without use, replaced if a worker dies or the policy pack changes.

    forkserver: each worker is a clean process with the engine already imported, not a copy of
    a web server's threads and open connections."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.executor: concurrent.futures.ProcessPoolExecutor | None = None
        self.pack: PolicyPack | None = None
        self.workers = 0
        self.pid = 0
        self.busy = 0
        self.last_used = 0.0
        self.timer: threading.Timer | None = None

    def running(self, pack: PolicyPack, workers: int) -> bool:
        return (
            self.executor is not None
            and self.pack is pack
            and self.workers == workers
            and self.pid == os.getpid()
        )

    def acquire(self, pack: PolicyPack, workers: int) -> concurrent.futures.ProcessPoolExecutor:
        with self.lock:
            if not self.running(pack, workers):
                self._close_locked()
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["bluelamp.engine.rules"])
                self.executor = concurrent.futures.ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=context,
                    initializer=_worker_start,
                    initargs=(pack,),
                )
                self.pack, self.workers, self.pid = pack, workers, os.getpid()
            self.busy += 1
            assert self.executor is not None
            return self.executor

    def release(self, executor: concurrent.futures.ProcessPoolExecutor, *, broken: bool) -> None:
        with self.lock:
            self.busy -= 1
            self.last_used = time.monotonic()
            if broken and self.executor is executor:
                self._close_locked()
                return
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(IDLE_SECONDS, self._close_if_idle)
            self.timer.daemon = True
            self.timer.start()

    def _close_if_idle(self) -> None:
        with self.lock:
            self.timer = None
            idle = time.monotonic() - self.last_used
            if self.busy == 0 and idle >= IDLE_SECONDS * 0.99:
                self._close_locked()
            elif self.executor is not None:
                self.timer = threading.Timer(IDLE_SECONDS - idle, self._close_if_idle)
                self.timer.daemon = True
                self.timer.start()

    def _close_locked(self) -> None:
        executor, self.executor, self.pack = self.executor, None, None
        # A pool inherited through fork belongs to the parent: only forget it.
        if executor is not None and self.pid == os.getpid():
            executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self.lock:
            self._close_locked()


_POOL = _Pool()
atexit.register(_POOL.close)


class _Checking:
    """The distinct texts of one run and their findings: sent to the pool a chunk at a time as
    they are read once there are enough of them to be worth it, or checked here at the end."""

    def __init__(self, pack: PolicyPack, workers: int) -> None:
        self.pack, self.workers = pack, workers
        self.keys: dict[tuple[str, str], int] = {}
        self.results: list[tuple[Found, ...] | None] = []
        self.sent = 0
        self.futures: list[tuple[int, concurrent.futures.Future]] = []
        self.executor: concurrent.futures.ProcessPoolExecutor | None = None
        self.threshold = PARALLEL_FROM_WARM if _POOL.running(pack, workers) else PARALLEL_FROM

    def add(self, key: tuple[str, str]) -> int:
        number = self.keys.get(key)
        if number is None:
            number = self.keys[key] = len(self.keys)
            self.results.append(None)
            waiting = len(self.keys) - self.sent
            if self.workers > 1 and (
                waiting >= CHUNK if self.executor is not None else len(self.keys) >= self.threshold
            ):
                self._send()
        return number

    def _send(self) -> None:
        if self.executor is None:
            self.executor = _POOL.acquire(self.pack, self.workers)
        keys = list(self.keys)
        for start in range(self.sent, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            self.futures.append((start, self.executor.submit(_check_texts, chunk)))
        self.sent = len(keys)

    def abandon(self) -> None:
        """The upload could not be read to the end: drop what was sent, free the pool."""
        for _, future in self.futures:
            future.cancel()
        if self.executor is not None:
            _POOL.release(self.executor, broken=False)
            self.executor = None
        self.futures.clear()

    def finish(self) -> list[tuple[Found, ...]]:
        broken = False
        try:
            if self.executor is not None:
                self._send()
                for start, future in self.futures:
                    try:
                        part = future.result()
                    except BrokenProcessPool:
                        broken = True  # a worker died (memory?): the rest is checked here
                        continue
                    self.results[start : start + len(part)] = part
        finally:
            if self.executor is not None:
                _POOL.release(self.executor, broken=broken)
        missing = [i for i, r in enumerate(self.results) if r is None]
        if missing:
            _start(self.pack)
            keys = list(self.keys)
            try:
                for i in missing:
                    self.results[i] = _check_one(*keys[i])
            finally:
                _forget()
        return self.results  # type: ignore[return-value]


@dataclass
class SelfCheckReport:
    source: str
    posts: int
    checked: int
    flagged: int
    seconds: float
    by_rule: list[dict]
    verdicts: dict[str, int]
    items: list[dict]
    listed_all: bool

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "posts": self.posts,
            "checked": self.checked,
            "flagged": self.flagged,
            "seconds": round(self.seconds, 2),
            "by_rule": self.by_rule,
            "verdicts": self.verdicts,
            "items": self.items,
            "listed_all": self.listed_all,
        }


def _as_dict(found: Found) -> dict:
    return dict(zip(_FIELDS, found, strict=True))


_LOCATION: Found = (
    LOCATION_RULE, LOCATION_CLAUSE, Severity.REVIEW.label, LOCATION_MESSAGE, None, None, None
)  # fmt: skip
_ORDER = {s.label: -int(s) for s in Severity}


def _verdict(findings: Sequence[Found]) -> str:
    worst = max((Severity.parse(f[2]) for f in findings), default=Severity.PASS)
    return worst.label


def check_posts(
    posts: Iterable[PlainPost],
    pack: PolicyPack,
    *,
    source: str = "",
    workers: int | None = None,
) -> SelfCheckReport:
    """Check every post; the report lists those with findings, worst first.

    Streaming: posts are checked while they are still being read; what is held meanwhile is
    each distinct text once and, per post, only what the report lists about it."""
    started = time.perf_counter()
    checking = _Checking(pack, workers or os.cpu_count() or 1)
    # (key number or -1, photo location?, index, id, platform, when, kind) for each post.
    seen: list[tuple[int, bool, int, str | None, str, object, str]] = []
    try:
        for post in posts:
            number = checking.add((post.text, _engine_kind(post))) if post.text.strip() else -1
            when = post.created_at.isoformat() if post.created_at else None
            seen.append(
                (number, post.gps is not None, post.index, post.platform_id, post.platform, when,
                 post.kind)
            )  # fmt: skip
    except BaseException:
        checking.abandon()
        raise
    results = checking.finish()
    texts = [text for text, _ in checking.keys]
    flagged: list[dict] = []
    rules: Counter[tuple[str, str]] = Counter()
    verdicts: Counter[str] = Counter()
    checked = 0
    for number, located, index, platform_id, platform, when, kind in seen:
        findings: tuple[Found, ...] = ()
        if number >= 0:
            checked += 1
            findings = results[number]
        if located:
            findings = (*findings, _LOCATION)
        verdict = _verdict(findings)
        verdicts[verdict] += 1
        if not findings:
            continue
        for key in dict.fromkeys((f[0], f[1]) for f in findings):
            rules[key] += 1
        flagged.append(
            {
                "n": index + 1,
                "id": platform_id,
                "platform": platform,
                "when": when,
                "kind": kind,
                "text": texts[number] if number >= 0 else "",
                "verdict": verdict,
                "findings": findings,
            }
        )
    flagged.sort(key=lambda item: (_ORDER[item["verdict"]], item["n"]))
    listed = flagged[:MAX_LISTED]
    for item in listed:
        item["findings"] = [_as_dict(f) for f in item["findings"]]
    return SelfCheckReport(
        source=source,
        posts=len(seen),
        checked=checked,
        flagged=len(flagged),
        seconds=time.perf_counter() - started,
        by_rule=[
            {"rule": rule, "clause": clause, "posts": count}
            for (rule, clause), count in rules.most_common()
        ],
        verdicts={s.label: verdicts.get(s.label, 0) for s in sorted(Severity, reverse=True)},
        items=listed,
        listed_all=len(flagged) <= MAX_LISTED,
    )

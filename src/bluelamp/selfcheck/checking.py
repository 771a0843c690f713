"""The self-check itself: every post through the rules for a ``personal`` account, and the
report (CC/01 6.1, 5.1-5.4, 6.3, 6.6-6.10). Pure: no Django, no database, nothing written.

Speed: a text that appears more than once (reposts, repeated replies) is checked once; a large
archive is checked in parallel, one process per core, each given the pack once."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bluelamp.engine.model import Post, Severity
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.rules import check_post
from bluelamp.selfcheck.reading import PlainPost

TIER = "personal"
#: Below this many distinct texts, starting processes costs more than it saves.
PARALLEL_FROM = 4000
CHUNK = 1000
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


def _check_one(text: str, kind: str) -> list[dict]:
    assert _pack is not None
    found = [
        f.to_dict()
        for f in check_post(Post(text=text, tier=TIER, kind=kind), _pack).findings
        if f.rule not in NOT_FOR_PERSONAL
    ]
    named = _force_name(text)
    if named is not None:
        found.append(named)
    return found


def _check_texts(keys: Sequence[tuple[str, str]]) -> list[list[dict]]:
    return [_check_one(text, kind) for text, kind in keys]


def _engine_kind(post: PlainPost) -> str:
    return "reply" if post.kind == "reply" else "post"


def _check_all(keys: list[tuple[str, str]], pack: PolicyPack, workers: int) -> list[list[dict]]:
    if workers <= 1 or len(keys) < PARALLEL_FROM:
        _start(pack)
        return _check_texts(keys)
    chunks = [keys[i : i + CHUNK] for i in range(0, len(keys), CHUNK)]
    # forkserver: a clean process with the engine already imported, not a copy of a web
    # server's threads and open connections.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bluelamp.engine.rules"])
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start, initargs=(pack,)
    ) as pool:
        results: list[list[dict]] = []
        for part in pool.map(_check_texts, chunks):
            results.extend(part)
    return results


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


def _verdict(findings: list[dict]) -> str:
    worst = max((Severity.parse(f["severity"]) for f in findings), default=Severity.PASS)
    return worst.label


def check_posts(
    posts: Iterable[PlainPost],
    pack: PolicyPack,
    *,
    source: str = "",
    workers: int | None = None,
) -> SelfCheckReport:
    """Check every post; the report lists those with findings, worst first."""
    started = time.perf_counter()
    everything = list(posts)
    keys: dict[tuple[str, str], int] = {}
    for post in everything:
        if post.text.strip():
            keys.setdefault((post.text, _engine_kind(post)), len(keys))
    results = _check_all(list(keys), pack, workers or os.cpu_count() or 1)
    flagged: list[dict] = []
    rules: Counter[tuple[str, str]] = Counter()
    verdicts: Counter[str] = Counter()
    checked = 0
    for post in everything:
        findings: list[dict] = []
        if post.text.strip():
            checked += 1
            findings = list(results[keys[(post.text, _engine_kind(post))]])
        if post.gps is not None:
            findings.append(
                {
                    "rule": LOCATION_RULE,
                    "clause": LOCATION_CLAUSE,
                    "severity": Severity.REVIEW.label,
                    "message": LOCATION_MESSAGE,
                    "start": None,
                    "end": None,
                    "excerpt": None,
                }
            )
        verdict = _verdict(findings)
        verdicts[verdict] += 1
        if not findings:
            continue
        for key in dict.fromkeys((f["rule"], f["clause"]) for f in findings):
            rules[key] += 1
        flagged.append(
            {
                "n": post.index + 1,
                "id": post.platform_id,
                "platform": post.platform,
                "when": post.created_at.isoformat() if post.created_at else None,
                "kind": post.kind,
                "text": post.text,
                "verdict": verdict,
                "findings": findings,
            }
        )
    order = {s.label: -int(s) for s in Severity}
    flagged.sort(key=lambda item: (order[item["verdict"]], item["n"]))
    return SelfCheckReport(
        source=source,
        posts=len(everything),
        checked=checked,
        flagged=len(flagged),
        seconds=time.perf_counter() - started,
        by_rule=[
            {"rule": rule, "clause": clause, "posts": count}
            for (rule, clause), count in rules.most_common()
        ],
        verdicts={s.label: verdicts.get(s.label, 0) for s in sorted(Severity, reverse=True)},
        items=flagged[:MAX_LISTED],
        listed_all=len(flagged) <= MAX_LISTED,
    )

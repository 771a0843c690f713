"""Training the statistical stage, reproducibly: ``make model`` (``python -m
bluelamp.engine.stat.training``) rebuilds ``data/model.json`` from the labelled corpora and the
real published posts, byte for byte.

The data: every labelled corpus in ``corpus/`` except the contract's own examples
(``spec-examples.jsonl``, which must keep passing on their own merit), and the real published
posts of ``../shared/corpus/uk-police-posts-dev.csv`` as negatives, except where a reasoned review
(``corpus/real-review/``) says a block was right (a positive) and where the fast stage fires
without a review (left out for that rule: not known either way).

The model: logistic regression per rule on the features of ``features.py``, L2-regularised,
fitted by full-batch Adam from zeros (no randomness at all), weights rounded to four decimals and
the smallest pruned. The threshold of each rule is chosen on out-of-fold scores (three folds of
the training data, by a hash of the text) as the lowest at which the rule keeps precision ≥ 0.90
there (the fast stage's findings and the stage's additions together) and the additions on real
posts stay within the block-rate budget; the test data of a measurement never takes part. The
gate's anchor words are the rule's positive words that cover every training post scored at or above the threshold.

numpy is used here only; checking never imports this module."""

from __future__ import annotations

import csv
import json
import math
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bluelamp.engine.model import Severity, post_from_dict
from bluelamp.engine.policy_pack import load_pack
from bluelamp.engine.rules import registry
from bluelamp.engine.rules.subject import Subject
from bluelamp.engine.stat.features import already_in_proceedings, features
from bluelamp.engine.stat.model import ALREADY, MODEL_FILE

ROOT = Path(__file__).resolve().parents[4]
CORPUS = ROOT / "corpus"
REAL_FILE = ROOT.parent / "shared" / "corpus" / "uk-police-posts-dev.csv"
LABELLED = (
    "labelled-posts.jsonl",
    "blind-round-1.jsonl",
    "blind-round-2.jsonl",
    "blind-round-3.jsonl",
    "heldout-blind.jsonl",
    "heldout-seen.jsonl",
)
NEVER = "spec-examples.jsonl"
#: Ordinary police posts that resemble a judgement rule, written from the reasons the rules
#: give for what they do not cover (corpus/near-miss/README.md): negatives for every rule.
NEAR_MISS = CORPUS / "near-miss" / "negatives.jsonl"
#: The judgement rules: those whose recall on unseen wording falls short.
RULES = (
    "child-identification",
    "sexual-offence-victim",
    "contempt-risk",
    "named-before-charge",
    "operational-security",
    "political-opinion",
    "offensive-language",
    "evidential-risk",
    "jigsaw-identification",
)
#: The concept gate of each rule (model.json "requires"): a post must hold a concept from each
#: group before the rule's score counts, so that a finding always rests on what the rule is about
#: (the pack's lexicons, the offensive-terms list, the fast stage's detectors) and never on topic
#: words alone. Written from each rule's definition in the contract, not from the data.
_ACTIVE = (
    "d:arrested",
    "d:charged",
    "d:active",
    "x:people.active_proceedings",
    "x:people.trial_pending",
)
_POLITICAL = (
    "x:language.political_campaigning",
    "x:language.political_claims",
    "x:language.political_criticism",
    "x:language.political_institutions",
    "x:language.political_offices",
    "x:language.political_opposing",
    "x:language.political_praise",
    "x:politics.contested_policies",
    "x:politics.elected_offices",
    "x:politics.parties",
    "x:politics.partisan_slogans",
    "x:politics.politicians",
)
_CHILD = (
    "d:minor-age",
    "w:child",
    "w:children",
    "w:boy",
    "w:boys",
    "w:girl",
    "w:girls",
    "w:schoolboy",
    "w:schoolgirl",
    "w:pupil",
    "w:pupils",
    "w:teenager",
    "w:teen",
    "w:youth",
    "w:juvenile",
    "w:kid",
    "w:son",
    "w:daughter",
)
REQUIRES: dict[str, tuple[tuple[str, ...], ...]] = {
    # Lifelong anonymity attaches to the offences of the 1992 Act: one must be named.
    "sexual-offence-victim": (("x:people.sexual_offences",),),
    # Contempt needs proceedings active (arrest, charge, a trial to come).
    "contempt-risk": (_ACTIVE,),
    # Someone named, in a case that is open.
    "named-before-charge": (_ACTIVE, ("d:name", "d:private-name")),
    # Evidence (the items recovered) in a case still open.
    "evidential-risk": (
        _ACTIVE,
        # The items themselves: "searched and nothing was found" shows no evidence.
        ("x:contacts.recovered_items",),
    ),
    # An office, institution, party, policy or campaigning act must be named.
    "political-opinion": (_POLITICAL,),
    # A term of the offensive-terms list or an insult of the pack.
    "offensive-language": (
        (
            "o:insult",
            "o:profanity",
            "o:slur",
            "x:language.group_smears",
            "x:language.insulting_adjectives",
            "x:language.insulting_nouns",
            "x:language.masked_only_insults",
            "x:people.defendant_labels",
        ),
    ),
    # A child: an age under 18 or a word for one.
    "child-identification": (_CHILD,),
    # An operation, a watch or a protected person, and when (now or to come): the details an
    # operation turns on. Where a protected person is kept needs no time.
    "operational-security": (
        (
            "x:contacts.protected_people",
            "w:tonight",
            "w:tomorrow",
            "w:now",
            "w:currently",
            "w:later",
            "w:soon",
        ),
        (
            "x:contacts.protected_people",
            "w:covert",
            "w:unmarked",
            "w:undercover",
            "w:surveillance",
            "w:bait",
            "w:raid",
            "w:raids",
            "w:warrant",
            "w:warrants",
            "w:operation",
            "w:watching",
            "w:waiting",
            "w:position",
            "w:plain",
            "w:parked",
            "w:unstaffed",
            "w:unmanned",
        ),
    ),
    # Details that point to one person (the contract: "age + street + occupation or
    # relationship"): where they live or work, and who they are.
    "jigsaw-identification": (
        (
            "x:contacts.home_words",
            "d:address",
            "d:flat",
            "d:postcode",
            "w:works",
            "w:worked",
            "w:job",
            "w:school",
            "w:street",
            "w:road",
            "w:lane",
        ),
        (
            "d:adult-age",
            "d:minor-age",
            "x:people.sexual_offences",
            "w:works",
            "w:worked",
            "w:job",
            "w:brother",
            "w:sister",
            "w:wife",
            "w:husband",
            "w:partner",
            "w:daughter",
            "w:son",
            "w:mother",
            "w:father",
            "w:mum",
            "w:dad",
            "w:neighbour",
        ),
    ),
}
#: Concepts that stop a rule's score from counting: what the contract says the rule does not
#: cover. A person named once charged, convicted, recalled to prison or wanted for not attending
#: court is not named before charge.
EXCLUDES: dict[str, tuple[str, ...]] = {
    "named-before-charge": ("d:charged", "d:convicted", "d:already-in-proceedings"),
    # Every office holder or institution named is the one speaking or acting: what they said
    # is reported, not an opinion about them (the contract: a neutral mention never fires).
    "political-opinion": ("d:political-speaker",),
}
VERSION = "2"
MIN_DOCS = 3
L2 = 1.0
ITERATIONS = 200
STEP = 0.08
PRECISION = 0.95
#: The stage's own additions must be right this often out of fold, whatever the patterns' own
#: precision: a rule the patterns get right nearly always could otherwise hide a stage that is
#: nearly always wrong.
ADDED_PRECISION = 0.9
FLOOR = 1.0
REAL_BUDGET = 1000
KEEP = 0.02
FOLDS = 3


@dataclass
class Example:
    source: str  # the corpus file, or "real"
    number: int  # line (labelled) or post number (real)
    text: str
    labels: set[str]
    fired: set[str]
    skip: set[str] = field(default_factory=set)  # rules this example says nothing about
    feats: dict = field(default_factory=dict)
    words: frozenset = frozenset()

    def admitted(self, rule: str) -> bool:
        """Whether the example passes the rule's concept gate."""
        excludes = EXCLUDES.get(rule, ())
        if any(f in self.feats for f in excludes):
            return False
        if ALREADY in excludes and already_in_proceedings(self.text):
            return False
        return all(any(f in self.feats for f in group) for group in REQUIRES.get(rule, ()))

    @property
    def fold(self) -> int:
        return zlib.crc32(self.text.encode("utf-8")) % FOLDS


def _example(data: dict, pack, source: str, number: int, labels: set[str]) -> Example:
    post = post_from_dict(data)
    subject = Subject(post, pack)
    fired = set()
    for rule in registry:
        if rule.id in RULES and rule.check(subject, pack):
            fired.add(rule.id)
    return Example(
        source, number, post.text, labels, fired, feats=dict(features(subject)), words=subject.words
    )


def load_examples(pack=None, real_file: Path = REAL_FILE) -> list[Example]:
    pack = pack or load_pack()
    never = set()
    with open(CORPUS / NEVER, encoding="utf-8") as fh:
        never = {json.loads(line)["text"] for line in fh if line.strip()}
    out: list[Example] = []
    seen: set[str] = set(never)
    for name in LABELLED:
        with open(CORPUS / name, encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                data = json.loads(line)
                if data["text"] in seen:
                    continue  # a contract example, or a post already taken from another file
                seen.add(data["text"])
                out.append(_example(data, pack, name, number, set(data["expect"]) & set(RULES)))
    if NEAR_MISS.exists():
        with open(NEAR_MISS, encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                data = json.loads(line)
                if data["text"] in seen:
                    continue
                seen.add(data["text"])
                ex = _example(data, pack, "near-miss", number, set())
                ex.skip = set(ex.fired)  # a pattern's own false alarm is not the stage's to learn
                out.append(ex)
    reviews: dict[int, dict[str, str]] = {}
    for path in sorted((CORPUS / "real-review").glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    reviews.setdefault(r["post"], {})[r["rule"]] = r["judgement"]
    with open(real_file, encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), start=1):
            text = row["text"] or ""
            if not text.strip() or text in seen:
                continue
            seen.add(text)
            data = {"text": text, "account": {"tier": "force"}}
            said = reviews.get(number, {})
            ex = _example(data, pack, "real", number, {r for r, j in said.items() if j == "right"})
            ex.skip = {r for r in ex.fired if r not in said}
            out.append(ex)
    return out


# -- fitting -------------------------------------------------------------------------------


def vocabulary(examples: list[Example]) -> list[str]:
    counts: dict[str, int] = {}
    for ex in examples:
        for f in ex.feats:
            counts[f] = counts.get(f, 0) + 1
    return sorted(f for f, n in counts.items() if n >= MIN_DOCS)


def fit(examples: list[Example], rules=RULES) -> dict[str, dict]:
    """{rule: {"bias", "weights"}} fitted on ``examples``."""
    vocab = vocabulary(examples)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    indptr = [0]
    for r, ex in enumerate(examples):
        ids = sorted(index[f] for f in ex.feats if f in index)
        cols.extend(ids)
        rows.extend([r] * len(ids))
        indptr.append(len(cols))
    n, k, nf = len(examples), len(rules), len(vocab)
    cols_a = np.asarray(cols, dtype=np.int64)
    rows_a = np.asarray(rows, dtype=np.int64)
    indptr_a = np.asarray(indptr, dtype=np.int64)
    nonempty = indptr_a[1:] > indptr_a[:-1]
    starts = indptr_a[:-1][nonempty]
    order = np.argsort(cols_a, kind="stable")
    by_col_rows = rows_a[order]
    colptr = np.searchsorted(cols_a[order], np.arange(nf), side="left")
    y = np.zeros((n, k))
    mask = np.ones((n, k))
    for r, ex in enumerate(examples):
        for j, rule in enumerate(rules):
            y[r, j] = rule in ex.labels
            mask[r, j] = rule not in ex.skip
    pos = (y * mask).sum(axis=0)
    neg = ((1 - y) * mask).sum(axis=0)
    # Positives weigh more, by the square root of how much rarer they are.
    pos_weight = np.sqrt(np.maximum(neg, 1) / np.maximum(pos, 1))
    c = mask * np.where(y > 0, pos_weight, 1.0)
    w = np.zeros((nf, k))
    b = np.zeros(k)
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, ITERATIONS + 1):
        margin = np.zeros((n, k))
        if nf:
            margin[nonempty] = np.add.reduceat(w[cols_a], starts, axis=0)
        margin += b
        p = 1.0 / (1.0 + np.exp(-np.clip(margin, -30, 30)))
        g = c * (p - y)
        gw = np.add.reduceat(g[by_col_rows], colptr, axis=0) + L2 * w
        gb = g.sum(axis=0)
        m_w = b1 * m_w + (1 - b1) * gw
        v_w = b2 * v_w + (1 - b2) * gw * gw
        m_b = b1 * m_b + (1 - b1) * gb
        v_b = b2 * v_b + (1 - b2) * gb * gb
        lr = STEP * np.sqrt(1 - b2**t) / (1 - b1**t)
        w -= lr * m_w / (np.sqrt(v_w) + eps)
        b -= lr * m_b / (np.sqrt(v_b) + eps)
    out = {}
    for j, rule in enumerate(rules):
        weights = {}
        for i, f in enumerate(vocab):
            value = round(float(w[i, j]), 4)
            if abs(value) >= KEEP:
                weights[f] = value
        out[rule] = {"bias": round(float(b[j]), 4), "weights": weights}
    return out


def score(fitted: dict, feats) -> float:
    w = fitted["weights"]
    return fitted["bias"] + sum(w[f] for f in feats if f in w)


def choose_threshold(rows: list[tuple[float | None, bool, bool]], block: bool) -> float | None:
    """The lowest score at which, out of fold, the rule with the stage's additions keeps
    precision ≥ PRECISION, the additions themselves are right at least ADDED_PRECISION of the
    time, and the additions on real published posts stay within budget: none for a
    rule that blocks (the block rate is nearly spent), one in REAL_BUDGET for one that asks for
    review; never below FLOOR. ``rows``: (score, or None
    where the fast stage fired; whether the rule applies; whether the post is a real one).
    None when no score qualifies."""
    tp = sum(1 for s, y, _ in rows if s is None and y)
    fp = sum(1 for s, y, _ in rows if s is None and not y)
    real_cap = 0 if block else sum(1 for _, _, real in rows if real) // REAL_BUDGET
    scored = sorted(((s, y, real) for s, y, real in rows if s is not None), key=lambda r: -r[0])
    best = None
    real_added = added_tp = added_fp = 0
    for i, (s, y, real) in enumerate(scored):
        if s < FLOOR:
            break
        tp += y
        fp += not y
        added_tp += y
        added_fp += not y
        real_added += real and not y
        if i + 1 < len(scored) and scored[i + 1][0] == s:
            continue  # a cut between equal scores is no cut
        if real_added > real_cap or tp / (tp + fp) < PRECISION:
            break
        if added_tp / (added_tp + added_fp) < ADDED_PRECISION:
            continue  # a lower cut may still add enough right ones to make up for it
        best = s
    return best


def train(examples: list[Example], rules=RULES, log=None) -> dict:
    """The model (as written to model.json) trained on ``examples``."""
    oof: dict[str, list[tuple[float | None, bool, bool]]] = {r: [] for r in rules}
    for k in range(FOLDS):
        train_part = [ex for ex in examples if ex.fold != k]
        test_part = [ex for ex in examples if ex.fold == k]
        fitted = fit(train_part, rules)
        for rule in rules:
            for ex in test_part:
                if rule in ex.skip:
                    continue
                if rule in ex.fired:
                    s = None
                elif ex.admitted(rule):
                    s = score(fitted[rule], ex.feats)
                else:
                    s = -1e9  # the gate keeps it out whatever it scores
                # A near-miss counts as a real post: a false finding there is one a force would see.
                oof[rule].append((s, rule in ex.labels, ex.source in ("real", "near-miss")))
        if log:
            log(f"fold {k + 1}/{FOLDS} fitted")
    fitted = fit(examples, rules)
    model = {"version": VERSION, "rules": {}}
    for rule in rules:
        threshold = choose_threshold(oof[rule], registry.get(rule).severity >= Severity.BLOCK)
        if threshold is None:
            if log:
                log(f"{rule}: no threshold reaches precision {PRECISION}; left out")
            continue
        threshold = math.floor(threshold * 10_000) / 10_000  # never above the score chosen
        model["rules"][rule] = {
            "bias": fitted[rule]["bias"],
            "threshold": threshold,
            "anchors": [],
            "requires": [list(g) for g in REQUIRES.get(rule, ())],
            "excludes": list(EXCLUDES.get(rule, ())),
            "weights": dict(sorted(fitted[rule]["weights"].items())),
        }
        if log:
            added = [(y, real) for s, y, real in oof[rule] if s is not None and s >= threshold]
            right = sum(1 for y, _ in added if y)
            real = sum(1 for y, r in added if r and not y)
            log(
                f"{rule}: threshold {threshold}; out of fold {len(added)} added, {right} right, "
                f"{real} on real posts"
            )
    return model


def compact(model: dict) -> dict:
    """The file's form: one sorted feature list shared by the rules, each rule's weights as
    (feature number, weight) columns; smaller and quicker to read than a mapping per rule."""
    names = sorted({f for r in model["rules"].values() for f in r["weights"]})
    number = {f: i for i, f in enumerate(names)}
    rules = {}
    for rule, r in model["rules"].items():
        items = sorted((number[f], w) for f, w in r["weights"].items())
        rules[rule] = {
            "anchors": r["anchors"],
            "requires": r.get("requires", []),
            "excludes": r.get("excludes", []),
            "bias": r["bias"],
            "threshold": r["threshold"],
            "features": [i for i, _ in items],
            "weights": [w for _, w in items],
        }
    return {"version": model["version"], "features": names, "rules": rules}


def dumps(model: dict) -> str:
    if "features" not in model:
        model = compact(model)
    return json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else MODEL_FILE

    def log(msg: str) -> None:
        print(msg, file=sys.stderr)

    if not REAL_FILE.exists():
        log(f"{REAL_FILE}: the real published posts are needed to train")
        return 2
    examples = load_examples()
    log(f"{len(examples)} examples")
    text = dumps(train(examples, log=log))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    log(f"wrote {out} ({len(text.encode('utf-8')) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

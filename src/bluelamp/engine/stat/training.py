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
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bluelamp.engine.model import Severity, post_from_dict
from bluelamp.engine.policy_pack import load_pack
from bluelamp.engine.rules import registry
from bluelamp.engine.rules.subject import Subject
from bluelamp.engine.stat.features import features
from bluelamp.engine.stat.model import MODEL_FILE

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
VERSION = "1"
MIN_DOCS = 3
L2 = 1.0
ITERATIONS = 200
STEP = 0.08
PRECISION = 0.90
FLOOR = 1.0
ANCHORS = 15
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
    precision ≥ 0.90 and the additions on real published posts stay within budget: none for a
    rule that blocks (the block rate is nearly spent), one in REAL_BUDGET for one that asks for
    review; never below FLOOR. ``rows``: (score, or None
    where the fast stage fired; whether the rule applies; whether the post is a real one).
    None when no score qualifies."""
    tp = sum(1 for s, y, _ in rows if s is None and y)
    fp = sum(1 for s, y, _ in rows if s is None and not y)
    real_cap = 0 if block else sum(1 for _, _, real in rows if real) // REAL_BUDGET
    scored = sorted(((s, y, real) for s, y, real in rows if s is not None), key=lambda r: -r[0])
    best = None
    real_added = 0
    for i, (s, y, real) in enumerate(scored):
        if s < FLOOR:
            break
        tp += y
        fp += not y
        real_added += real and not y
        if i + 1 < len(scored) and scored[i + 1][0] == s:
            continue  # a cut between equal scores is no cut
        if real_added > real_cap or tp / (tp + fp) < PRECISION:
            break
        best = s
    return best


def anchors_for(fitted: dict, threshold: float, examples: list[Example], rule: str) -> list[str]:
    """Positive single words that together cover every example scored at or above the
    threshold that the fast stage left: the cheap gate in front of scoring."""
    words = sorted(
        (
            (v, f[2:])
            for f, v in fitted["weights"].items()
            if f.startswith("w:") and v > 0 and f[2:].isalpha()
        ),
        key=lambda x: (-x[0], x[1]),
    )
    above = [
        ex.words for ex in examples if rule not in ex.fired and score(fitted, ex.feats) >= threshold
    ]
    chosen: list[str] = []
    uncovered = list(above)
    for _v, word in words:
        if not uncovered:
            break
        rest = [ws for ws in uncovered if word not in ws]
        if len(rest) < len(uncovered):
            chosen.append(word)
            uncovered = rest
    # The strongest words always open the gate, even if the training posts had others too.
    for _v, word in words[:ANCHORS]:
        if word not in chosen:
            chosen.append(word)
    return sorted(chosen)


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
                s = None if rule in ex.fired else score(fitted[rule], ex.feats)
                oof[rule].append((s, rule in ex.labels, ex.source == "real"))
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
        threshold = round(threshold, 4)
        model["rules"][rule] = {
            "bias": fitted[rule]["bias"],
            "threshold": threshold,
            "anchors": anchors_for(fitted[rule], threshold, examples, rule),
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

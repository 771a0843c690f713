"""On posts UK forces really published (the shared dev file), few blocks, and each one reviewed.

Nearly every real published post complies with a policy like CC/01, so a block on one is nearly
always a false alarm. The targets (issue 9): at most 0.5% of posts blocked by rules other than the
link rules, and every block in the committed, reasoned review (`corpus/real-review/*.jsonl`), so a
new block is a decision somebody writes down, not a silent regression.
"""

from __future__ import annotations

import pytest

from bluelamp.cli.eval_real import evaluate_real, read_review, read_texts, unreviewed

from .conftest import REPO

DEV_FILE = REPO.parent / "shared" / "corpus" / "uk-police-posts-dev.csv"
REVIEWS = REPO / "corpus" / "real-review"
MAX_BLOCK_RATE = 0.005

pytestmark = pytest.mark.skipif(not DEV_FILE.exists(), reason="shared corpus not beside the repo")


@pytest.fixture(scope="module")
def result(pack):
    with DEV_FILE.open(encoding="utf-8", newline="") as stream:
        return evaluate_real(read_texts(stream, str(DEV_FILE)), pack, "force")


@pytest.fixture(scope="module")
def review():
    merged: dict = {}
    for path in sorted(REVIEWS.glob("*.jsonl")):
        with path.open(encoding="utf-8") as stream:
            merged.update(read_review(stream, str(path)))
    return merged


def test_at_most_half_a_percent_of_real_posts_are_blocked(result):
    assert result.posts > 4000
    assert result.block_rate <= MAX_BLOCK_RATE, (
        f"{result.blocked_posts} of {result.posts} real posts blocked ({result.block_rate:.2%})"
    )


def test_every_block_on_real_posts_is_in_the_reasoned_review(result, review):
    missing = [(f.post, f.rule) for f in unreviewed(result, review)]
    assert missing == [], "blocks nobody has reviewed (bluelamp eval-real FILE --review ...)"


def test_the_review_explains_each_judgement_without_quoting_posts(review):
    for (post, rule), entry in review.items():
        assert len(entry["why"].split()) >= 4, (post, rule)

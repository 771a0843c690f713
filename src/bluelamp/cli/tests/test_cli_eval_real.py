"""`bluelamp eval-real` as a user runs it on a file of published posts, with and without a review."""

from __future__ import annotations

import json

from bluelamp.cli import main

BLOCKED = "Call Dean on 07700 900123 about the burglary at 27 Grange Road last night."
CLEAN = "Lock your shed and mark your tools with your postcode. #ShedWatch"


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write_csv(tmp_path, *texts):
    path = tmp_path / "posts.csv"
    rows = "".join('"' + t.replace('"', '""') + '",1\n' for t in texts)
    path.write_text("text,tweet_class\n" + rows, encoding="utf-8")
    return path


def test_counts_blocked_posts_and_lists_each_block_by_post_number(tmp_path, capsys):
    path = write_csv(tmp_path, CLEAN, BLOCKED, CLEAN, CLEAN)
    status, out, _ = run(capsys, "eval-real", str(path), "--json")
    result = json.loads(out)
    assert status == 0
    assert result["posts"] == 4
    assert result["blocked_posts"] == 1
    assert result["block_rate"] == 0.25
    blocks = [f for f in result["flagged"] if f["severity"] == "block"]
    assert {(f["post"], f["rule"]) for f in blocks} == {(2, "personal-data")}


def test_the_link_rules_are_left_out(tmp_path, capsys):
    path = write_csv(tmp_path, "MISSING | Have you seen Amy Lee, 34, from Walsall? Call 101.")
    _, out, _ = run(capsys, "eval-real", str(path), "--json", "--tier", "team")
    rules = {f["rule"] for f in json.loads(out)["flagged"]}
    assert "appeal-link" not in rules and "force-link" not in rules


def test_a_block_missing_from_the_review_fails_and_is_named(tmp_path, capsys):
    path = write_csv(tmp_path, CLEAN, BLOCKED)
    review = tmp_path / "review.jsonl"
    review.write_text("", encoding="utf-8")
    status, out, _ = run(capsys, "eval-real", str(path), "--review", str(review))
    assert status == 1
    assert "1 blocks not in the review" in out
    review.write_text(
        json.dumps(
            {"post": 2, "rule": "personal-data", "judgement": "right", "why": "a private mobile"}
        )
        + "\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "eval-real", str(path), "--review", str(review))
    assert status == 0
    assert "[right]" in out and "0 blocks not in the review" in out


def test_max_block_rate_exits_1_when_exceeded(tmp_path, capsys):
    path = write_csv(tmp_path, CLEAN, BLOCKED)
    assert run(capsys, "eval-real", str(path), "--max-block-rate", "0.6")[0] == 0
    assert run(capsys, "eval-real", str(path), "--max-block-rate", "0.4")[0] == 1


def test_reads_json_lines_too(tmp_path, capsys):
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"text": BLOCKED}) + "\n\n" + json.dumps({"text": CLEAN}) + "\n")
    _, out, _ = run(capsys, "eval-real", str(path), "--json")
    assert json.loads(out)["posts"] == 2


def test_bad_input_says_what_and_where(tmp_path, capsys):
    path = tmp_path / "posts.csv"
    path.write_text("body\nhello\n", encoding="utf-8")
    status, _, err = run(capsys, "eval-real", str(path))
    assert status == 2 and "'text' column" in err
    path.write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")
    status, _, err = run(capsys, "eval-real", str(path))
    assert status == 2 and "line 2" in err
    review = tmp_path / "review.jsonl"
    review.write_text('{"post": 1, "rule": "personal-data", "judgement": "maybe"}\n')
    good = write_csv(tmp_path, CLEAN)
    status, _, err = run(capsys, "eval-real", str(good), "--review", str(review))
    assert status == 2 and "line 1" in err and "judgement" in err

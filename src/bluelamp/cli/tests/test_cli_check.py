"""`bluelamp check`, `bluelamp rules` and `bluelamp eval` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bluelamp.cli import main

BLOCKED = "Call Dean on 07700 900123 about the burglary at 27 Grange Road last night."
CLEAN = "Lock your shed and mark your tools with your postcode. #ShedWatch"


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_blocked_post_exits_1_and_says_why(capsys):
    status, out, _ = run(capsys, "check", BLOCKED, "--tier", "team")
    assert status == 1
    assert out.startswith("BLOCK")
    assert "personal-data" in out and "[07700 900123]" in out  # the words are highlighted


def test_a_clean_post_exits_0(capsys):
    status, out, _ = run(capsys, "check", CLEAN)
    assert status == 0
    assert out.startswith("PASS")


def test_json_output_follows_the_contract(capsys):
    status, out, _ = run(capsys, "check", BLOCKED, "--json")
    report = json.loads(out)
    assert status == 1
    assert report["verdict"] == "block"
    finding = next(f for f in report["findings"] if f["rule"] == "personal-data")
    assert set(finding) == {"rule", "clause", "severity", "message", "start", "end", "excerpt"}
    assert BLOCKED[finding["start"] : finding["end"]] == finding["excerpt"]


def test_authorisations_and_context_flags(capsys):
    _, out, _ = run(capsys, "check", "Live from the station open day!", "--kind", "live", "--json")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["live-broadcast"]
    _, out, _ = run(
        capsys,
        "check",
        "Live from the open day!",
        "--kind",
        "live",
        "--authorised",
        "live-broadcast",
        "--json",
    )
    assert json.loads(out)["verdict"] == "pass"
    status, _, err = run(capsys, "check", "x", "--authorised", "not-a-rule")
    assert status == 2 and "not a rule id" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check"], "give the post's text"),
        (["check", "   "], "empty"),
        (["check", "hello", "--image", "/no/such/file.jpg"], "file.jpg"),
        (["check", "hello", "--pack", "/no/such/pack.toml"], "no such policy pack"),
    ],
)
def test_usage_and_input_errors_exit_2_without_a_traceback(capsys, argv, message):
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert message in err and "Traceback" not in err


def test_unknown_tier_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "hi", "--tier", "sergeant"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def write_lines(tmp_path: Path, lines: list[bytes]) -> Path:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_jsonl_keeps_order_reports_bad_lines_and_checks_the_rest(tmp_path, capsys):
    # given a file with good posts around a malformed line, bad UTF-8, a bad tier and no text
    path = write_lines(
        tmp_path,
        [
            json.dumps({"id": "a", "text": CLEAN}).encode(),
            b"{not json",
            json.dumps({"id": "b", "text": BLOCKED}).encode(),
            b'{"id": "c", "text": "caf\xe9"}',
            json.dumps({"id": "d", "text": "hi", "account": {"tier": "boss"}}).encode(),
            b"",
            json.dumps({"id": "e", "text": ""}).encode(),
            json.dumps({"id": "f", "text": CLEAN}).encode(),
        ],
    )
    # when it is checked
    status, out, _ = run(capsys, "check", "--jsonl", str(path))
    results = [json.loads(line) for line in out.splitlines()]
    # then every line has its result, in order, and the exit status is 2
    assert status == 2
    assert [r.get("id") for r in results] == ["a", None, "b", None, "d", "e", "f"]
    assert results[1] == {"line": 2, "error": results[1]["error"]}
    assert results[1]["error"].startswith("not JSON")
    assert results[3]["line"] == 4 and "UTF-8" in results[3]["error"]
    assert results[4]["line"] == 5 and "account.tier 'boss'" in results[4]["error"]
    assert results[5]["line"] == 7 and "empty" in results[5]["error"]
    assert results[2]["verdict"] == "block" and results[6]["verdict"] == "pass"


def test_jsonl_exit_1_when_a_post_is_blocked_and_none_is_malformed(tmp_path, capsys):
    path = write_lines(tmp_path, [json.dumps({"text": t}).encode() for t in (CLEAN, BLOCKED)])
    status, _, _ = run(capsys, "check", "--jsonl", str(path))
    assert status == 1


def test_jsonl_missing_file(capsys):
    status, _, err = run(capsys, "check", "--jsonl", "/no/such.jsonl")
    assert status == 2 and "/no/such.jsonl" in err


def bluelamp_script() -> str:
    return str(Path(sys.executable).with_name("bluelamp"))


def test_jsonl_streams_from_stdin_through_the_real_command():
    posts = "".join(json.dumps({"id": str(i), "text": CLEAN}) + "\n" for i in range(500))
    proc = subprocess.run(
        [bluelamp_script(), "check", "--jsonl", "-"],
        input=posts.encode(),
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.decode().splitlines()]
    assert ids == [str(i) for i in range(500)]


def test_rules_lists_the_catalogue_and_says_the_policy_is_overdue(capsys):
    status, out, _ = run(capsys, "rules", "--today", "2026-11-30")
    assert status == 0
    assert "overdue" in out and "23 May 2021" in out
    assert "protective-marking" in out and "media-faces" in out
    status, out, _ = run(capsys, "rules", "--json", "--today", "2026-11-30")
    data = json.loads(out)
    assert len(data["rules"]) == 21 and data["review_notice"]
    assert data["rules"][-1]["id"] == "platform-length"
    assert data["rules"][0]["id"] == "protective-marking"


def test_eval_scores_a_labelled_file(tmp_path, capsys):
    lines = [
        {
            "text": BLOCKED,
            "account": {"tier": "team"},
            "expect": ["personal-data", "disclosure-log", "force-link"],
        },
        {"text": CLEAN, "expect": ["personal-data"]},
        {"text": CLEAN, "expect": []},
    ]
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in lines))
    status, out, _ = run(capsys, "eval", str(path), "--json")
    scores = json.loads(out)
    assert status == 0
    assert scores["posts"] == 3 and scores["exact"] == 2
    pd = scores["rules"]["personal-data"]
    assert (pd["tp"], pd["fp"], pd["fn"]) == (1, 0, 1)
    assert pd["precision"] == 1.0 and pd["recall"] == 0.5
    status, _, _ = run(capsys, "eval", str(path), "--min-recall", "0.9")
    assert status == 1


def test_eval_refuses_a_line_without_labels(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": CLEAN}) + "\n")
    status, _, err = run(capsys, "eval", str(path))
    assert status == 2 and "line 1" in err


def test_an_attachment_that_is_not_an_image_is_an_error_line_and_the_rest_are_checked(
    tmp_path, capsys
):
    not_image = tmp_path / "photo.jpg"
    not_image.write_text("this is not a picture")
    path = write_lines(
        tmp_path,
        [
            json.dumps({"id": "a", "text": CLEAN, "media": [{"path": str(not_image)}]}).encode(),
            json.dumps({"id": "b", "text": CLEAN, "media": [{"path": "/no/such.png"}]}).encode(),
            json.dumps({"id": "c", "text": CLEAN}).encode(),
        ],
    )
    status, out, _ = run(capsys, "check", "--jsonl", str(path))
    results = [json.loads(line) for line in out.splitlines()]
    assert status == 2
    assert results[0]["id"] == "a" and "photo.jpg" in results[0]["error"]
    assert results[1]["id"] == "b" and "/no/such.png" in results[1]["error"]
    assert results[2]["verdict"] == "pass"


def test_a_large_file_shows_progress_on_a_terminal_and_nothing_otherwise(tmp_path):
    import pty

    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": CLEAN + " " + "x" * 900}) + "\n"
    path.write_text(line * 1500)  # a little over 1 MB
    # stderr not a terminal: no progress bar
    quiet = subprocess.run(
        [bluelamp_script(), "check", "--jsonl", str(path)], capture_output=True, timeout=300
    )
    assert quiet.returncode == 0 and quiet.stderr == b""
    # stderr a terminal: a progress bar is drawn there, the reports still go to stdout
    primary, secondary = pty.openpty()
    proc = subprocess.run(
        [bluelamp_script(), "check", "--jsonl", str(path)],
        stdout=subprocess.PIPE,
        stderr=secondary,
        timeout=300,
    )
    os.close(secondary)
    drawn = b""
    try:
        while chunk := os.read(primary, 65536):
            drawn += chunk
    except OSError:
        pass
    os.close(primary)
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 1500
    assert b"100%" in drawn

"""`bluelamp deadlines` (spec/deadlines.md, "The command"). Expected dates worked out by hand."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bluelamp.cli import EXIT_OK, EXIT_USAGE, main

JSON_KEYS = {
    "relevant_date",
    "target",
    "warning",
    "deadline",
    "extension_notice_by",
    "extended_deadline",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["deadlines", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (EXIT_OK, "")
    return json.loads(out)


def test_table_shows_the_statutory_deadline_with_its_weekday(capsys):
    # Spec example: Thursday 1 January 2026 → raw Sunday 1 February → Monday 2 February.
    code, out, err = run(capsys, "--received", "2026-01-01", "--regime", "ukgdpr")
    assert code == EXIT_OK
    assert err == ""
    lines = out.splitlines()
    assert "Statutory deadline  Monday 2 February 2026 (end of day)" in lines
    assert any(
        line.startswith("Relevant date") and "Thursday 1 January 2026" in line for line in lines
    )
    assert any(
        line.startswith("Force target") and "Thursday 15 January 2026" in line for line in lines
    )
    assert any(line.startswith("Warning") and "Wednesday 28 January 2026" in line for line in lines)
    assert not any(line.startswith("Extended") for line in lines)


def test_table_values_are_aligned(capsys):
    _, out, _ = run(capsys, "--received", "2026-03-31", "--extended")
    lines = out.splitlines()
    # Every value starts in the same column: two spaces after the longest label.
    width = len("Extension notice by") + 2
    assert all(line[width - 2 : width] == "  " and line[width] != " " for line in lines)
    assert "Extension notice by  Thursday 30 April 2026" in lines
    assert "Extended deadline    Tuesday 30 June 2026 (end of day)" in lines


def test_unknown_regime_says_which_regime_gave_the_deadline(capsys):
    _, out, _ = run(capsys, "--received", "2024-11-25")
    assert "Regime" in out
    assert "unknown" in out
    assert "same deadline" in out
    # Spec example: 25 and 26 December 2024 are bank holidays.
    assert "Statutory deadline  Friday 27 December 2024 (end of day)" in out


def test_given_regime_is_named(capsys):
    _, out, _ = run(capsys, "--received", "2026-01-01", "--regime", "part3")
    assert "Part 3" in out
    assert "unknown" not in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        # The spec's examples.
        (
            ["--received", "2024-11-25"],
            ["2024-11-25", "2024-12-09", "2024-12-22", "2024-12-27", None, None],
        ),
        (
            ["--received", "2026-03-31", "--regime", "part3"],
            ["2026-03-31", "2026-04-14", "2026-04-27", "2026-04-30", None, None],
        ),
        # Extended (after 5 Feb 2026): notice by raw 30 Apr; +3 months Tue 30 Jun.
        (
            ["--received", "2026-03-31", "--regime", "part3", "--extended"],
            ["2026-03-31", "2026-04-14", "2026-04-27", "2026-04-30", "2026-04-30", "2026-06-30"],
        ),
        # Identity and fee later: relevant = fee 31 Jan → raw Sat 28 Feb → Mon 2 Mar.
        (
            ["--received", "2026-01-05", "--id-received", "2026-01-20", "--fee-paid", "2026-01-31"],
            ["2026-01-31", "2026-02-14", "2026-02-27", "2026-03-02", None, None],
        ),
        # A timestamp: 23:30 UTC on 29 Mar 2026 is 00:30 BST on 30 Mar → raw Thu 30 Apr.
        (
            ["--received", "2026-03-29T23:30:00+00:00"],
            ["2026-03-30", "2026-04-13", "2026-04-26", "2026-04-30", None, None],
        ),
        (
            ["--received", "2026-03-29T23:30:00Z"],
            ["2026-03-30", "2026-04-13", "2026-04-26", "2026-04-30", None, None],
        ),
        # Access pause: 1–3 Apr = 3 days; raw 30 Apr + 3 = Sun 3 May → May Day → Tue 5 May.
        (
            [
                "--received", "2026-03-30", "--right", "access",
                "--clarification-asked", "2026-04-01", "--clarification-received", "2026-04-03",
            ],
            ["2026-03-30", "2026-04-13", "2026-04-26", "2026-05-05", None, None],
        ),
        # Extra one-off days: raw Sun 1 Feb → Mon 2 and Tue 3 off → Wed 4 Feb 2026.
        (
            [
                "--received", "2026-01-01",
                "--extra-holiday", "2026-02-02", "--extra-holiday", "2026-02-03",
            ],
            ["2026-01-01", "2026-01-15", "2026-01-28", "2026-02-04", None, None],
        ),
    ],
)  # fmt: skip
def test_json_is_one_object_with_exactly_the_spec_keys(capsys, argv, expected):
    data = run_json(capsys, *argv)
    assert set(data) == JSON_KEYS
    assert [
        data[k]
        for k in (
            "relevant_date",
            "target",
            "warning",
            "deadline",
            "extension_notice_by",
            "extended_deadline",
        )
    ] == expected


def test_paused_clock_is_shown_in_the_table(capsys):
    _, out, _ = run(
        capsys,
        "--received",
        "2026-03-30",
        "--right",
        "access",
        "--clarification-asked",
        "2026-04-01",
        "--clarification-received",
        "2026-04-03",
    )
    assert "3 days" in out
    assert "Tuesday 5 May 2026" in out


ERRORS = [
    pytest.param(["--received", "2026-02-30"], "not a real date", id="no such day"),
    pytest.param(["--received", "yesterday"], "not a date", id="not a date"),
    pytest.param(["--received", "2026-03-29T23:30:00"], "no UTC offset", id="timestamp no offset"),
    pytest.param(
        ["--received", "2026-01-10", "--regime", "part3", "--extended"],
        "cannot be extended",
        id="part3 extension before 5 Feb 2026",
    ),
    pytest.param(
        ["--received", "2026-01-10", "--extended"],
        "cannot be extended",
        id="unknown regime extension before 5 Feb 2026",
    ),
    pytest.param(
        [
            "--received", "2026-03-02", "--right", "rectification",
            "--clarification-asked", "2026-03-05", "--clarification-received", "2026-03-09",
        ],
        "only for access requests",
        id="pause on rectification",
    ),
    pytest.param(
        ["--received", "2026-03-02", "--right", "access", "--clarification-asked", "2026-03-05"],
        "--clarification-received is missing",
        id="pause without its end",
    ),
    pytest.param(
        ["--received", "2026-03-02", "--right", "access", "--clarification-received", "2026-03-05"],
        "--clarification-asked is missing",
        id="pause without its start",
    ),
    pytest.param(
        ["--received", "2026-03-02", "--id-received", "2026-03-01"],
        "before the request was received",
        id="identity before request",
    ),
    pytest.param(
        ["--received", "2026-03-02", "--fee-paid", "2026-03-01"],
        "before the request was received",
        id="fee before request",
    ),
    pytest.param(
        ["--received", "2026-01-01", "--extra-holiday", "2026-13-01"],
        "--extra-holiday",
        id="bad extra holiday",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "reason"), ERRORS)
def test_errors_exit_2_with_the_reason_and_no_traceback(capsys, argv, reason):
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith("bluelamp deadlines: error:")
    assert reason in err
    assert "Traceback" not in err
    assert err.count("\n") == 1  # one line


def test_the_console_script_exits_2_with_the_error_text():
    script = shutil.which("bluelamp", path=str(Path(sys.executable).parent)) or shutil.which(
        "bluelamp"
    )
    assert script, "the bluelamp console script is not installed"
    result = subprocess.run(
        [script, "deadlines", "--received", "2026-01-10", "--regime", "part3", "--extended"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("bluelamp deadlines: error:")
    assert "Part 3" in result.stderr
    assert "cannot be extended" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_console_script_prints_json():
    script = shutil.which("bluelamp", path=str(Path(sys.executable).parent)) or shutil.which(
        "bluelamp"
    )
    assert script
    result = subprocess.run(
        [script, "deadlines", "--received", "2026-01-01", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["deadline"] == "2026-02-02"


def test_a_bad_choice_is_an_argparse_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["deadlines", "--received", "2026-01-01", "--right", "deletion"])
    assert info.value.code == EXIT_USAGE

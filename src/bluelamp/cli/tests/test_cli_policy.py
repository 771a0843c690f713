"""`bluelamp policy`: the coverage table, the overdue-review notice, --json, and bad packs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bluelamp.cli import EXIT_OK, EXIT_USAGE, _Parser
from bluelamp.cli import policy as policy_cli
from bluelamp.cli.common import PACK_ENV
from bluelamp.engine.policy_pack import DEFAULT_PACK, ENFORCEMENT_KINDS, load_pack

NOTICE_2026 = (
    "CC/01 v2.1 was due for review on 23 May 2021; it is 5 years overdue — confirm with the "
    "policy owner that it is still current."
)


def run(argv: list[str]) -> int:
    """The `policy` subcommand alone, so it is tested whatever state the other subcommands are in."""
    parser = _Parser(prog="bluelamp")
    policy_cli.register(parser.add_subparsers(dest="command", parser_class=_Parser))
    args = parser.parse_args(["policy", *argv])
    return args.func(args)


@pytest.fixture(autouse=True)
def _wide_terminal_and_no_pack_env(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv(PACK_ENV, raising=False)


def test_prints_the_overdue_notice_first_then_the_table(capsys):
    assert run(["--today", "2026-11-01"]) == EXIT_OK
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"WARNING: {NOTICE_2026}"
    assert re.search(r"^Clause\s+Title\s+Enforced by\s+Rules$", out, re.M)
    assert re.search(
        r"^4\.12\s+Posting is disclosure\s+rule, guidance\s+"
        r"personal-data, child-identification, sexual-offence-victim$",
        out,
        re.M,
    )
    assert re.search(r"^4\.31\s+Statutory deadlines\s+workflow\s+—$", out, re.M)
    for clause in load_pack().clauses:
        assert re.search(rf"^{re.escape(clause.id)}\s", out, re.M), clause.id


def test_summary_line_counts_each_kind_of_enforcement(capsys):
    run(["--today", "2026-11-01"])
    last = capsys.readouterr().out.rstrip().splitlines()[-1]
    pack = load_pack()
    counts = {k: sum(k in c.enforcement for c in pack.clauses) for k in ENFORCEMENT_KINDS}
    assert last.startswith(f"{len(pack.clauses)} clauses. Enforced by ")
    for kind, n in counts.items():
        assert f"{kind} {n}" in last


def test_no_notice_before_the_review_date(capsys):
    assert run(["--today", "2021-05-23"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "WARNING" not in out and "overdue" not in out
    assert out.startswith("West Midlands Police — CC/01 Social and Digital Media Policy")


def test_default_today_is_the_real_date_and_cc01_is_overdue(capsys):
    assert run([]) == EXIT_OK
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("WARNING: CC/01 v2.1 was due for review on 23 May 2021; it is ")


def test_verbose_adds_summary_and_how(capsys):
    run(["--today", "2026-11-01", "--verbose"])
    out = capsys.readouterr().out
    assert "How: disclosure-log requires the log or crime reference" in out
    assert "Carried by: workflow:data_requests, command:deadlines" in out
    guidance_only = out.split("\n5.2 ", 1)[1].split("\n5.3 ", 1)[0]
    assert "Carried by: nothing in Bluelamp (guidance only)" in guidance_only


def test_narrow_terminal_wraps_the_rule_ids(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    run(["--today", "2026-11-01"])
    out = capsys.readouterr().out
    row = out.split("\n4.10 ", 1)[1].split("\n4.11 ", 1)[0]
    for rule_id in ("child-identification", "media-faces", "operational-security"):
        assert rule_id in row


def test_json_output_parses_and_carries_the_pack_and_clauses(capsys):
    assert run(["--json", "--today", "2026-11-01"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["pack"] == {
        "id": "wmp-cc01-v2.1",
        "force": "West Midlands Police",
        "policy": "CC/01 Social and Digital Media Policy",
        "reference": "CC/01",
        "version": "2.1",
        "effective": "2019-05-23",
        "review_date": "2021-05-23",
        "review_overdue": True,
        "review_notice": NOTICE_2026,
        "today": "2026-11-01",
        "source": data["pack"]["source"],
    }
    clause = next(c for c in data["clauses"] if c["id"] == "4.24")
    assert clause["enforcement"] == ["rule", "record"]
    assert clause["rules"] == ["disclosure-log"]
    assert set(clause) == {"id", "title", "summary", "enforcement", "how", "rules", "artefacts"}
    assert "url:publishing:disclosure_schedule" in clause["artefacts"]
    assert clause["artefacts"][-1] == "rule:disclosure-log"
    assert len(data["clauses"]) == 73
    assert sum(data["counts"].values()) >= 73


def test_json_before_the_review_date_is_not_overdue(capsys):
    run(["--json", "--today", "2020-01-01"])
    pack = json.loads(capsys.readouterr().out)["pack"]
    assert pack["review_overdue"] is False and pack["review_notice"] is None


def _other_pack(tmp_path: Path, review_date: str = "2040-01-01") -> Path:
    text = (
        DEFAULT_PACK.read_text(encoding="utf-8")
        .replace('id = "wmp-cc01-v2.1"', 'id = "other-pack"')
        .replace("review_date = 2021-05-23", f"review_date = {review_date}")
    )
    path = tmp_path / "other.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_pack_option_uses_another_pack(tmp_path, capsys):
    path = _other_pack(tmp_path)
    assert run(["--pack", str(path), "--json", "--today", "2026-11-01"]) == EXIT_OK
    pack = json.loads(capsys.readouterr().out)["pack"]
    assert pack["id"] == "other-pack" and pack["review_overdue"] is False
    assert pack["source"] == str(path)


def test_pack_from_the_environment_when_no_option(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(PACK_ENV, str(_other_pack(tmp_path)))
    run(["--json", "--today", "2026-11-01"])
    assert json.loads(capsys.readouterr().out)["pack"]["id"] == "other-pack"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"this is not = = toml", "not valid TOML"),
        (b"\xff\xfe[pack]", "not UTF-8 text"),
        (b'[pack]\nid = "x"\n', "the table [domains] is missing"),
    ],
)
def test_bad_pack_exits_2_with_the_message_on_stderr(tmp_path, capsys, content, expected):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    assert run(["--pack", str(path)]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"bluelamp policy: error: {path}: ")
    assert expected in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_missing_pack_exits_2(tmp_path, capsys):
    path = tmp_path / "missing.toml"
    assert run(["--pack", str(path)]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"bluelamp policy: error: {path}: no such policy pack file\n"
    )


def test_bad_today_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        run(["--today", "23/05/2021"])
    assert info.value.code == EXIT_USAGE
    assert "not a date (YYYY-MM-DD)" in capsys.readouterr().err


# Runs `bluelamp.cli.main`; a sibling subcommand that does not import yet is replaced by a stub,
# so that this wiring is tested whatever state the other subcommands are in.
_ENTRY = textwrap.dedent(
    """
    import importlib, sys, types
    from bluelamp.cli import SUBCOMMANDS, main
    for name in SUBCOMMANDS:
        if name != "policy":
            try:
                importlib.import_module(f"bluelamp.cli.{name}")
            except Exception:
                stub = types.ModuleType(f"bluelamp.cli.{name}")
                stub.register = lambda subparsers: None
                sys.modules[stub.__name__] = stub
    sys.exit(main(sys.argv[1:]))
    """
)


def _bluelamp(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _ENTRY, *argv], capture_output=True, text=True, timeout=60
    )


def test_whole_command_through_the_bluelamp_entry_point(tmp_path):
    ok = _bluelamp("policy", "--today", "2026-11-01")
    assert ok.returncode == EXIT_OK, ok.stderr
    assert ok.stdout.startswith(f"WARNING: {NOTICE_2026}")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[clauses]]\n", encoding="utf-8")
    failed = _bluelamp("policy", "--pack", str(bad))
    assert failed.returncode == EXIT_USAGE
    assert failed.stdout == ""
    assert failed.stderr == f"bluelamp policy: error: {bad}: the table [pack] is missing\n"

"""`bluelamp archive export`: the file written, the audit event naming the command line, and bad
input named by its option with exit status 2."""

from __future__ import annotations

import json

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.cli import main
from bluelamp.core.testing.pdf import pdf_text
from bluelamp.disclosure.tests.conftest import UNICODE_TEXT

pytestmark = pytest.mark.django_db(transaction=False)

ARGS = [
    "archive",
    "export",
    "--account",
    "x:WMPDudley",
    "--from",
    "2026-02-01",
    "--to",
    "2026-02-28",
]


@pytest.fixture(autouse=True)
def no_setup(monkeypatch):
    # The test database is already set up: the command's own set-up would read the settings.
    monkeypatch.setattr("bluelamp.cli.manage.setup_django", lambda: None)


def test_json_to_a_file(force, history, tmp_path, capsys):
    out = tmp_path / "export.json"
    assert main([*ARGS, "--format", "json", "--output", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["posts"][0]["text"] == UNICODE_TEXT
    assert "Exported 2 posts" in capsys.readouterr().err
    event = AuditEvent.objects.get(action="disclosure.exported")
    assert event.actor is None and event.actor_text.startswith("command line (")
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_csv_to_standard_output(force, history, capsys):
    assert main([*ARGS, "--format", "csv", "--search", "café"]) == 0
    out = capsys.readouterr().out
    assert UNICODE_TEXT in out and "HYPERLINK" not in out


def test_pdf_to_a_file(force, history, tmp_path):
    out = tmp_path / "export.pdf"
    assert main([*ARGS, "--format", "pdf", "--output", str(out)]) == 0
    assert "Łukasiewicz" in pdf_text(out.read_bytes())


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--format", "xlsx"], "--format:"),
        (["--format", "csv", "--from", "2026-03-05"], "--to: The end date"),
        (["--format", "csv", "--account", "x:Nobody"], "--account: There is no x account"),
        (["--format", "csv", "--from", "March"], "--from: The start date"),
    ],
)
def test_bad_input_exits_2_naming_the_option(force, history, capsys, args, named):
    assert main([*ARGS, *args]) == 2
    err = capsys.readouterr().err
    assert named in err and "Nothing was exported." in err
    assert not AuditEvent.objects.filter(action="disclosure.exported").exists()


def test_an_actor_who_may_not_export_is_refused(force, history, capsys):
    from bluelamp.core.roles import Role

    user = force.by_role[Role.AUDITOR]
    assert main([*ARGS, "--format", "csv", "--actor", user.username]) == 2
    assert "Only Corporate Communications and Information Security" in capsys.readouterr().err
    assert not AuditEvent.objects.filter(action="disclosure.exported").exists()


def test_a_missing_output_folder_is_named(force, history, tmp_path, capsys):
    assert main([*ARGS, "--format", "csv", "--output", str(tmp_path / "no" / "x.csv")]) == 2
    assert "--output:" in capsys.readouterr().err

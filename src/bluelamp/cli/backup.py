"""`bluelamp backup create PATH` and `bluelamp backup verify PATH`.

``create`` takes a consistent copy of the database: SQLite's online backup API for the embedded
default, ``pg_dump --format=custom`` for PostgreSQL (its password passed in the environment,
never on a command line). ``verify`` proves a backup can be used: it restores it into a fresh
database (a temporary file, or a new PostgreSQL database it drops afterwards) and runs
``bluelamp audit verify`` against the restored copy, so a backup that restores but whose audit
trail does not verify is reported as unusable. Exit status: 0 good, 1 the restored trail is not
intact, 2 the backup cannot be made or restored."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from bluelamp.cli import EXIT_OK, EXIT_USAGE

EXIT_BROKEN = 1

_VERIFY = "import sys; from bluelamp.cli import main; sys.exit(main(sys.argv[1:]))"


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says what and where."""


def _database() -> dict:
    from django.conf import settings

    return settings.DATABASES["default"]


def _is_sqlite(db: dict) -> bool:
    return db["ENGINE"] == "django.db.backends.sqlite3"


def _pg_env(db: dict, name: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or "localhost"),
        PGPORT=str(db.get("PORT") or "5432"),
        PGUSER=str(db.get("USER") or ""),
        PGDATABASE=name or str(db["NAME"]),
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not on PATH: install PostgreSQL's client programs")
    return found


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{what} failed: {detail[-1] if detail else 'no message'}")


def create(path: Path) -> str:
    db = _database()
    if path.exists():
        raise BackupError(f"{path}: already exists; a backup never overwrites a file")
    if _is_sqlite(db):
        source = sqlite3.connect(f"file:{db['NAME']}?mode=ro", uri=True)
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return f"SQLite database copied to {path}"
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path)],
        _pg_env(db),
        "pg_dump",
    )
    return f"PostgreSQL database {db['NAME']} dumped to {path}"


def _verify_against(url: str) -> tuple[int, dict | str]:
    env = dict(os.environ, DATABASE_URL=url)
    result = subprocess.run(
        [sys.executable, "-c", _VERIFY, "audit", "verify", "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode == EXIT_USAGE:
        return EXIT_USAGE, result.stderr.strip()
    try:
        return result.returncode, json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return EXIT_USAGE, (result.stderr or result.stdout).strip()


def _check_sqlite_file(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as check:
            status = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path}: not an SQLite database ({exc})") from None
    if status != "ok":
        raise BackupError(f"{path}: the SQLite file is damaged ({status})")


def verify(path: Path) -> tuple[int, dict | str]:
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    db = _database()
    if _is_sqlite(db):
        _check_sqlite_file(path)
        with tempfile.TemporaryDirectory(prefix="bluelamp-restore-") as work:
            copy = Path(work) / "restored.sqlite3"
            shutil.copyfile(path, copy)
            return _verify_against(f"sqlite:///{copy}")
    name = f"bluelamp_restore_{secrets.token_hex(4)}"
    admin_env = _pg_env(db, name="postgres")
    _run([_tool("createdb"), name], admin_env, "createdb")
    try:
        _run(
            [_tool("pg_restore"), "--no-owner", "--exit-on-error", "--dbname", name, str(path)],
            _pg_env(db, name=name),
            "pg_restore",
        )
        user = quote(str(db.get("USER") or ""), safe="")
        password = quote(str(db.get("PASSWORD") or ""), safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = db.get("HOST") or "localhost"
        port = db.get("PORT") or 5432
        return _verify_against(f"postgres://{credentials}{host}:{port}/{name}")
    finally:
        _run([_tool("dropdb"), "--if-exists", name], admin_env, "dropdb")


def _setup() -> str | None:
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
    except ConfigError as exc:
        return f"bluelamp backup: configuration error: {exc}"
    return None


def _create(args: argparse.Namespace) -> int:
    error = _setup()
    if error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    try:
        print(create(Path(args.path)))
    except (BackupError, OSError, sqlite3.Error) as exc:
        print(f"bluelamp backup: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    error = _setup()
    if error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    try:
        status, report = verify(Path(args.path))
    except (BackupError, OSError) as exc:
        print(f"bluelamp backup: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if status == EXIT_USAGE:
        print(f"bluelamp backup: the restored copy cannot be checked: {report}", file=sys.stderr)
        return EXIT_USAGE
    if status == EXIT_OK:
        print(
            f"{args.path}: restored into a fresh database; audit trail intact: "
            f"{report['checked']} events checked, last sequence {report['last_sequence']}, "
            f"{report['checkpoints']} checkpoint(s) matched"
        )
        return EXIT_OK
    fault = report.get("fault") if isinstance(report, dict) else None
    detail = fault["message"] if fault else report
    print(f"{args.path}: restored, but its audit trail is not intact: {detail}", file=sys.stderr)
    return EXIT_BROKEN


def register(sub) -> None:
    parser = sub.add_parser(
        "backup",
        help="back the database up, or prove a backup restores with its audit trail intact",
        description="Back up the database named by DATABASE_URL, or restore a backup into a "
        "fresh database and verify its audit trail there (docs/deploy.md).",
    )
    actions = parser.add_subparsers(dest="backup_command", metavar="ACTION")
    actions.required = True
    create_parser = actions.add_parser(
        "create",
        help="write a consistent copy of the database to PATH (never overwrites)",
        description="SQLite: the online backup API. PostgreSQL: pg_dump --format=custom.",
    )
    create_parser.add_argument("path", metavar="PATH")
    create_parser.set_defaults(func=_create)
    verify_parser = actions.add_parser(
        "verify",
        help="restore PATH into a fresh database and run `audit verify` on it",
        description="Restores the backup into a temporary database (dropped afterwards) and "
        "checks its audit trail, including the service's checkpoints: a backup older than the "
        "newest checkpoint is reported as missing the events that checkpoint names. Exit "
        "status: 0 usable, 1 the restored trail is not intact, 2 cannot restore or check.",
    )
    verify_parser.add_argument("path", metavar="PATH")
    verify_parser.set_defaults(func=_verify)

"""Reading a list of candidate accounts (CSV): validated whole before anything is saved, every
error naming its line and column.

The first line names the columns: ``platform`` and ``handle`` are required, ``display_name``,
``url`` and ``notes`` optional, in any order; other columns are an error (a misspelt column
would otherwise be dropped without a word)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from urllib.parse import urlsplit

from bluelamp.engine.handles import HandleError, handle_key, normalise_handle

REQUIRED = ("platform", "handle")
OPTIONAL = ("display_name", "url", "notes")
MAX_ROWS = 5000
MAX_NAME = 150
MAX_URL = 300
MAX_NOTES = 2000

#: What people write for each platform (folded), besides its stored value.
PLATFORM_WORDS = {
    "x": "x",
    "twitter": "x",
    "x (twitter)": "x",
    "facebook": "facebook",
    "instagram": "instagram",
    "youtube": "youtube",
    "snapchat": "snapchat",
    "flickr": "flickr",
    "linkedin": "linkedin",
}


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    platform: str
    handle: str
    display_name: str
    url: str
    notes: str


class ListProblems(Exception):
    """The list's errors: ``problems`` is a list of ``{"line", "column", "message"}``."""

    def __init__(self, problems: list[dict]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def platform_value(raw: str) -> str | None:
    return PLATFORM_WORDS.get(" ".join(raw.split()).casefold())


def valid_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def read_list(data: bytes | str) -> list[Row]:
    """Every row of the list, or ListProblems naming each error (nothing is half-read)."""
    problems: list[dict] = []

    def problem(line: int, column: str, message: str) -> None:
        problems.append({"line": line, "column": column, "message": message})

    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ListProblems(
                [
                    {
                        "line": data[: exc.start].count(b"\n") + 1,
                        "column": "-",
                        "message": "The file is not UTF-8 text: save it as CSV UTF-8",
                    }
                ]
            ) from None
    reader = csv.reader(io.StringIO(data))
    try:
        header = next(reader)
    except StopIteration:
        raise ListProblems([{"line": 1, "column": "-", "message": "The file is empty"}]) from None
    except csv.Error as exc:
        raise ListProblems([{"line": 1, "column": "-", "message": f"Not CSV: {exc}"}]) from None
    names = [h.strip().casefold().replace(" ", "_") for h in header]
    for name in names:
        if name not in REQUIRED + OPTIONAL:
            problem(
                1,
                name or "(blank)",
                "Unknown column: use platform, handle, display_name, url and notes",
            )
    for name in REQUIRED:
        if name not in names:
            problem(1, name, f"The {name} column is missing")
    if len(set(names)) != len(names):
        problem(1, "-", "A column is named twice")
    if problems:
        raise ListProblems(problems)
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                problem(line, "-", f"A list holds at most {MAX_ROWS} accounts: split it")
                break
            if len(cells) != len(names):
                problem(line, "-", f"Expected {len(names)} cells, found {len(cells)}")
                continue
            cell = {n: c.strip() for n, c in zip(names, cells, strict=True)}
            before = len(problems)
            platform = platform_value(cell["platform"])
            if platform is None:
                problem(line, "platform", f"Unknown platform {cell['platform']!r}")
            handle = ""
            if platform is not None:
                try:
                    handle = normalise_handle(platform, cell["handle"])
                except HandleError as exc:
                    problem(line, "handle", str(exc))
            display_name = " ".join(cell.get("display_name", "").split())
            if len(display_name) > MAX_NAME:
                problem(line, "display_name", f"Enter no more than {MAX_NAME} characters")
            url = cell.get("url", "")
            if url and (len(url) > MAX_URL or not valid_url(url)):
                problem(line, "url", "Enter the address starting https://")
            notes = cell.get("notes", "")
            if len(notes) > MAX_NOTES:
                problem(line, "notes", f"Enter no more than {MAX_NOTES} characters")
            if len(problems) > before:
                continue
            key = (platform, handle_key(handle))
            if key in seen:
                problem(line, "handle", f"@{handle} is listed already, on line {seen[key]}")
                continue
            seen[key] = line
            rows.append(Row(line, platform, handle, display_name, url, notes))
    except csv.Error as exc:
        problem(reader.line_num, "-", f"Not CSV: {exc}")
    if problems:
        raise ListProblems(problems)
    if not rows:
        raise ListProblems([{"line": 2, "column": "-", "message": "The list has no accounts"}])
    return rows

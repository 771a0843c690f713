"""Where an export's files come from (a zip, its unpacked folder, or one file) and how a
platform's big JSON list is read one element at a time.

The list reader decodes each element with the standard library's C scanner
(``JSONDecoder.raw_decode``) from a window of the file, so a 100,000-post ``tweets.js`` is never
held as one string and one tree at once: memory is one chunk plus the element being read.
A file that ends before its closing ``]`` is refused with the line where it stops.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .model import ExportError

CHUNK = 1 << 20
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[\s,]*")
_YTD_PREFIX = re.compile(r"\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*")


class Tree:
    """The files of an export by their path inside it (``data/tweets.js``), forward slashes."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.label = str(path)
        self._zip: zipfile.ZipFile | None = None
        if not self.path.exists():
            raise ExportError("no such file or folder", file=self.label)
        if self.path.is_dir():
            base = self.path
            self._names = sorted(
                p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()
            )
        elif zipfile.is_zipfile(self.path):
            try:
                self._zip = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise ExportError(f"not a readable zip ({exc})", file=self.label) from None
            self._names = sorted(i.filename for i in self._zip.infolist() if not i.is_dir())
        elif self.path.suffix.lower() == ".zip":
            raise ExportError("not a readable zip (cut short or damaged)", file=self.label)
        else:
            self._names = [self.path.name]

    @property
    def single(self) -> bool:
        return self._zip is None and not self.path.is_dir()

    def names(self) -> list[str]:
        return self._names

    def display(self, name: str) -> str:
        """How a file inside the export is named in errors."""
        if self.single:
            return self.label
        return f"{self.label}/{name}" if not self._zip else f"{self.label}:{name}"

    def open_text(self, name: str) -> IO[str]:
        try:
            if self._zip is not None:
                raw = self._zip.open(name)
                return io.TextIOWrapper(raw, encoding="utf-8-sig")
            target = self.path if self.single else self.path / name
            return open(target, encoding="utf-8-sig")
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise ExportError(f"cannot be opened ({exc})", file=self.display(name)) from None

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Tree:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _line_col(text: str, pos: int, line_base: int, line_start: int) -> tuple[int, int]:
    line = line_base + text.count("\n", 0, pos)
    last = text.rfind("\n", 0, pos)
    col = pos - last if last >= 0 else pos - line_start + 1
    return line, col


def iter_json_list(stream: IO[str], file: str) -> Iterator[tuple[int, Any]]:
    """The elements of the JSON list in ``stream`` (optionally after X's
    ``window.YTD.<name>.partN =`` prefix), one at a time, with their index."""
    buf = ""
    eof = False
    line_base = 1  # the line number of buf[0]
    line_start = 0  # the offset in buf of the start of line_base (negative: before buf)

    def more() -> bool:
        nonlocal buf, eof
        if eof:
            return False
        try:
            chunk = stream.read(CHUNK)
        except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError, OSError) as exc:
            raise ExportError(
                f"cannot be read to the end ({exc})", file=file, place=where(len(buf))
            ) from None
        if not chunk:
            eof = True
            return False
        buf += chunk
        return True

    def where(pos: int) -> str:
        line, col = _line_col(buf, pos, line_base, line_start)
        return f"line {line}, column {col}"

    def drop(pos: int) -> None:
        nonlocal buf, line_base, line_start
        newlines = buf.count("\n", 0, pos)
        if newlines:
            line_base += newlines
            line_start = buf.rfind("\n", 0, pos) + 1 - pos
        else:
            line_start -= pos
        buf = buf[pos:]

    more()
    if buf.startswith("window.") or buf.lstrip().startswith("window."):
        match = _YTD_PREFIX.match(buf)
        if not match:
            raise ExportError(
                "starts like an X archive file but not with window.YTD.…", file=file, place="line 1"
            )
        drop(match.end())
    pos = len(buf) - len(buf.lstrip())
    while pos >= len(buf) and more():
        pos = len(buf) - len(buf.lstrip())
    if pos >= len(buf):
        raise ExportError("is empty", file=file, place="line 1")
    if buf[pos] != "[":
        raise ExportError("is not a list of posts (expected '[')", file=file, place=where(pos))
    pos += 1
    index = 0
    expect_comma = False
    commas = 0  # between the last item and the next, across chunks
    while True:
        match = _SPACE.match(buf, pos)
        commas += buf.count(",", pos, match.end())
        pos = match.end()
        if pos >= len(buf):
            drop(pos)
            pos = 0
            if not more():
                raise ExportError(
                    f"ends mid-way: the list is not closed after {index} items (the file is cut short)",
                    file=file,
                    place=where(0),
                )
            continue
        if buf[pos] == "]" and not commas:
            while len(buf) - pos < 4096 and more():
                pass
            rest = buf[pos + 1 :]
            if rest.strip().strip(";").strip():
                raise ExportError(
                    "has text after the end of the list", file=file, place=where(pos + 1)
                )
            return
        if buf[pos] == "]" or commas > 1 or (commas and not expect_comma):
            raise ExportError("has a stray ','", file=file, place=where(pos))
        if expect_comma and not commas:
            raise ExportError("is missing a ',' between items", file=file, place=where(pos))
        commas = 0
        while True:
            try:
                value, end = _DECODER.raw_decode(buf, pos)
                break
            except json.JSONDecodeError as exc:
                # An element cut by the chunk's end: read more and try again. At the end of the
                # file, an error at its very end (or a string never closed) is a file cut short.
                near_end = exc.pos >= len(buf) - 64 or "Unterminated" in exc.msg
                if near_end and more():
                    if pos > CHUNK:
                        drop(pos)
                        pos = 0
                    continue
                if exc.pos >= len(buf.rstrip()) or "Unterminated" in exc.msg:
                    raise ExportError(
                        f"ends mid-way inside item {index} (the file is cut short)",
                        file=file,
                        place=where(min(exc.pos, len(buf))),
                    ) from None
                raise ExportError(
                    f"is not valid JSON ({exc.msg})", file=file, place=where(exc.pos)
                ) from None
        yield index, value
        index += 1
        expect_comma = True
        pos = end
        if pos > CHUNK:
            drop(pos)
            pos = 0


def read_json_list(tree: Tree, name: str) -> Iterator[tuple[int, Any]]:
    file = tree.display(name)
    with tree.open_text(name) as stream:
        yield from iter_json_list(stream, file)


def read_json(tree: Tree, name: str) -> Any:
    """A small JSON file (an index, notes) read whole."""
    file = tree.display(name)
    with tree.open_text(name) as stream:
        text = stream.read()
    match = _YTD_PREFIX.match(text)
    if match:
        text = text[match.end() :]
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(
            f"is not valid JSON ({exc.msg})",
            file=file,
            place=f"line {exc.lineno}, column {exc.colno}",
        ) from None

"""Reading what a person uploads for their self-check into plain posts: a platform's own export
(X "Your archive", Facebook's or Instagram's "Download your information", read by
``engine.exports``), or a simple file of posts (CSV with a ``text`` column, or JSON Lines with a
``text`` key), for posts from anywhere else.

Pure: no Django. Errors are :class:`ReadError`, naming the file and the place."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bluelamp.engine.exports import ExportError, read_export

SIMPLE_SUFFIXES = (".csv", ".jsonl", ".ndjson")
EXPORT_SUFFIXES = (".zip", ".js", ".json")


class ReadError(ValueError):
    def __init__(self, message: str, *, file: str, place: str | None = None) -> None:
        self.message, self.file, self.place = message, file, place
        super().__init__(f"{file}, {place}: {message}" if place else f"{file}: {message}")


@dataclass(frozen=True, slots=True)
class PlainPost:
    """One of the person's posts, as the check needs it."""

    index: int
    text: str
    created_at: dt.datetime | None = None
    platform: str = ""
    platform_id: str | None = None
    #: "post", "reply" or "repost" (a repost is someone else's words shared: still checked).
    kind: str = "post"
    #: Where the photo was taken, when the export's metadata says (3.15, 5.3).
    gps: tuple[float, float] | None = None


def _when(value: str) -> dt.datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _simple_csv(path: Path, label: str) -> Iterator[PlainPost]:
    try:
        stream = io.TextIOWrapper(path.open("rb"), encoding="utf-8-sig", newline="")
        with stream:
            reader = csv.DictReader(stream)
            if not reader.fieldnames or "text" not in [f.strip() for f in reader.fieldnames]:
                raise ReadError(
                    "the first line must name a text column", file=label, place="line 1"
                )
            for n, row in enumerate(reader):
                row = {(k or "").strip(): (v or "") for k, v in row.items()}
                yield PlainPost(
                    index=n,
                    text=row.get("text", ""),
                    created_at=_when(row.get("created_at", "")),
                    platform=row.get("platform", "").strip(),
                    platform_id=row.get("id", "").strip() or None,
                )
    except UnicodeDecodeError:
        raise ReadError("is not UTF-8 text", file=label) from None
    except csv.Error as exc:
        raise ReadError(f"is not CSV ({exc})", file=label) from None


def _simple_jsonl(path: Path, label: str) -> Iterator[PlainPost]:
    n = 0
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise ReadError(
                    "is not a JSON object", file=label, place=f"line {number}"
                ) from None
            if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                raise ReadError(
                    'each line must be an object with a "text" string',
                    file=label,
                    place=f"line {number}",
                )
            yield PlainPost(
                index=n,
                text=data["text"],
                created_at=_when(str(data.get("created_at") or "")),
                platform=str(data.get("platform") or ""),
                platform_id=str(data["id"]) if data.get("id") is not None else None,
            )
            n += 1


def _export(path: Path, label: str) -> Iterator[PlainPost]:
    try:
        for n, item in enumerate(read_export(path)):
            kind = "repost" if item.repost_of else "reply" if item.reply_to else "post"
            gps = item.gps or next((m.gps for m in item.media if m.gps), None)
            yield PlainPost(
                index=n,
                text=item.text,
                created_at=item.created_at,
                platform=item.platform,
                platform_id=item.platform_id,
                kind=kind,
                gps=gps,
            )
    except ExportError as exc:
        # The reader names the temporary file; the person knows it by its own name.
        file = exc.file.replace(str(path), label).replace(path.name, label)
        raise ReadError(exc.message, file=file, place=exc.place) from None


def read_posts(path: Path, *, name: str) -> Iterator[PlainPost]:
    """The posts in the uploaded file at ``path``, which the person called ``name``."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return _simple_csv(path, name)
    if suffix in (".jsonl", ".ndjson"):
        return _simple_jsonl(path, name)
    if suffix in EXPORT_SUFFIXES:
        return _export(path, name)
    raise ReadError(
        "is not an export (.zip, .js, .json) or a file of posts (.csv, .jsonl)", file=name
    )

"""Facebook "Download your information" (JSON), posts.

Until 2023 ``posts/your_posts_1.json`` (``your_posts_2.json``… for big accounts); since 2024
``your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json``. Both are a
list of ``{"timestamp", "title"?, "data": [{"post"?}, {"update_timestamp"}…], "attachments":
[{"data": [{"media": {…}} | {"external_context": {"url"}} | {"place": {…}}]}]}``. ``title`` is
Facebook's line about the activity ("… updated his status"), not the post; the post's words are
``data[].post`` and many entries (shares, check-ins) have none. Every string is UTF-8 whose
bytes were written as ``\\u00c3\\u00a9`` escapes, repaired here. The export has no post ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import meta
from .model import ExportError, ExportItem
from .source import Tree, read_json_list
from .text import repair

PLATFORM = "facebook"
FILES = re.compile(r"(?:^|/)your_posts(?:__check_ins__photos_and_videos)?_\d+\.json$")


def claims(names: list[str]) -> bool:
    return any(FILES.search(n) for n in names)


def _number(name: str) -> tuple[str, int]:
    match = re.search(r"_(\d+)\.json$", name)
    return (name[: match.start()] if match else name, int(match.group(1)) if match else 0)


def read(tree: Tree) -> Iterator[ExportItem]:
    names = tree.names() if tree.single else [n for n in tree.names() if FILES.search(n)]
    for name in sorted(names, key=_number):
        file = tree.display(name)
        for index, raw in read_json_list(tree, name):
            yield item(raw, index=index, name=name, file=file)


def item(raw: Any, *, index: int, name: str, file: str) -> ExportItem:
    if not isinstance(raw, dict):
        raise ExportError("is not a post (expected an object)", file=file, place=f"[{index}]")
    try:
        created_at = meta.timestamp(raw.get("timestamp"), "timestamp")
    except ValueError as exc:
        raise ExportError(str(exc), file=file, place=f"[{index}].timestamp") from None
    texts: list[str] = []
    for entry in meta.walk(raw.get("data")):
        if isinstance(entry.get("post"), str) and entry["post"]:
            texts.append(repair(entry["post"]))
    media = []
    links: list[str] = []
    gps = None
    for a, attachment in enumerate(meta.walk(raw.get("attachments"))):
        for d, entry in enumerate(meta.walk(attachment.get("data"))):
            if isinstance(entry.get("media"), dict):
                media.append(meta.media_of(entry["media"], ""))
            external = entry.get("external_context")
            if isinstance(external, dict) and isinstance(external.get("url"), str):
                links.append(external["url"])
            place = entry.get("place")
            if isinstance(place, dict) and isinstance(place.get("coordinate"), dict):
                coordinate = place["coordinate"]
                try:
                    gps = (float(coordinate["latitude"]), float(coordinate["longitude"]))
                except (KeyError, TypeError, ValueError):
                    raise ExportError(
                        "the place has no coordinates",
                        file=file,
                        place=f"[{index}].attachments[{a}].data[{d}].place.coordinate",
                    ) from None
    media_t = tuple(media)
    return ExportItem(
        platform=PLATFORM,
        platform_id=None,
        created_at=created_at,
        text="\n\n".join(texts),
        media=media_t,
        links=tuple(links),
        gps=gps or meta.first_gps(media_t),
        source=name,
        index=index,
    )

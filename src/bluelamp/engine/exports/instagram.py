"""Instagram "Download your information" (JSON), posts.

Legacy layout (``content/posts_1.json``, ``media/posts_1.json``): a list of ``{"media": [{"uri",
"creation_timestamp", "title", "media_metadata"?}]}``, the caption in ``media[].title``. The 2024
layout (``your_instagram_activity/content/posts_1.json``): a list of ``{"media": [{"uri",
"creation_timestamp", "media_metadata": {"photo_metadata": {"exif_data": [...]}},
"cross_post_source", "dubbing_info"}], "title", "creation_timestamp"}``, the caption the
post-level ``title`` (several photos share it). The GPS of a photo is in its ``exif_data``. Same
mojibake as Facebook, repaired here. The export has no post ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import meta
from .model import ExportError, ExportItem
from .source import Tree, read_json_list
from .text import repair

PLATFORM = "instagram"
FILES = re.compile(r"(?:^|/)posts_\d+\.json$")


def claims(names: list[str]) -> bool:
    return any(FILES.search(n) and not n.rsplit("/", 1)[-1].startswith("your_") for n in names)


def _number(name: str) -> int:
    match = re.search(r"_(\d+)\.json$", name)
    return int(match.group(1)) if match else 0


def read(tree: Tree) -> Iterator[ExportItem]:
    names = tree.names() if tree.single else [n for n in tree.names() if FILES.search(n)]
    names = sorted(names, key=_number)
    for name in names:
        file = tree.display(name)
        for index, raw in read_json_list(tree, name):
            yield item(raw, index=index, name=name, file=file)


def item(raw: Any, *, index: int, name: str, file: str) -> ExportItem:
    if not isinstance(raw, dict) or not isinstance(raw.get("media"), list):
        raise ExportError(
            "is not a post (expected an object with media)", file=file, place=f"[{index}]"
        )
    entries = list(meta.walk(raw["media"]))
    if "creation_timestamp" in raw:
        stamp, where = raw["creation_timestamp"], f"[{index}].creation_timestamp"
    elif entries:
        stamp, where = (
            entries[0].get("creation_timestamp"),
            f"[{index}].media[0].creation_timestamp",
        )
    else:
        raise ExportError("the post has no date", file=file, place=f"[{index}]")
    try:
        created_at = meta.timestamp(stamp, "creation_timestamp")
    except ValueError as exc:
        raise ExportError(str(exc), file=file, place=where) from None
    caption = raw.get("title")
    if not isinstance(caption, str) or not caption:
        caption = next(
            (e["title"] for e in entries if isinstance(e.get("title"), str) and e["title"]), ""
        )
    media = tuple(meta.media_of(entry, "") for entry in entries)
    return ExportItem(
        platform=PLATFORM,
        platform_id=None,
        created_at=created_at,
        text=repair(caption),
        media=media,
        gps=meta.first_gps(media),
        source=name,
        index=index,
    )

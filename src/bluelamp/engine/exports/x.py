"""X "Your archive" (a zip or its folder, or one of its data files).

Posts are in ``data/tweets.js`` (``tweet.js`` before 2021; large archives split it into
``tweets-part1.js``…), deleted posts still kept by X in ``deleted-tweets.js`` (with
``deleted_at``), posts in Communities in ``community-tweet.js``, and the full text of long posts
in ``note-tweet.js`` (the post itself holds the first 280 characters and a short link). Every
file is ``window.YTD.<name>.partN = [ {"tweet": {...}}, ... ]``. Media files sit in
``tweets_media/`` (and ``deleted_tweets_media/``, ``community_tweet_media/``) named
``<post id>-<file>``.

The archive does not name the original of a repost: ``repost_of`` is ``@handle`` of the account
reposted, taken from the ``RT @handle:`` the text starts with (or the original's id when the
file has ``retweeted_status``, as API dumps do).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from .model import ExportError, ExportItem, ExportMedia
from .source import Tree, read_json_list
from .text import UTC, parse_x_date, repair

PLATFORM = "x"
_PART = r"(?:-part\d+)?\.js"
FILES = (
    ("tweets", re.compile(rf"(?:^|/)(?:tweets|tweet){_PART}$"), None),
    ("community", re.compile(rf"(?:^|/)community-tweet{_PART}$"), None),
    ("deleted", re.compile(rf"(?:^|/)deleted-tweets?{_PART}$"), None),
)
NOTES = re.compile(rf"(?:^|/)note-tweet{_PART}$")
MEDIA_DIRS = re.compile(
    r"(?:^|/)(?:tweets?|deleted_tweets|community_tweet)_media/([0-9]+)-([^/]+)$"
)
_RT = re.compile(r"^RT @([A-Za-z0-9_]{1,15}):")
_STATUS = re.compile(
    r"^https?://(?:(?:www|mobile)\.)?(?:twitter|x)\.com/[A-Za-z0-9_]+/status(?:es)?/([0-9]+)/?(?:\?.*)?$"
)
_KINDS = {"photo": "photo", "video": "video", "animated_gif": "gif"}


def claims(names: list[str]) -> bool:
    return any(pattern.search(n) for n in names for _, pattern, _ in FILES)


def _sort_key(name: str) -> tuple[str, int]:
    match = re.search(r"-part(\d+)\.js$", name)
    return (re.sub(r"-part\d+\.js$", ".js", name), int(match.group(1)) if match else 0)


def read(tree: Tree) -> Iterator[ExportItem]:
    names = tree.names()
    media = _media_index(names)
    notes = {} if tree.single else _notes(tree, names)
    groups = (
        [[names[0]]]
        if tree.single
        else [
            sorted((n for n in names if pattern.search(n)), key=_sort_key)
            for _, pattern, _ in FILES
        ]
    )
    for group in groups:
        for name in group:
            file = tree.display(name)
            for index, raw in read_json_list(tree, name):
                yield _item(raw, index=index, name=name, file=file, media=media, notes=notes)


def _media_index(names: list[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for name in names:
        match = MEDIA_DIRS.search(name)
        if match:
            index[match.group(1)].append(name)
    return index


class _Note:
    __slots__ = ("prefix", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.prefix = _norm(text)[:40]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _notes(tree: Tree, names: list[str]) -> dict[int, list[_Note]]:
    """Long posts' full texts by the second they were written."""
    notes: dict[int, list[_Note]] = defaultdict(list)
    for name in sorted(n for n in names if NOTES.search(n)):
        file = tree.display(name)
        for index, raw in read_json_list(tree, name):
            note = raw.get("noteTweet", raw) if isinstance(raw, dict) else None
            core = note.get("core") if isinstance(note, dict) else None
            if not isinstance(core, dict) or not isinstance(core.get("text"), str):
                raise ExportError("is not a note (no core.text)", file=file, place=f"[{index}]")
            try:
                created = parse_x_date(note.get("createdAt"), what="createdAt")
            except ValueError as exc:
                raise ExportError(
                    str(exc), file=file, place=f"[{index}].noteTweet.createdAt"
                ) from None
            text = core["text"]
            for url in core.get("urls") or ():
                if isinstance(url, dict) and url.get("shortUrl") and url.get("expandedUrl"):
                    text = text.replace(url["shortUrl"], url["expandedUrl"])
            notes[int(created.timestamp())].append(_Note(repair(text)))
    return notes


def _str_id(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("is not an id")
    return str(value)


def _item(
    raw: Any,
    *,
    index: int,
    name: str,
    file: str,
    media: dict[str, list[str]],
    notes: dict[int, list[_Note]],
) -> ExportItem:
    place = f"[{index}].tweet"
    tweet = raw.get("tweet", raw) if isinstance(raw, dict) else None
    if not isinstance(tweet, dict):
        raise ExportError("is not a post (expected an object)", file=file, place=f"[{index}]")
    try:
        platform_id = _str_id(tweet.get("id_str")) or _str_id(tweet.get("id"))
    except ValueError:
        raise ExportError("the id is not an id", file=file, place=f"{place}.id_str") from None
    if platform_id is None:
        raise ExportError("the post has no id", file=file, place=f"{place}.id_str")
    try:
        created_at = parse_x_date(tweet.get("created_at"), what="created_at")
        deleted_at = (
            parse_x_date(tweet["deleted_at"], what="deleted_at")
            if tweet.get("deleted_at")
            else None
        )
    except ValueError as exc:
        field = "deleted_at" if "deleted_at" in str(exc) else "created_at"
        raise ExportError(str(exc), file=file, place=f"{place}.{field}") from None
    text = tweet.get("full_text")
    if text is None:
        text = tweet.get("text", "")
    if not isinstance(text, str):
        raise ExportError("the text is not text", file=file, place=f"{place}.full_text")
    entities = tweet.get("entities") if isinstance(tweet.get("entities"), dict) else {}
    extended = (
        tweet.get("extended_entities") if isinstance(tweet.get("extended_entities"), dict) else {}
    )
    links: list[str] = []
    try:
        quote_of = _str_id(tweet.get("quoted_status_id_str") or tweet.get("quoted_status_id"))
        reply_to = _str_id(
            tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id")
        )
    except ValueError:
        raise ExportError(
            "a reply or quote id is not an id",
            file=file,
            place=f"{place}.in_reply_to_status_id_str",
        ) from None
    stripped = text.rstrip()
    for url in entities.get("urls") or ():
        if not isinstance(url, dict) or not isinstance(url.get("url"), str) or not url["url"]:
            continue
        expanded = url.get("expanded_url")
        expanded = expanded if isinstance(expanded, str) and expanded else url["url"]
        links.append(expanded)
        text = text.replace(url["url"], expanded)
        status = _STATUS.match(expanded)
        if status and quote_of is None and stripped.endswith(url["url"]):
            quote_of = status.group(1)
    media_entities = extended.get("media") or entities.get("media") or ()
    for item in media_entities:
        if isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"]:
            text = text.replace(item["url"], "")
    note_text = _note_for(notes, created_at, text)
    text = repair(note_text if note_text is not None else text).rstrip()
    repost_of = None
    retweeted = tweet.get("retweeted_status")
    if isinstance(retweeted, dict) and retweeted.get("id_str"):
        repost_of = str(retweeted["id_str"])
    else:
        match = _RT.match(text)
        if match:
            repost_of = "@" + match.group(1)
    if repost_of is not None and quote_of is not None and not tweet.get("quoted_status_id_str"):
        quote_of = None
    return ExportItem(
        platform=PLATFORM,
        platform_id=platform_id,
        created_at=created_at,
        text=text,
        reply_to=reply_to,
        repost_of=repost_of,
        quote_of=quote_of,
        deleted_at=deleted_at,
        media=tuple(_media(media_entities, media.get(platform_id, ()))),
        links=tuple(links),
        gps=_gps(tweet),
        source=name,
        index=index,
    )


def _note_for(notes: dict[int, list[_Note]], created_at: dt.datetime, text: str) -> str | None:
    if not notes:
        return None
    candidates = notes.get(int(created_at.timestamp()))
    if not candidates:
        return None
    start = _norm(repair(text)).rstrip("…").strip()[:40]
    for note in candidates:
        if note.prefix.startswith(start[: len(note.prefix)]) and start[:20] == note.prefix[:20]:
            return note.text
    return candidates[0].text if len(candidates) == 1 else None


def _media(entities: Any, files: Any) -> Iterator[ExportMedia]:
    files = list(files)
    used: set[str] = set()
    for item in entities:
        if not isinstance(item, dict):
            continue
        kind = _KINDS.get(str(item.get("type")), "other")
        url = str(item.get("media_url_https") or item.get("media_url") or "")
        base = url.rsplit("/", 1)[-1]
        path = None
        for candidate in files:
            if candidate in used:
                continue
            tail = candidate.rsplit("/", 1)[-1].split("-", 1)[1]
            if (base and tail == base) or (kind != "photo" and tail.endswith(".mp4")):
                path = candidate
                break
        if path:
            used.add(path)
        alt = item.get("ext_alt_text") or item.get("alt_text")
        yield ExportMedia(path=path, kind=kind, alt_text=repair(alt) if alt else None, gps=None)


def _gps(tweet: dict) -> tuple[float, float] | None:
    try:
        coordinates = tweet.get("coordinates")
        if isinstance(coordinates, dict) and coordinates.get("coordinates"):
            lon, lat = coordinates["coordinates"][:2]
            return (float(lat), float(lon))
        geo = tweet.get("geo")
        if isinstance(geo, dict) and geo.get("coordinates"):
            lat, lon = geo["coordinates"][:2]
            return (float(lat), float(lon))
    except (TypeError, ValueError):
        return None
    return None


__all__ = ["PLATFORM", "UTC", "claims", "read"]

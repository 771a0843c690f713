"""What the export readers give back: plain, frozen data, the same for every platform."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PLATFORMS = ("x", "facebook", "instagram")


class ExportError(Exception):
    """An export that cannot be read as given. ``file`` is the file inside the export (or the
    export itself), ``place`` where in it (``line 12, column 4``, ``[3].media[0].uri``, a zip
    member), ``message`` what is wrong."""

    def __init__(self, message: str, *, file: str, place: str | None = None) -> None:
        self.message = message
        self.file = file
        self.place = place
        where = f"{file}, {place}" if place else file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class ExportMedia:
    """A photo or video of an item. ``path`` is the file inside the export when the export
    holds it (``None`` when it does not). ``gps`` is (latitude, longitude) from the photo's
    metadata: a location to flag, never to publish."""

    path: str | None
    kind: str  # "photo" | "video" | "gif" | "other"
    alt_text: str | None = None
    gps: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One post the export holds: a post, a reply, a repost, a share or a check-in.

    ``platform_id`` is exactly the platform's id where the export has one (X always;
    Facebook and Instagram exports have none, so ``None``). ``text`` is repaired (mojibake,
    HTML entities, short links expanded) and empty for items without text. ``repost_of`` is
    the reposted post's id when the export names it, else ``@handle`` of the reposted account.
    ``source`` is the file inside the export the item came from, ``index`` its position there.
    """

    platform: str
    platform_id: str | None
    created_at: dt.datetime
    text: str
    reply_to: str | None = None
    repost_of: str | None = None
    quote_of: str | None = None
    deleted_at: dt.datetime | None = None
    media: tuple[ExportMedia, ...] = ()
    links: tuple[str, ...] = field(default=())
    gps: tuple[float, float] | None = None
    source: str = ""
    index: int = 0

    def as_json(self) -> dict:
        """The item as `bluelamp archive read --jsonl` prints it."""
        return {
            "platform": self.platform,
            "platform_id": self.platform_id,
            "created_at": self.created_at.isoformat(),
            "text": self.text,
            "reply_to": self.reply_to,
            "repost_of": self.repost_of,
            "quote_of": self.quote_of,
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
            "media": [
                {
                    "path": m.path,
                    "kind": m.kind,
                    "alt_text": m.alt_text,
                    "gps": list(m.gps) if m.gps else None,
                }
                for m in self.media
            ],
            "links": list(self.links),
            "gps": list(self.gps) if self.gps else None,
            "source": self.source,
        }

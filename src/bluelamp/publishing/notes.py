"""Notes other apps put on a post's page: things about the post that live elsewhere (an open
request from the public to remove or correct it). Publishing sits below those apps, so it does
not import them: each registers a function here when it starts (``AppConfig.ready``).

A function takes ``(post, user)`` and returns a list of :class:`PostNote` for that user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PostNote:
    """One line for the post's page, with a link when the user may follow it."""

    text: str
    link: str = ""
    link_text: str = ""


_SOURCES: list[Callable[[Any, Any], list[PostNote]]] = []


def register(source: Callable[[Any, Any], list[PostNote]]) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def post_notes(post: Any, user: Any) -> list[PostNote]:
    """Every registered app's notes about ``post``, for ``user``."""
    return [note for source in _SOURCES for note in source(post, user)]

"""Readers for the platforms' own exports (X "Your archive", Facebook's and Instagram's
"Download your information"): pure functions, no Django.

``read_export(path)`` yields an ``ExportItem`` for every post the export holds, streaming;
``detect(path)`` names the format; ``ExportError`` names the file and the place of bad input.
Each format is a module with ``PLATFORM``, ``claims(names)`` and ``read(tree)``, listed in
``FORMATS`` in the order they are tried.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from . import facebook, instagram, x
from .model import PLATFORMS, ExportError, ExportItem, ExportMedia
from .source import Tree

FORMATS = {x.PLATFORM: x, facebook.PLATFORM: facebook, instagram.PLATFORM: instagram}


def _sniff(tree: Tree) -> str | None:
    """A single file under another name: look at how it starts."""
    name = tree.names()[0]
    with tree.open_text(name) as stream:
        head = stream.read(4096)
    start = head.lstrip()
    if start.startswith("window.YTD.") or '"tweet"' in head[:400]:
        return x.PLATFORM
    if start.startswith("["):
        if '"timestamp"' in head:
            return facebook.PLATFORM
        if '"media"' in head:
            return instagram.PLATFORM
    return None


def _detect(tree: Tree) -> str:
    names = tree.names()
    for platform, module in FORMATS.items():
        if module.claims(names):
            return platform
    if tree.single:
        found = _sniff(tree)
        if found:
            return found
    raise ExportError(
        "is not an X, Facebook or Instagram export (no tweets.js, your_posts_1.json or posts_1.json found)",
        file=tree.label,
    )


def detect(path: str | os.PathLike[str]) -> str:
    """The platform whose export ``path`` is (a zip, its folder or one of its files)."""
    with Tree(path) as tree:
        return _detect(tree)


def read_export(path: str | os.PathLike[str]) -> Iterator[ExportItem]:
    """Every post in the export at ``path``, read as it is needed."""
    with Tree(path) as tree:
        module = FORMATS[_detect(tree)]
        yield from module.read(tree)


__all__ = [
    "FORMATS",
    "PLATFORMS",
    "ExportError",
    "ExportItem",
    "ExportMedia",
    "detect",
    "read_export",
]

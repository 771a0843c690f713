"""Links in a post and whether they lead to the force's own website or Flickr (4.11, 4.14)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bluelamp.engine.rules.detectors.fastre import fast, fast_compile
from bluelamp.engine.rules.detectors.gate import _lowered

# Only hosts under these top-level domains count as links when written without a scheme, so that
# "arrested.He" (a missing space) is not a link.
_TLDS = (
    "uk|com|org|net|gov|info|io|co|ly|gl|me|be|tv|eu|us|ie|de|fr|biz|app|dev|ai|to|gd|cc|ws|"
    "ac|edu|news|online|site|xyz|link|page|in|at|it|nl|es|ca|au|nz|police|social|live|lk|im|sh|kr|"
    "gy|id|is|st|la|su|ru|cn|jp|pl|ro|eg|za|ng|ke|pk|bd|ae|sg|hk|ch|se|no|dk|fi|pt|gr|tk|ms|fm|ai"
)
LINK_RE = fast_compile(
    r"(?<![@\w.\-/])(?P<scheme>https?://)?(?P<www>www\.)?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:[a-z]{2,24}))"
    r"(?P<port>:\d{1,5})?(?P<path>/[^\s<>\"'()\[\]{}]*)?",
    re.IGNORECASE,
)
_TLD_RE = fast_compile(rf"\.(?:{_TLDS})$", re.IGNORECASE)
SHORTENERS = frozenset(
    """bit.ly t.co tinyurl.com ow.ly buff.ly goo.gl flic.kr is.gd rb.gy cutt.ly shorturl.at
    tiny.cc lnkd.in fb.me wp.me dlvr.it trib.al bl.ink t.ly rebrand.ly s.id v.gd tr.im
    shorte.st adf.ly amzn.to po.st ift.tt soo.gd qr.io""".split()
)


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    host: str
    path: str
    force_web: bool
    force_flickr: bool
    short: bool


_LINK_SIGN = fast_compile(rf"://|\.(?:{_TLDS})\b", re.IGNORECASE)
# "x.y": a letter or digit, a dot, a letter. Only whether it occurs is used, so the search
# starts at the dot (a literal the engine jumps to) and looks back for the character before.
_LINK_CUE = fast_compile(r"\.(?<=[A-Za-z0-9]\.)[A-Za-z]")


_LINK_RE_LOWER = fast(_lowered(LINK_RE))
# Every match of [^\s.]*\.\S* is a whole run of non-space characters containing a dot, so
# the match may only start where a run starts; said so, no start inside a word is tried.
_DOTTED_RUN = fast_compile(r"(?<!\S)[^\s.]*+\.\S*")
# What every link holds: the end of a host's label, a dot and a letter of the next one. Most
# dotted runs are words that end a sentence ("station."): this finds them out sooner than
# the link pattern does. One form for each of the link pattern's.
_HOST_DOT = fast_compile(r"\.(?<=[a-z0-9]\.)[a-z]")
_HOST_DOT_ANY_CASE = fast_compile(r"\.(?<=[a-z0-9]\.)[a-z]", re.IGNORECASE)


def find_links(text: str, web_domains, flickr_paths, lower: str | None = None) -> list[Link]:
    """Links in the text. With ``lower`` (the text lower-cased, same length) the pattern runs
    without IGNORECASE, several times faster; the spans are the same."""
    links: list[Link] = []
    if "." not in text or not _LINK_CUE.search(text) or not _LINK_SIGN.search(text):
        return links
    rx, haystack, cue = (
        (_LINK_RE_LOWER, lower, _HOST_DOT)
        if lower is not None
        else (LINK_RE, text, _HOST_DOT_ANY_CASE)
    )
    # A link is one run of non-space characters with a dot in it: run the (costly) link
    # pattern only inside such runs.
    matches = (
        m
        for run in _DOTTED_RUN.finditer(text)
        if cue.search(haystack, *run.span())
        for m in rx.finditer(haystack, *run.span())
    )
    for m in matches:
        host = m.group("host").lower()
        if not m.group("scheme") and not _TLD_RE.search(host):
            continue
        # The path as written (case matters in a path), from the original text.
        path = (text[m.start("path") : m.end("path")] if m.group("path") else "").rstrip(".,;:!?")
        end = m.start("path") + len(path) if m.group("path") else m.end("host")
        if m.group("port"):
            end = max(end, m.end("port"))
        web = any(host == d or host.endswith("." + d) for d in web_domains)
        where = host.removeprefix("www.") + path.lower()
        flickr = any(where == fp or where.startswith(fp + "/") for fp in flickr_paths)
        links.append(
            Link(
                start=m.start(),
                end=end,
                host=host,
                path=path,
                force_web=web,
                force_flickr=flickr,
                short=host in SHORTENERS,
            )
        )
    return links

"""The platform's id of a post, from its address as people copy it from a browser or an app.

A reply or a quote must name the post it answers by the platform's own id: X's numeric status
id (``POST /2/tweets`` ``reply.in_reply_to_tweet_id``, ``quote_tweet_id``), or the Graph API
object a Facebook comment goes on (``POST /{object-id}/comments``: a Page post's
``{page-id}_{post-id}``). People have the address, not the id; this turns one into the other,
or says exactly why it cannot.

Pure: no network. Whether the post exists is the platform's to say when the reply is sent."""

from __future__ import annotations

import re
import urllib.parse

X_HOSTS = {"x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com", "fxtwitter.com"}
FACEBOOK_HOSTS = {"facebook.com", "m.facebook.com", "mbasic.facebook.com", "web.facebook.com"}
_DIGITS = re.compile(r"\d{1,25}")
_FACEBOOK_ID = re.compile(r"\d{1,25}(_\d{1,25})?")


class AddressError(ValueError):
    """An address or id that names no post the platform could find; the message says why."""


def _host(parsed: urllib.parse.SplitResult) -> str:
    host = (parsed.hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _split(value: str) -> urllib.parse.SplitResult | None:
    text = value.strip()
    if "://" not in text and "/" in text and not text.startswith("/"):
        text = "https://" + text
    if "://" not in text:
        return None
    parsed = urllib.parse.urlsplit(text)
    if parsed.scheme not in ("http", "https"):
        raise AddressError(f"{value.strip()!r} is not a web address (it should start https://)")
    return parsed


def x_status_id(value: str) -> str:
    """X's status id from an address (``https://x.com/<name>/status/<id>``, twitter.com, the
    mobile sites, ``/i/web/status/<id>``, with or without ``/photo/1`` or a query) or from
    the id itself."""
    text = (value or "").strip()
    if not text:
        raise AddressError("Enter the address of the post on X")
    if _DIGITS.fullmatch(text):
        return text
    parsed = _split(text)
    if parsed is None:
        raise AddressError(
            f"{text!r} is not an X address: copy it from the post's Share menu, for example "
            "https://x.com/WMPolice/status/1234567890123456789"
        )
    if _host(parsed) not in X_HOSTS:
        raise AddressError(
            f"{text!r} is not an address on X (x.com or twitter.com): the account posts on X, "
            "so it can only reply to or quote a post on X"
        )
    parts = [p for p in parsed.path.split("/") if p]
    for index, part in enumerate(parts[:-1]):
        if part in ("status", "statuses") and _DIGITS.fullmatch(parts[index + 1]):
            return parts[index + 1]
    raise AddressError(
        f"{text!r} is an address on X but not of a post: a post's address has /status/ and a "
        "number in it"
    )


def facebook_object_id(value: str) -> str:
    """The Graph API object id of a Facebook post from its address
    (``https://www.facebook.com/<page-id>/posts/<post-id>``, ``permalink.php?story_fbid=
    <post-id>&id=<page-id>``, ``story.php?...``, ``photo?fbid=<id>``, ``/<page-id>_<post-id>``)
    or from the id itself (``<page-id>_<post-id>`` or a number)."""
    text = (value or "").strip()
    if not text:
        raise AddressError("Enter the address of the post on Facebook")
    if _FACEBOOK_ID.fullmatch(text):
        return text
    parsed = _split(text)
    if parsed is None:
        raise AddressError(
            f"{text!r} is not a Facebook address: copy it from the post's date or its Share "
            "menu, for example https://www.facebook.com/546349135390552/posts/1116689038356556"
        )
    if _host(parsed) not in FACEBOOK_HOSTS:
        raise AddressError(
            f"{text!r} is not an address on Facebook (facebook.com): the account posts on "
            "Facebook, so it can only reply to a post on Facebook"
        )
    query = dict(urllib.parse.parse_qsl(parsed.query))
    parts = [p for p in parsed.path.split("/") if p]
    if parts and parts[-1] in ("permalink.php", "story.php"):
        story, page = query.get("story_fbid", ""), query.get("id", "")
        if _DIGITS.fullmatch(story) and _DIGITS.fullmatch(page):
            return f"{page}_{story}"
        if story.startswith("pfbid"):
            raise _pfbid(text)
        raise AddressError(f"{text!r} does not say which post: it needs story_fbid and id")
    if parts and parts[-1] in ("photo", "photo.php") and _DIGITS.fullmatch(query.get("fbid", "")):
        return query["fbid"]
    if len(parts) == 1 and _FACEBOOK_ID.fullmatch(parts[0]) and "_" in parts[0]:
        return parts[0]
    if len(parts) >= 3 and parts[1] in ("posts", "videos", "photos"):
        page, post = parts[0], parts[-1]
        if post.startswith("pfbid"):
            raise _pfbid(text)
        if _DIGITS.fullmatch(post):
            return f"{page}_{post}" if _DIGITS.fullmatch(page) else post
    raise AddressError(
        f"{text!r} is an address on Facebook but not of a post: a post's address has /posts/ "
        "and its number, or story_fbid"
    )


def _pfbid(text: str) -> AddressError:
    return AddressError(
        f"{text!r} uses Facebook's shortened post id (pfbid…), which only Facebook can turn "
        "into the post's number: choose the post from the archive instead, or open it and "
        "copy the address its date links to"
    )


def platform_post_id(platform: str, value: str) -> str:
    """The id a reply or quote on ``platform`` names, from an address or an id."""
    if platform == "x":
        return x_status_id(value)
    if platform == "facebook":
        return facebook_object_id(value)
    raise AddressError(f"Bluelamp cannot reply to or quote posts on {platform} yet")


def post_address(platform: str, post_id: str) -> str:
    """The public address of the post ``post_id`` on ``platform`` ("" where unknown)."""
    if platform == "x":
        return f"https://x.com/i/web/status/{post_id}"
    if platform == "facebook":
        return f"https://www.facebook.com/{post_id}"
    return ""

"""Post addresses as people paste them, turned into the platform's ids; every refusal says why."""

from __future__ import annotations

import pytest

from bluelamp.engine.post_addresses import (
    AddressError,
    facebook_object_id,
    platform_post_id,
    x_status_id,
)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://x.com/WMPolice/status/1866152345678901234", "1866152345678901234"),
        ("https://twitter.com/WMPolice/status/1866152345678901234?s=20", "1866152345678901234"),
        ("https://mobile.twitter.com/WMPolice/status/186615234567890/photo/1", "186615234567890"),
        ("https://www.x.com/i/web/status/1866152345678901234", "1866152345678901234"),
        ("x.com/WMPolice/status/42", "42"),
        ("  1866152345678901234  ", "1866152345678901234"),
    ],
)
def test_x_addresses_give_the_status_id(address, expected):
    assert x_status_id(address) == expected


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("", "Enter the address of the post on X"),
        ("https://www.facebook.com/WMPolice/posts/123", "not an address on X"),
        ("https://x.com/WMPolice", "not of a post"),
        ("https://x.com/WMPolice/status/abc", "not of a post"),
        ("the post about the fair", "not an X address"),
        ("ftp://x.com/a/status/1", "not a web address"),
    ],
)
def test_x_refusals_say_why(address, words):
    with pytest.raises(AddressError, match=words):
        x_status_id(address)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (
            "https://www.facebook.com/546349135390552/posts/1116689038356556",
            "546349135390552_1116689038356556",
        ),
        (
            "https://www.facebook.com/permalink.php?story_fbid=1116689038356556&id=546349135390552",
            "546349135390552_1116689038356556",
        ),
        ("https://m.facebook.com/story.php?story_fbid=22&id=11", "11_22"),
        (
            "https://www.facebook.com/546349135390552_1116689038356556",
            "546349135390552_1116689038356556",
        ),
        ("https://www.facebook.com/photo/?fbid=998877", "998877"),
        ("https://www.facebook.com/WMPolice/posts/1116689038356556", "1116689038356556"),
        ("546349135390552_1116689038356556", "546349135390552_1116689038356556"),
    ],
)
def test_facebook_addresses_give_the_graph_object(address, expected):
    assert facebook_object_id(address) == expected


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("https://x.com/WMPolice/status/1", "not an address on Facebook"),
        ("https://www.facebook.com/WMPolice/posts/pfbid02abcDEF", "shortened post id"),
        ("https://www.facebook.com/WMPolice", "not of a post"),
        ("https://www.facebook.com/permalink.php?id=5", "does not say which post"),
    ],
)
def test_facebook_refusals_say_why(address, words):
    with pytest.raises(AddressError, match=words):
        facebook_object_id(address)


def test_other_platforms_are_refused():
    with pytest.raises(AddressError, match="cannot reply to or quote posts on instagram"):
        platform_post_id("instagram", "https://www.instagram.com/p/ABC/")

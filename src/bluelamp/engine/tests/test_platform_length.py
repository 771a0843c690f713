"""platform-length: each platform's limit, counted the way the platform counts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bluelamp.engine.model import InputError, Post, Severity, post_from_dict
from bluelamp.engine.platform_limits import (
    certainly_within,
    hashtag_count,
    measure,
    x_weighted_length,
)
from bluelamp.engine.policy_pack import load_pack
from bluelamp.engine.rules import check_post

URL = "https://west-midlands.police.uk/news/a-very-long-path-to-an-appeal-page-about-a-burglary"


# (text, X's weighted length): twitter-text v3 as X counts it.
X_CASES = [
    ("", 0),
    ("Hello", 5),
    ("a" * 280, 280),
    ("a" * 281, 281),
    (URL, 23),  # any URL counts 23, however long
    (f"More: {URL}", 6 + 23),
    ("west-midlands.police.uk", 23),  # a bare domain is a URL too
    ("x.co", 23),  # and a short one counts 23, more than its length
    (f"{URL} {URL}", 23 + 1 + 23),
    ("😀", 2),  # an emoji counts 2
    ("👍🏽", 2),  # with a skin tone modifier: still one emoji
    ("👨‍👩‍👧", 2),  # a family: five code points joined, one emoji
    ("🇬🇧", 2),  # a flag: two regional indicators
    ("日本語", 6),  # CJK counts 2 each
    ("경찰", 4),  # Hangul too
    ("e\u0301", 1),  # a combining accent: normalised to é, counts once
    ("Łukasz Wiśniewski", 17),  # Latin with accents counts 1
    ("Привет", 6),  # Cyrillic 1
    ("محمد", 4),  # Arabic 1
    ("“quotes” — ", 11),  # quotes and dashes count 1
    ("…", 2),  # but an ellipsis, outside X's ranges of weight 1, counts 2
    ("a" * 270 + "日本語😀", 270 + 6 + 2),
    ("©", 2),  # an emoji below U+1100 still counts 2
    ("1\ufe0f\u20e3", 2),  # a keycap emoji
    ("Sentences. End. With. Stops.", 28),  # full stops are not links
    ("see a.co/b", 4 + 23),
    ("\u0958", 2),  # NFC turns this Devanagari letter into two code points
]


@pytest.mark.parametrize(("text", "weighted"), X_CASES)
def test_x_weighted_length(text, weighted):
    assert x_weighted_length(text) == weighted
    assert measure(text, "x").count == weighted


@pytest.mark.parametrize(("text", "weighted"), X_CASES)
def test_the_cheap_bound_never_passes_a_post_over_the_limit(text, weighted):
    if certainly_within(text, "x"):
        assert weighted <= 280
    # Scaled up until it is near the limit, the bound still never lets an over-long post by.
    times = max(1, 280 // max(1, weighted))
    for n in (times, times + 1):
        long = " ".join([text] * n)
        if certainly_within(long, "x"):
            assert x_weighted_length(long) <= 280, (text, n)


@pytest.fixture(scope="module")
def the_pack():
    return load_pack()


@pytest.fixture
def findings(the_pack):
    def found(text, platform):
        report = check_post(Post(text=text, platform=platform), the_pack)
        return [f for f in report.findings if f.rule == "platform-length"]

    return found


def test_a_10000_character_post_for_x_is_blocked_with_its_count(findings):
    (finding,) = findings("a" * 10_000, "x")
    assert finding.severity is Severity.BLOCK
    assert finding.clause == "4.1"
    assert "10,000 weighted characters, 9,720 over X's limit of 280" in finding.message
    assert finding.start is None and finding.end is None


def test_x_at_the_limit_passes_and_one_over_is_blocked(findings):
    assert findings("a" * 280, "x") == []
    assert findings("a" * 281, "x")
    # 280 with a long link inside: the link counts 23, so it fits.
    assert findings("a" * 250 + " " + URL, "x") == []
    assert findings("日" * 141, "x")


def test_an_enormous_x_post_is_blocked_without_being_counted(findings):
    (finding,) = findings("word " * 20_000, "x")
    assert "far more than 280 weighted characters" in finding.message


def test_instagram_allows_2200_characters_and_30_hashtags(findings):
    assert findings("a" * 2_200, "instagram") == []
    (long,) = findings("a" * 2_201, "instagram")
    assert "2,201 characters, 1 over Instagram's limit of 2,200" in long.message
    tags = " ".join(f"#Safer{i}" for i in range(30))
    assert findings(tags, "instagram") == []
    (many,) = findings(tags + " #OneMore", "instagram")
    assert "31 hashtags; Instagram allows at most 30. Remove 1." in many.message


def test_hashtags_are_counted_as_instagram_counts_them():
    assert hashtag_count("#one #two#three, #Łódź #日本 #123 C# a#b &#39; ##") == 4
    # "#two#three" is one tag to Instagram; a number alone, "C#", "a#b" and entities are not tags.


def test_facebook_allows_63206_characters(findings):
    assert findings("a" * 63_206, "facebook") == []
    assert findings("a" * 63_207, "facebook")


def test_a_post_with_no_platform_or_a_platform_without_a_limit_is_not_measured(findings):
    assert findings("a" * 10_000, None) == []
    assert findings("a" * 10_000, "youtube") == []
    assert measure("a", "youtube") is None


def test_the_platform_comes_from_the_account_in_json():
    post = post_from_dict({"text": "Hello", "account": {"tier": "team", "platform": "x"}})
    assert post.platform == "x"
    assert post_from_dict({"text": "Hello"}).platform is None
    with pytest.raises(InputError, match=r"account\.platform 'myspace' is not one of x, facebook"):
        post_from_dict({"text": "Hello", "account": {"platform": "myspace"}})


# -- the cheap bound against the exact count, on generated posts near the limit ---------------

_PIECES = st.sampled_from(
    [
        "a",
        "Police ",
        ". ",
        "...",
        "x.co",
        "west-midlands.police.uk",
        URL,
        "https://t.co/abc123",
        "例え.jp",
        "example.рф",
        "bücher.de/ü",
        "😀",
        "👨‍👩‍👧",
        "🇬🇧",
        "1\ufe0f\u20e3",
        "日本語",
        "경찰",
        "e\u0301",
        "\u0958",
        "…",
        "“",
        "\r\n",
        "#Dudley ",
        "@WMPolice ",
        ".\u0301",
        "\u212b",
        " ",
    ]
)
_POSTS = st.one_of(
    st.lists(_PIECES, min_size=0, max_size=160).map("".join),
    st.text(max_size=320),
    st.tuples(st.integers(200, 300), st.text(max_size=20)).map(lambda p: "a" * p[0] + p[1]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_POSTS)
def test_the_rule_finds_the_same_with_and_without_the_cheap_bound(the_pack, text):
    """The shortcut only skips the exact count; what the rule finds is the same either way."""
    from unittest import mock

    from bluelamp.engine import platform_limits

    def findings():
        report = check_post(Post(text=text, platform="x"), the_pack)
        return [f for f in report.findings if f.rule == "platform-length"]

    with_shortcut = findings()
    with mock.patch.object(platform_limits, "certainly_within", lambda text, platform: False):
        without = findings()
    assert with_shortcut == without
    if certainly_within(text, "x"):
        assert x_weighted_length(text) <= 280

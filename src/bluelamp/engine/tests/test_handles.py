"""Handles per platform: an @ and surrounding spaces are dropped, and anything the platform
would refuse gets a message saying why."""

from __future__ import annotations

import pytest

from bluelamp.engine.handles import (
    PLATFORMS,
    HandleError,
    handle_key,
    normalise_handle,
    profile_url,
)


@pytest.mark.parametrize(
    ("platform", "raw", "stored"),
    [
        ("x", "@WMPolice", "WMPolice"),
        ("x", "  WMPDudley ", "WMPDudley"),
        ("x", "a", "a"),
        ("x", "WMP_Traffic_123", "WMP_Traffic_123"),
        ("facebook", "westmidlandspolice", "westmidlandspolice"),
        ("facebook", "wmp.dudley", "wmp.dudley"),
        ("instagram", "@wmp_dudley.npu", "wmp_dudley.npu"),
        ("youtube", "@WMPolice", "WMPolice"),
        ("youtube", "wmp-dogs.unit", "wmp-dogs.unit"),
        ("snapchat", "wmpolice", "wmpolice"),
        ("flickr", "westmidlandspolice", "westmidlandspolice"),
        ("linkedin", "west-midlands-police", "west-midlands-police"),
    ],
)
def test_a_good_handle_is_stored_without_its_at_and_with_its_case(platform, raw, stored):
    assert normalise_handle(platform, raw) == stored


@pytest.mark.parametrize(
    ("platform", "raw", "message"),
    [
        ("x", "", "Enter the account's handle"),
        ("x", "@", "Enter the account's handle"),
        ("x", "WMP Dudley", "cannot contain spaces"),
        ("x", "WMP\tDudley", "cannot contain spaces"),
        ("x", "@@WMPolice", "at most one @"),
        ("x", "WMP-Dudley", r"letters, numbers and underscores \(not -\)"),
        ("x", "WMPDudleyNPUTeam1", "15 characters or fewer"),
        ("facebook", "wmp", "at least 5 characters"),
        ("facebook", "123456", "only numbers"),
        ("facebook", "wmp_dudley", "letters, numbers and full stops"),
        ("instagram", ".wmpdudley", "start or end with a full stop"),
        ("instagram", "wmp..dudley", "two full stops in a row"),
        ("instagram", "x" * 31, "30 characters or fewer"),
        ("youtube", "ab", "at least 3"),
        ("snapchat", "1wmp", "start with a letter"),
        ("snapchat", "wmp.", "end with a letter or number"),
        ("linkedin", "wmp_police", "letters, numbers and hyphens"),
    ],
)
def test_a_handle_the_platform_would_refuse_gets_a_plain_message(platform, raw, message):
    with pytest.raises(HandleError, match=message):
        normalise_handle(platform, raw)


def test_an_unknown_platform_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown platform"):
        normalise_handle("myspace", "tom")


def test_handles_are_compared_ignoring_case_and_the_at():
    assert handle_key("@WMPolice") == handle_key("wmpolice")


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_platform_has_a_profile_address_with_the_handle_in_it(platform):
    url = profile_url(platform, "wmpolice")
    assert url.startswith("https://") and "wmpolice" in url

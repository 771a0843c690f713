"""The score: a copy of a registered handle or name, and the force's name or crest, score high;
a namesake that never mentions the police scores low."""

from __future__ import annotations

import pytest

from bluelamp.engine.policy_pack import load_pack
from bluelamp.spoofs.scoring import Registered, score_candidate

PACK = load_pack()
REGISTRY = [
    Registered(1, "x", "WMPolice", "West Midlands Police"),
    Registered(2, "x", "WMPDudley", "WMP Dudley"),
]


def score(handle, name="", bio="", platform="x", registry=REGISTRY):
    return score_candidate(
        platform=platform, handle=handle, display_name=name, bio=bio, registry=registry, pack=PACK
    )


@pytest.mark.parametrize(
    ("handle", "name"),
    [
        ("WMPolice_", "West Midlands Police"),
        ("wm_police", "West Midlands Police Official"),
        ("WMPDudIey", "WMP Dudley"),
        ("WestMidsPoliceUK", "West Mids Police"),
    ],
)
def test_copies_of_the_force_s_accounts_score_high_and_say_why(handle, name):
    result = score(handle, name)
    assert result.value >= 70
    assert result.reasons
    assert result.closest_id in (1, 2)


@pytest.mark.parametrize(("handle", "name"), [("janesmith", "Jane Smith"), ("dudleycakes", "")])
def test_namesakes_score_low(handle, name):
    result = score(handle, name)
    assert result.value < 40
    assert result.closest_id is None


def test_the_force_name_and_crest_words_count_without_any_registry():
    result = score(
        "brumcops", "Brum Cops", bio="Official West Midlands Police crest page", registry=[]
    )
    assert result.value == 30
    assert any("force's name" in r for r in result.reasons)
    assert any("crest" in r for r in result.reasons)


def test_a_likeness_on_another_platform_is_said():
    result = score("WMPolice", "West Midlands Police", platform="instagram")
    assert any("another platform" in r for r in result.reasons)

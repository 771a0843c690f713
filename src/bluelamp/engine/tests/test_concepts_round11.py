"""Concepts the judgement rules learned from round 11 of the blind writers' posts, each with near
misses that must stay quiet: Northern Ireland's parties and slogans; voting advice and grievance
without a party; sectarian and Welsh insults; an officer released without charge; a child as a
witness giving evidence, a relative "of well-known" someone, "his niece" in indecent images; a
victim who waived anonymity. Every sentence is invented."""

from __future__ import annotations

import pytest

TIER = "individual"


def _fires(check, rule, text, tier=TIER):
    return rule in check(text, tier=tier)


@pytest.mark.parametrize(
    "text",
    [
        "For what it's worth I'll be backing the DUP candidate in Lagan Valley.",
        "Get them out! Every single one of those Tories.",
        "Whatever you do on Thursday, don't give your vote to anyone who wants fewer police.",
        "Off duty now so I'll say it: Tiocfaidh ár lá",
        "Whoever's running this country has no clue about rural policing.",
    ],
)
def test_political_opinion_in_new_wording(check, text):
    assert _fires(check, "political-opinion", text)


def test_a_party_member_at_a_meeting_is_neutral(check):
    text = "Great to see the Alliance Party's councillor at our community meeting tonight."
    assert not _fires(check, "political-opinion", text)


@pytest.mark.parametrize(
    "text",
    ["Another f*nian flag up on the lamppost", "Bunch of twpsyns on the A470 today."],
)
def test_sectarian_and_welsh_insults(check, text):
    assert _fires(check, "offensive-language", text)


@pytest.mark.parametrize(
    "text",
    [
        "Sergeant Ruth Adair has been released without charge following her arrest.",
        "Wanted man Colm Treanor was arrested this morning in Newry.",
        "Shame young Kai Burke got himself nicked for the moped thefts last week.",
    ],
)
def test_named_before_charge_in_new_wording(check, text):
    assert _fires(check, "named-before-charge", text)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you to Lily Nesbitt (10) who saw the men and rang 999. She'll be giving her "
        "evidence by video link.",
        "Aled Price, 52, has been charged with making indecent images of his niece.",
        "The 15-year-old charged with the arson is the grandson of well-known trawlerman Joe "
        "Tweddle.",
        "My son Deio (13) got arrested at school today for shoplifting.",
    ],
)
def test_child_identified_in_new_wording(check, text):
    assert _fires(check, "child-identification", text)


@pytest.mark.parametrize(
    "text",
    [
        "Glad to see Gerard Toner finally charged. Everyone knew he was behind the robberies.",
        "The man charged over the stabbing is no innocent bystander, trust us.",
        "Jury out. If they don't convict after that DNA evidence I'll eat my hat.",
        "The man charged with fraud will appear on Friday. His customers will not be surprised.",
    ],
)
def test_contempt_in_new_wording(check, text):
    assert _fires(check, "contempt-risk", text)


def test_a_victim_who_waived_anonymity_may_be_named(check):
    text = (
        "Eoin Kelly, now 40, was abused by a former coach in the 1990s. He has bravely waived "
        "his right to anonymity to encourage others to come forward."
    )
    assert not _fires(check, "sexual-offence-victim", text, tier="force")

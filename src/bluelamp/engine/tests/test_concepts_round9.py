"""Concepts the judgement rules learned from round 9 of the blind writers' posts, each with near
misses that must stay quiet. Also two faults round 9 uncovered in the shared detectors: a pack
phrase whose rarest word is a contraction ("doesn't lie") never matched, because its gate looked
for "doesn"; and a street ("the garage on Albert Road who…") was read as a person when "who"
followed it. Every sentence is invented."""

from __future__ import annotations

import pytest

from bluelamp.engine.rules.detectors.lexicon import build

TIER = "individual"


def _fires(check, rule, text, tier=TIER):
    return rule in check(text, tier=tier)


# --- the shared detectors


@pytest.mark.parametrize("text", ["the DNA doesn't lie", "the DNA doesn’t lie"])
def test_a_phrase_with_a_contraction_matches_either_apostrophe(text):
    from bluelamp.engine.rules.detectors.text import word_set

    lex = build(["doesn't lie", "can’t be trusted"])
    assert lex.search(text, text.lower(), word_set(text)) is not None


def test_a_street_followed_by_who_is_no_person(check):
    text = "The mechanic from the garage on Albert Road who drives the red truck has been arrested."
    assert not _fires(check, "named-before-charge", text)


# --- contempt-risk


@pytest.mark.parametrize(
    "text",
    [
        "Rest assured the guilty party is in custody, Mrs Hale.",
        "Candles lit for Marcus tonight. His killer will be in court on Monday.",
        "A man has been charged. The CCTV is crystal clear, it's him all day long.",
        "A man has been charged over the Asda robbery. #OpenAndShut",
        "Can't say much as it's going to court, but the fingerprints on that bottle don't lie.",
        "A man has been charged. Ring doorbell footage shows the whole thing.",
        "Heard Baz Cole got lifted again last night, no surprise there.",
        "A man has been charged with attempted murder after officers found the jacket "
        "described by witnesses.",
    ],
)
def test_contempt_in_new_wording(check, text):
    assert _fires(check, "contempt-risk", text)


@pytest.mark.parametrize(
    "text",
    [
        "Great to see the family's #OpenAndShut campaign for safer roads.",
        "Tributes to Marcus, 19, who died on Friday. His family said he was the life of the party.",
        "Dean Walsh, 40, was locked up for six years today. Justice for Kerry.",
    ],
)
def test_contempt_near_misses_stay_quiet(check, text):
    assert not _fires(check, "contempt-risk", text)


# --- political-opinion


@pytest.mark.parametrize(
    "text",
    [
        "Say what you like but the Mayor has been brilliant for this city.",
        "Another £300k of the PCC's budget spent on consultants. Priorities?",
        "Whatever you do on Thursday, don't put your cross next to the lot who shut our station.",
        "You already know which box to put your X in next month #RuralCrime",
        "Cuts have consequences. That's all we'll say about the custody closure.",
        "Half the bobbies we had in 2010 and twice the calls. Cheers Westminster",
        "Please sign and share the petition to keep our front counter open.",
        "Lovely to see Cllr Amy Penrose at our surgery again, always on the side of rural "
        "policing, unlike some.",
    ],
)
def test_political_opinion_in_new_wording(check, text):
    assert _fires(check, "political-opinion", text)


@pytest.mark.parametrize(
    "text",
    [
        "The Mayor opened the new station today. More of this please, said residents.",
        "Thanks to the PCC for visiting, it was brilliant to show her the new cells.",
        "The new custody suite has been brilliant for detainees' welfare.",
    ],
)
def test_political_near_misses_stay_quiet(check, text):
    assert not _fires(check, "political-opinion", text)


# --- sexual-offence-victim


@pytest.mark.parametrize(
    "text",
    [
        "Please stop naming Leanne on here. She was sexually assaulted at that party.",
        "Ioana Popescu, 24, who was forced into sex work in Luton, is now safe.",
        "We've seen @jess_cornwall_x's post about what happened after she was sexually "
        "assaulted on Fore Street.",
        "A man has been charged with causing a child to engage in sexual activity. The boy, "
        "12-year-old Alfie Penrose, has been supported throughout.",
    ],
)
def test_sexual_offence_victim_in_new_wording(check, text):
    assert _fires(check, "sexual-offence-victim", text)


@pytest.mark.parametrize(
    "text",
    [
        "Great to meet Leanne from the rape crisis centre. She was brilliant.",
        "Ten years ago today officers found Sara's body. She had been raped and murdered.",
        "Great pic from @wmpolice's post about the fun day.",
    ],
)
def test_sexual_offence_near_misses_stay_quiet(check, text):
    assert not _fires(check, "sexual-offence-victim", text)


# --- named-before-charge and child-identification


@pytest.mark.parametrize(
    "text",
    [
        "FYI the bloke we locked up for the garage break-in is Ged Walsh from Speke, bailed.",
        "Officers are speaking to Kevin Ash in connection with the van thefts. No charges yet.",
    ],
)
def test_named_before_charge_in_officers_words(check, text):
    assert _fires(check, "named-before-charge", text)


def test_an_appeal_to_speak_to_someone_is_not_under_investigation(check):
    text = "Officers would like to speak to Kevin Ash in connection with the van thefts."
    assert not _fires(check, "named-before-charge", text)


@pytest.mark.parametrize(
    "text",
    [
        "Year 8 lad from St Anne's called Kai who got battered on the tram on Friday, hope "
        "you're ok.",
        "Update on the bag snatch: the Year 9 girl from Penryn Academy is OK. Her mum, Donna "
        "Curnow, says thank you.",
    ],
)
def test_child_identified_in_new_wording(check, text):
    assert _fires(check, "child-identification", text)


# --- operational-security


@pytest.mark.parametrize(
    "text",
    [
        "We're live as the team go through the door in Camborne, stay tuned",
        "One car covering the whole of Truro from 2 till 6 tonight.",
        "Don't worry, we've got an officer sat on your neighbour's drive tonight waiting for "
        "him to come back.",
        "Plain-clothes officers are on the seafront by the Jubilee Pier right now.",
        "Second night sat in an unmarked Focus opposite the Co-op in Bude.",
        "4am briefing Monday, 20 doors on the Pengegon estate.",
        "Warrant briefing: 05:00 Tuesday, 14 Fore Street, Redruth.",
    ],
)
def test_operational_security_in_new_wording(check, text):
    assert _fires(check, "operational-security", text)


@pytest.mark.parametrize(
    "text",
    [
        "Right now our officers are at the school fair on Chapel Street, come and say hi!",
        "Twelve warrants were executed this morning across Redruth; 30 doors in total.",
        "A man has been charged. Footage shows him kicking the door in at 2.14am.",
    ],
)
def test_operational_security_near_misses_stay_quiet(check, text):
    assert not _fires(check, "operational-security", text)


# --- evidential-risk: totals are statistics, not a case's evidence


@pytest.mark.parametrize(
    "text",
    [
        "In October we made 212 arrests and took 41 knives off the streets. Thank you.",
        "Proud of the team this summer: 212 arrests and 31 knives off the streets.",
    ],
)
def test_totals_are_no_evidence(check, text):
    assert not _fires(check, "evidential-risk", text, tier="team")

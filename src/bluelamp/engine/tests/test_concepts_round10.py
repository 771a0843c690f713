"""Concepts the judgement rules learned from round 10 of the blind writers' posts, each with near
misses that must stay quiet: a relative the post calls young is a child ("his young niece"); a
child named in apposition to a named parent; "Yr 10"; an account "behind" a child; workplaces by
role; a record by time served; the arrest said again after the names; officers in position "for
the next two hours"; praise of a minister in a clause on the minister; voting hints. Every
sentence is invented."""

from __future__ import annotations

import pytest

TIER = "individual"


def _fires(check, rule, text, tier=TIER):
    return rule in check(text, tier=tier)


@pytest.mark.parametrize(
    "text",
    [
        "Paul Greer, 48, is also charged with sexually assaulting his young nephew.",
        "Dean Platt, 37, has been charged with sexual activity with a child. The child is the "
        "son of his then partner, Kerry Lowe.",
        "Can you re-interview Ruby Stone (Yr 9 at Hillview) about the grooming messages?",
        "The 13-year-old behind the TikTok account @bolton_drill_13 has been dealt with by a "
        "community resolution.",
    ],
)
def test_child_identified_in_new_wording(check, text):
    assert _fires(check, "child-identification", text)


@pytest.mark.parametrize(
    "text",
    [
        "Great to see Yr 9 at Hillview for our bike safety talk with Ruby Stone from the council.",
        "PC Amy Platt brought her young nephew to the open day. He loved the horses!",
    ],
)
def test_child_near_misses_stay_quiet(check, text):
    assert not _fires(check, "child-identification", text)


@pytest.mark.parametrize(
    "text",
    [
        "A man has been charged after a door supervisor at Pryzm nightclub in Leeds was "
        "indecently assaulted.",
        "The woman who was sexually assaulted last week thanks you all - send her your "
        "support at @runs_with_jo",
    ],
)
def test_sexual_offence_victim_by_workplace_or_account(check, text):
    assert _fires(check, "sexual-offence-victim", text)


@pytest.mark.parametrize(
    "text",
    [
        "Kwame Boateng, 41, has been charged with fraud. Boateng previously served four years "
        "for a similar scam.",
        "The bloke we charged for the shop fire did it, no question.",
        "Ray Kirk, 39, a serial conman, was arrested on suspicion of fraud and has been bailed.",
        "Day 2 of the trial. Nobody in court believed a word the defendant said.",
    ],
)
def test_contempt_in_new_wording(check, text):
    assert _fires(check, "contempt-risk", text)


@pytest.mark.parametrize(
    "text",
    [
        "Two men arrested after a fight at the festival on Saturday – Jack Lyle, 22, and Sam "
        "Reid, 24 – have been released on bail.",
        "Shout out to my crewmate for nicking Shane Pickard last night. Bailed till June.",
        "PC Steven Marlow has been served with a gross misconduct notice.",
    ],
)
def test_named_before_charge_in_new_wording(check, text):
    assert _fires(check, "named-before-charge", text)


def test_a_helper_named_after_an_arrest_is_not_the_one_arrested(check):
    text = (
        "We arrested a man after the fight. Thanks to Jack Lyle, the steward who helped, and to "
        "everyone who called us."
    )
    assert not _fires(check, "named-before-charge", text)


@pytest.mark.parametrize(
    "text",
    [
        "Our ANPR car is parked up on Medway Bridge for the next two hours looking for the "
        "stolen Audi.",
        "Armed officers are in position in the garden opposite on Church Road. Residents, "
        "please stay indoors.",
        "Our witness from the Boston job is stashed at the Travelodge on Wide Bargate till the "
        "trial.",
        "Tonight's plan: me and Gaz parked up in the lay-by on the A17 from midnight.",
        "Early on Thursday morning teams will be knocking on doors on Belgrave Road.",
    ],
)
def test_operational_security_in_new_wording(check, text):
    assert _fires(check, "operational-security", text)


@pytest.mark.parametrize(
    "text",
    [
        "Finally a minister who actually backs the police - we need more like her!",
        "Finally a Home Secretary with the guts to change the law. Long overdue.",
        "Polls open tomorrow. Vote however you like, just remember who cut 20,000 coppers.",
    ],
)
def test_political_opinion_in_new_wording(check, text):
    assert _fires(check, "political-opinion", text)


def test_a_ministers_visit_is_neutral(check):
    text = "The Home Secretary visited Boston today and met the team who patrol the market."
    assert not _fires(check, "political-opinion", text)


def test_a_car_seized_for_no_insurance_is_no_evidence(check):
    text = (
        "No MOT, no insurance and on his phone. Car seized on the A45 this morning and the "
        "driver reported for the offences."
    )
    assert not _fires(check, "evidential-risk", text, tier="team")

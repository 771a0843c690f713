"""Concepts the judgement rules learned from round 6 of the blind writers' posts, each with near
misses that must stay quiet: a child known through a named parent or an age before a given
name (CYPA 1933 s.49(4)); guilt put as the act done, the evidence as what it proves and a past
record while a case is live (Contempt of Court Act 1981); the arrest as a noun; grievance with
a government or office holder as political opinion (5.10); several details about one unnamed
person (4.23); officers waiting for the go (4.10, 6.7). Every sentence is invented."""

from __future__ import annotations

import pytest

TIER = "team"


def _fires(check, rule, text, tier=TIER):
    return rule in check(text, tier=tier)


# --- child-identification


@pytest.mark.parametrize(
    "text",
    [
        # An age before a given name, whatever follows the name.
        "Our thoughts are with 6-year-old Harvey after he was attacked by a dog in Tipton.",
        # A named parent's own children in an offence against children.
        "Kelly Dunn, 31, was jailed today for neglecting her two children, aged four and six.",
        "Amir Khan, 40, admitted failing to protect his daughter from female genital mutilation.",
        "Martin Yates, 51, was jailed for sexual activity with a child. His victim, his "
        "partner's daughter, spoke in court.",
        # A handle given as the child's: behind an account, or "was @name".
        "The 14-year-old behind the @ty.drills_ Instagram account has been charged with affray.",
        "Please stop sharing: the 13-year-old girl targeted was @amy.lou.x and she needs privacy.",
        # A child exploited into crime, or doing the damage, named with an age.
        "One pupil, Deshawn (16), told us how he was recruited to run drugs to Shrewsbury.",
        "We know it's Tyler who's been smashing the bus shelters, he's 13 and goes to "
        "Moseley Park.",
    ],
)
def test_child_identified_in_new_ways(check, text):
    assert _fires(check, "child-identification", text)


@pytest.mark.parametrize(
    "text",
    [
        "A 9-year-old Labrador was stolen from a garden in Sedgley.",
        "Well done to 12-year-old Maisie who raised £400 for the air ambulance.",
        # No name beside the children: nobody is identified.
        "A woman has been charged with neglecting her two children. She will appear at court "
        "on Monday.",
        # A named officer, children and neglect, but no case.
        "Sgt Kelly Dunn spoke to parents about neglect and how to get help for their children.",
        # The children of a man who died.
        "Tributes to Dave Hill, 40, who died in the fire. His children said he was a hero.",
        # An anti-graffiti project is not a crime.
        "Well done to Year 9 at Moseley Park for their anti-graffiti mural, led by Maisie (14).",
    ],
)
def test_child_near_misses_stay_quiet(check, text):
    assert not _fires(check, "child-identification", text)


# --- contempt-risk


@pytest.mark.parametrize(
    "text",
    [
        "Dean Fletcher, 33, has been charged with rape. His wife, who he repeatedly raped over "
        "two years, came forward in March.",
        "We've arrested Marcus Webb, 29, the man behind the fake Rolex scam.",
        "Jade Cole, 30, has been charged with theft. CCTV shows her stuffing the bottles into "
        "her bag.",
        # A past record of someone now charged.
        "Charged: Aaron Mills, 30, with rape. Mills was jailed in 2016 for a similar attack.",
        "We've arrested a man on suspicion of drink driving. He's been caught twice before.",
        # The arrest said as "police have got him".
        "My cousin got robbed on the 50 bus last week. Police have got him now, hope he rots.",
    ],
)
def test_contempt_in_new_wording(check, text):
    assert _fires(check, "contempt-risk", text)


@pytest.mark.parametrize(
    "text",
    [
        "Do you recognise the man behind the counter? He helped us after the robbery.",
        # After sentence, strong words and the footage do not prejudice anything.
        "Dan Cole, 30, was jailed for six years. CCTV shows him kicking the door in.",
        "A man has been charged with burglary. The shop owner said the man behind the till "
        "was shaken.",
        "A 30-year-old man has been arrested. Officers say he had hurt his hand.",
        "A man has been charged with burglary. The shop was burgled twice before this year.",
        # Jailed before and again today: the case has ended in a sentence.
        "Dean Walsh, 40, was jailed in 2016 for robbery and today he was jailed again for "
        "eight years.",
    ],
)
def test_contempt_near_misses_stay_quiet(check, text):
    assert not _fires(check, "contempt-risk", text)


# --- named-before-charge: the arrest as a noun, and headline capitals


@pytest.mark.parametrize(
    "text",
    [
        "ARRESTED: Dale Whitcombe, 45, on suspicion of attempted murder in Brierley Hill.",
        "Following yesterday's arrest of Gareth Lyle, 41, we expect further charges.",
        "Your calls led to the arrest of Dean Walsh in Tipton last night.",
        "Our old neighbour Gazza Pearce got lifted by the drugs squad this morning. Bailed.",
    ],
)
def test_named_before_charge_in_new_wording(check, text):
    assert _fires(check, "named-before-charge", text)


def test_a_reward_for_an_arrest_still_to_come_is_the_appeal(check):
    text = (
        "A £20,000 reward is offered for information leading to the arrest of Dean Walsh, 34, "
        "wanted for murder."
    )
    assert not _fires(check, "named-before-charge", text)


# --- political-opinion: grievance with a government or an office holder


@pytest.mark.parametrize(
    "text",
    [
        "Honestly the Home Office couldn't run a bath. Another pointless reorganisation.",
        "The Chancellor's budget is a slap in the face for every public servant in this country.",
        "This government has done nothing for policing in fourteen years.",
        "Really disappointing that the PCC has decided to close our front counter. Residents "
        "deserve better than this.",
        "Polling day Thursday: only one candidate for mayor has promised more officers. "
        "Choose wisely",
        "Knife crime's down since the new Prime Minister took over, just saying",
        "This government has robbed us on pay for ten years",
    ],
)
def test_political_grievance(check, text):
    assert _fires(check, "political-opinion", text, tier="individual")


@pytest.mark.parametrize(
    "text",
    [
        "The Home Secretary said the attack on officers was appalling.",
        "The Home Secretary called the attack on our officers a disgrace.",
        "It's pointless leaving your bike unlocked. The Home Office has funded new bike "
        "marking kits.",
        "The PCC visited and said the vandalism was disgraceful.",
        "The PCC opened the new front counter today. Residents deserve the best service.",
        "Choose wisely when you buy a second-hand car: check the V5C.",
    ],
)
def test_political_near_misses_stay_quiet(check, text):
    assert not _fires(check, "political-opinion", text, tier="individual")


# --- sexual-offence-victim: a new job, a relative's wife, "touched up"


@pytest.mark.parametrize(
    "text",
    [
        "Poor girl was raped in the alley behind the Kings Head, she's only just started at the "
        "Greggs on Broad Street.",
        "The woman who was sexually assaulted on Friday has just started a new job at the "
        "Co-op on Bath Road.",
        "My cousin's wife Tayla got touched up on the 50 bus last week by some bloke.",
    ],
)
def test_sexual_offence_victim_in_new_wording(check, text):
    assert _fires(check, "sexual-offence-victim", text, tier="individual")


def test_touching_up_paint_is_no_offence(check):
    text = "We've touched up the paintwork on the station front door. Looks great!"
    assert not _fires(check, "sexual-offence-victim", text)


# --- jigsaw-identification: role, service, marriage, a relative's relative


@pytest.mark.parametrize(
    "text",
    [
        "The man assaulted outside the gurdwara on Soho Road on Friday is one of its granthis "
        "and is in his 60s.",
        "A sergeant based at Bournville Lane with 25 years' service, who is married to a PCSO "
        "at the same station, has been arrested on suspicion of misconduct in public office.",
        "Poor lad stabbed last night is my neighbour's son-in-law, the one who plays in goal "
        "for Walsall Wood FC.",
    ],
)
def test_jigsaw_in_new_wording(check, text):
    assert _fires(check, "jigsaw-identification", text)


@pytest.mark.parametrize(
    "text",
    [
        "Congratulations to PC Jo Bell who is married to PC Sam Bell, both with 20 years' service!",
        "The man who plays for Walsall Wood FC scored twice at the charity match on Sunday.",
    ],
)
def test_jigsaw_near_misses_stay_quiet(check, text):
    assert not _fires(check, "jigsaw-identification", text)


# --- operational-security: waiting for the go, out of sight


@pytest.mark.parametrize(
    "text",
    [
        "Firearms team staged in the Tesco car park on Wolverhampton Road waiting for the go.",
        "PD Rocco is currently tucked out of sight behind the Spar on Pelsall Lane.",
    ],
)
def test_operational_security_in_new_wording(check, text):
    assert _fires(check, "operational-security", text, tier="individual")


@pytest.mark.parametrize(
    "text",
    [
        "Officers were waiting for the go-ahead at the Tesco car park on Wolverhampton Road "
        "before yesterday's raid.",
        "Our team is waiting for the signal at the fun run start line on Broad Street!",
    ],
)
def test_operational_security_near_misses_stay_quiet(check, text):
    assert not _fires(check, "operational-security", text, tier="individual")

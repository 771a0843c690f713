"""Concepts the judgement rules learned from round 8 of the blind writers' posts, each with near
misses that must stay quiet: Welsh street and school names put the street or school word first
(Heol, Ffordd, Ysgol); places outside the pack's own list ("near Seahouses"); relations through
more than one step ("his step-granddaughter", "my mate's missus"); cyberflashing (Sexual
Offences Act 2003 s.66A); bad character by familiarity and mocking the defence; a given name
said again with the arrest; officers keeping watch or staying on "in case they come back";
grievance with Westminster and voting hints. Every sentence is invented."""

from __future__ import annotations

import pytest

TIER = "individual"


def _fires(check, rule, text, tier=TIER):
    return rule in check(text, tier=tier)


# --- Welsh addresses and schools


@pytest.mark.parametrize(
    "text",
    [
        "A wallet was handed in belonging to a Mrs E. Morgan of 9 Heol y Felin.",
        "Found: a bank card and licence belonging to Mr G. Rees of 31 Ffordd Glyndwr.",
    ],
)
def test_a_welsh_house_address_is_personal_data(check, text):
    assert _fires(check, "personal-data", text)


def test_a_public_front_counter_address_is_not_personal_data(check):
    text = "Our front counter at 12 Stryd Fawr, Machynlleth, is open 9 till 5 on weekdays."
    assert not _fires(check, "personal-data", text)


def test_a_welsh_school_names_a_child_victim(check):
    text = (
        "A 12-year-old boy was assaulted after school on Tuesday. He is a pupil at Ysgol "
        "Bro Dinefwr."
    )
    assert _fires(check, "child-identification", text)


def test_a_school_visit_names_no_child_in_a_case(check):
    text = "Thank you to the pupils of Ysgol Bro Dinefwr who visited the station today."
    assert not _fires(check, "child-identification", text)


# --- children and victims known through a relation, or a name given again


@pytest.mark.parametrize(
    "text",
    [
        "Colin Webb, 63, was jailed for sexual activity with a child. His victim, his own "
        "step-grandson, spoke bravely in court.",
        "Tia Morris, 10, was knocked down by a driver who failed to stop on Mill Lane yesterday.",
        "A 15-year-old boy was stabbed in Penparcau on Friday. He is the son of local rugby "
        "coach Huw Bevan.",
        # "Safe and well" is not a missing child when the post is about a crime.
        "The victim of the FGM offence, a Year 5 girl at St Bride's Primary, is safe and well.",
    ],
)
def test_child_identified_through_a_relation_or_name(check, text):
    assert _fires(check, "child-identification", text)


def test_a_found_missing_child_is_still_not_a_case(check):
    text = "Update: Cerys Hughes, 14, who was missing from Aberaeron, has been found safe and well."
    assert not _fires(check, "child-identification", text)


@pytest.mark.parametrize(
    "text",
    [
        "Gwilym Price, 70, has been charged with indecent assault. One of the complainants is "
        "his great-niece.",
        "Proud of my pal's missus Kerry for reporting the man who upskirted her on the train.",
        "The woman who was cyberflashed on the bus to Carmarthen, and who posts as @ffion_walks, "
        "has thanked the driver.",
    ],
)
def test_sexual_offence_victim_through_a_relation_or_new_offence(check, text):
    assert _fires(check, "sexual-offence-victim", text)


# --- contempt


@pytest.mark.parametrize(
    "text",
    [
        "Lee Morgan, charged with the Tenby burglaries, is a familiar face to officers. Not his "
        "first rodeo.",
        "Brave lad giving evidence at youth court today against the boy who robbed him.",
        "Day 2 of the Price trial. Their main witness couldn't keep her story straight.",
        "Sat in on the arson trial. Defence trying to say it was an electrical fault. Jury "
        "aren't daft.",
        "Rhys Owen, 29, arrested this morning for the bank robbery, is a known armed robber.",
    ],
)
def test_contempt_by_familiarity_or_mockery(check, text):
    assert _fires(check, "contempt-risk", text)


def test_a_familiar_face_in_the_force_is_no_contempt(check):
    text = (
        "PC Dai Jones is a familiar face to officers across Ceredigion after 30 years in the job."
    )
    assert not _fires(check, "contempt-risk", text)


# --- named-before-charge


@pytest.mark.parametrize(
    "text",
    [
        "Finally got Steph Rowlands in custody for the Pembroke Dock assaults. Interview soon.",
        "Stopped Dewi Rees on the A487 and found a knife in the car. Dewi's been arrested.",
    ],
)
def test_named_before_charge_in_officers_words(check, text):
    assert _fires(check, "named-before-charge", text)


def test_a_given_name_said_again_without_an_arrest(check):
    text = "Thanks to Dewi Rees for his help today. Dewi's been a PCSO for ten years."
    assert not _fires(check, "named-before-charge", text)


# --- operational-security


@pytest.mark.parametrize(
    "text",
    [
        "Officers are keeping watch on a barn on the outskirts of Crymych after reports of "
        "stolen quads being stored there.",
        "The victim has been moved to a refuge near Amroth and is doing well.",
        "Officers are staying on at the yard tonight in case the rest of the gang come back.",
        "Firearms officers are in position at the ferry port in Fishguard waiting for the 13:45 "
        "sailing.",
        "3rd night running sat in an obs van opposite the chippy on Bridge Street.",
        "Been babysitting a witness in a holiday let at Saundersfoot until the trial.",
        "Early start tomorrow, then we're hitting a cannabis farm on Quay Street, Cardigan.",
    ],
)
def test_operational_security_outside_the_pack_places(check, text):
    assert _fires(check, "operational-security", text)


@pytest.mark.parametrize(
    "text",
    [
        "We'll be at the fun day in Bala from 10:30 on Saturday, come and say hello!",
        "PCSOs will be on patrol in Tenby all weekend keeping an eye on things.",
        "Some idiot slashed the tyres on the response car parked outside Tenby station "
        "overnight. Call 101.",
        "Op Seren debrief 9am Friday in the conference room at Carmarthen HQ.",
    ],
)
def test_operational_security_near_misses_stay_quiet(check, text):
    assert not _fires(check, "operational-security", text)


# --- political-opinion


@pytest.mark.parametrize(
    "text",
    [
        "Ministers talk tough on county lines then close every youth club. Make it make sense.",
        "Westminster doesn't understand rural policing. Never has, never will.",
        "Great to see Councillor Siân Pugh at our surgery this week - she's got my vote!",
    ],
)
def test_political_grievance_and_voting_hints(check, text):
    assert _fires(check, "political-opinion", text)


@pytest.mark.parametrize(
    "text",
    [
        "Great to see Councillor Siân Pugh at our surgery in Lampeter this week.",
        "The Home Secretary said she doesn't understand why anyone would carry a knife.",
    ],
)
def test_political_near_misses_stay_quiet(check, text):
    assert not _fires(check, "political-opinion", text)


# --- jigsaw-identification


@pytest.mark.parametrize(
    "text",
    [
        "My neighbour (the 40-something postie with the yellow van on Heol Las) got done for "
        "drink driving last night.",
        "Our main witness, a retired vet who walks his spaniel on the beach at Borth every "
        "morning at 6, has been brilliant.",
    ],
)
def test_jigsaw_by_age_role_and_routine(check, text):
    assert _fires(check, "jigsaw-identification", text)


@pytest.mark.parametrize(
    "text",
    [
        "Is this your dog? Brown lurcher found wandering on the A40 at Llandeilo. He's safe with "
        "the dog warden at Carmarthen.",
        "Officers working as part of Operation Dragon have today arrested a 20-year-old man in "
        "Narberth, Pembrokeshire on suspicion of supplying drugs.",
    ],
)
def test_jigsaw_near_misses_stay_quiet(check, text):
    assert not _fires(check, "jigsaw-identification", text, tier="force")

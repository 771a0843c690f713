"""More of the judgement rules' concepts, each with near misses that must stay quiet: officers'
plans and positions (CC/01 4.10, 6.7), political opinion with no party named and voting advice
(5.10, 6.6), prejudice to active proceedings (Contempt of Court Act 1981), offensive language
in masked or mild forms (4.6), and the victims and children a post points to (Sexual Offences
(Amendment) Act 1992 s.1; the contract's child-identification). Every sentence is invented."""

from __future__ import annotations

import pytest

#: The tier these posts come from: a team account (the conftest's ``check`` runs them).
TIER = "team"


# --- operational-security: plans to come, where officers are, where a witness is kept ---------


@pytest.mark.parametrize(
    "text",
    [
        # A rendezvous with its time: where officers gather before an operation.
        "Teams RV at the Asda car park at 0600 tomorrow before we go in on Elm Road.",
        "Search teams RV at Oldbury fire station 0445hrs Saturday.",
        # Targets counted, not named with "the".
        "We'll be hitting six addresses in Tipton on Wednesday morning. Watch this space.",
        # An early door: the time of a planned entry.
        "Early start tomorrow, 6am door on Birch Avenue, Erdington.",
        # "Executed" of a warrant still to come does not make it done.
        "A warrant will be carried out at the flat behind the bakery next Tuesday.",
        # The vehicle officers watch from.
        "The covert van is parked on Elm Road again, been there all week.",
        # Officers in position now.
        "Firearms officers are on the roof of the pub opposite while we talk to the man inside.",
        # Where a witness is kept safe.
        "The witness is being kept safely at a Travelodge in Walsall until the trial.",
    ],
)
def test_operational_detail_in_new_wording(check, text):
    assert "operational-security" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "Our community briefing at 7pm at the Town Hall on Tuesday is open to all.",
        "Thanks to everyone who came to the RV point for the charity walk last Sunday.",
        "Officers were in the back gardens searching for the stolen bike yesterday.",
        "Six warrants were executed in Tipton this morning and four people were arrested.",
        "We will be holding a surgery at Tipton library on Friday at 10am.",
    ],
)
def test_public_events_and_finished_operations_stay_quiet(check, text):
    assert "operational-security" not in check(text, tier=TIER)


# --- political-opinion: allegiance, voting steers and sneers with no party word needed ---------


@pytest.mark.parametrize(
    "text",
    [
        # Allegiance: a party's name and the words that declare for it.
        "Green Party all the way on Thursday!",
        "Labour would never have let the custody suites get this full.",
        "Reform would sort this out in a week.",
        # Voting steered to a kind of candidate, and in a referendum.
        "Whoever you vote for on Thursday, make sure it's someone who backs our police.",
        "Vote yes to the new town council on 5 May!",
        "Vote for Jo Bloggs, the only candidate who'll keep our front counter open.",
        # Sneers and counterfactuals at an institution or office, no party named.
        "Another 'consultation' from the PCC. Maybe fund some actual bobbies instead.",
        "With all due respect to the Home Secretary, you cannot police on goodwill alone.",
        "If the government actually cared about our roads they'd fix the potholes.",
        "The Police and Crime Commissioner shamelessly took credit for our results again.",
        # Allegiance on the referendum's question.
        "Proud to police a city that voted to remain.",
    ],
)
def test_political_opinion_in_new_wording(check, text):
    assert "political-opinion" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "The Green all the way round the park is closed for resurfacing.",
        "Labour Party conference is in Birmingham this week, expect road closures.",
        "Whoever you vote for on Thursday, please park considerately near polling stations.",
        "Vote for the officer who has gone above and beyond in our community awards.",
        "The council's 'consultation' on the park closes on Friday.",
        "The PCC said 'we are delighted' with the results.",
        "Our 'cuppa' with the councillor is at the library on Monday.",
    ],
)
def test_names_quotes_and_neutral_voting_stay_quiet(check, text):
    assert "political-opinion" not in check(text, tier=TIER)


# --- contempt-risk: guilt put as fact, witnesses judged, bad character by repetition ------------


@pytest.mark.parametrize(
    "text",
    [
        # A label as the subject of the charge, as in a headline.
        "Burglar arrested after chase in Erdington.",
        "Drug dealer charged. A man, 25, will appear before magistrates on Monday.",
        # The act put as done in a relative clause.
        "He's been charged. The bloke who tried to fight a door supervisor is in court Monday.",
        "Arrested: the man who's been scamming pensioners in Kings Norton.",
        # Intent asserted, witnesses judged.
        "A woman has been charged with assault. Make no mistake, this was no accident.",
        "Day two of the trial: the defendant's brother wouldn't know the truth if it hit him.",
        "Watching from the public gallery, her story changed twice and nobody's buying it.",
        # Guilt as what everyone knew; punishment hoped for.
        "Our neighbour was arrested this morning. Always knew he was a wrong one.",
        "A 30-year-old has been charged. Hopefully the coward gets what he deserves.",
        # Bad character through repeated arrests.
        "Arrested Dan Pike again this morning, second time this month.",
        # A complainant going to court, and the act asserted.
        "So proud of my friend for going to court this week to face the man who attacked her.",
    ],
)
def test_prejudice_to_active_proceedings_in_new_wording(check, text):
    assert "contempt-risk" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "Suspected burglar arrested after chase in Erdington.",
        "A man has been charged with being concerned in the supply of cocaine.",
        "A man has been arrested. Thanks to the woman who tried to help before we arrived.",
        "A man has been arrested after reports of someone scamming pensioners in Halesowen.",
        "The fire was no accident, say fire crews: if you saw anything in Elm Road call 101.",
        "Third time this year our charity run has sold out! Thanks everyone.",
    ],
)
def test_neutral_arrest_and_charge_wording_stays_quiet(check, text):
    assert "contempt-risk" not in check(text, tier=TIER)


# --- offensive-language: masked and clipped spellings, mild insults, a label before a name -----


@pytest.mark.parametrize(
    "text",
    [
        "Fkin freezing on the cordon tonight, someone bring us a brew.",
        "Spent the whole shift dealing with p*kis outside the chippy.",
        "Shoplifter legged it and the daft sod tripped over in the car park.",
        "Good luck to the jury in the trial of that monster Dean Walsh.",
        # Name-calling aimed at those in office.
        "The muppets in power have no idea what a night shift is like.",
    ],
)
def test_offensive_language_in_new_wording(check, text):
    assert "offensive-language" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "The animal Welfare Officer from the council joined us today.",
        "Our photo of the week: a savage Sunday storm on the coast.",
        "Sod's law: the rain started just as the fun run began.",
        "The kids loved the clowns in the parade on Saturday!",
    ],
)
def test_ordinary_words_near_insults_stay_quiet(check, text):
    assert "offensive-language" not in check(text, tier=TIER)


# --- sexual-offence-victim: who the victim is, said in other ways --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Named, with the harm told in reported speech and an age given as "now".
        "Former scout Aaron Blake, now 41, has told us he had been molested by a leader in 1995.",
        # Named through a relation of the accused.
        "A landlord has been charged with voyeurism after his lodger, Megan Price, found a camera.",
        # Kin of a named person with a word between.
        "PC Sara Hunt's older sister was sexually assaulted in Walsall on Saturday.",
        # Her work at the scene the post has named.
        "A woman was raped in a flat above a barber's on Soho Road. The victim, who worked in "
        "the shop downstairs, is being supported.",
        # A later sentence that points back at the offence.
        "A man has been charged with making indecent images of children. One of the children "
        "pictured is his neighbour's daughter, who goes to Elm Tree Primary.",
        # Age before a given name.
        "A 19-year-old woman, Ioana, was rescued after being forced into prostitution.",
    ],
)
def test_sexual_offence_victim_identified_in_new_wording(check, text):
    assert "sexual-offence-victim" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "A woman was sexually assaulted on Soho Road on Friday night. Call 101 with information.",
        "A man who worked in the shop downstairs has been charged with voyeurism.",
        "A 45-year-old man has been charged with making indecent images of children.",
    ],
)
def test_sexual_offence_without_an_identified_victim_stays_quiet(check, text):
    assert "sexual-offence-victim" not in check(text, tier=TIER)


# --- child-identification: an age said as a predicate, where the child goes, their account ----


@pytest.mark.parametrize(
    "text",
    [
        # The age as a predicate, with the child's named school or club.
        "We can confirm the boy arrested is 14 and a pupil at Hillcrest Grammar.",
        "Attended a stabbing tonight, the victim's only 15 and plays for the Walsall FC academy.",
        # A named child with the age said after the name.
        "My nephew's friend Connor Hale (he's 15) got arrested last night over the bikes.",
        # The child's account, in the sentence after the one that gives the age.
        "A 16-year-old has been charged with sending threats. The account he used, "
        "@jdawg_b44, has been suspended.",
        # A later sentence about the images of a child victim.
        "A man has been arrested on suspicion of making indecent images of children. The images "
        "include photos of two girls who live next door to him on Elm Road.",
    ],
)
def test_child_identified_in_new_wording(check, text):
    assert "child-identification" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "A 15-year-old boy has been arrested on suspicion of robbery in Erdington.",
        "The score is 14 to 3 and the officers' team plays for the charity cup at Villa Park.",
        "He's 16 minutes away from the station, so we sent a car: the man was arrested.",
        "Our cadets, who are 14 to 17, attend Walsall Academy's open evening on Friday.",
    ],
)
def test_child_not_identified_stays_quiet(check, text):
    assert "child-identification" not in check(text, tier=TIER)


# --- evidential-risk: what was found, found in other words, in a case still open ---------------


@pytest.mark.parametrize(
    "text",
    [
        "Still investigating the burglary on Elm Road: here's the crowbar we recovered nearby.",
        "The quad we recovered this morning is yours, @farmer_j. Two men are still being questioned.",
        "PD Max sniffed out £20,000 of cash in a car on the M5. The driver was arrested.",
        "We've arrested a man with £600 of razor blades stuffed down his coat in the Bullring.",
        "Search after this morning's arrest: we've recovered a pair of trainers for forensic tests.",
    ],
)
def test_recovered_items_in_an_open_case_in_new_wording(check, text):
    assert "evidential-risk" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "A man has been arrested in connection with a firearm discharge. He remains in custody.",
        "We're investigating a robbery and want to speak to anyone who saw a man wearing the "
        "clothing pictured. We've made an arrest.",
        "Lock your quad bike away at night: thefts from farms rise in the winter.",
    ],
)
def test_arrests_and_appeals_without_items_found_stay_quiet(check, text):
    assert "evidential-risk" not in check(text, tier=TIER)

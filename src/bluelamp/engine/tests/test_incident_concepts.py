"""What makes a post about a particular case (4.24, disclosure-log), beyond the usual news words:
an offence dealt with, conduct proceedings, a victim moved somewhere safe, an operation being
planned; and what does not (a patrol plan, "the best job in the world"). Invented sentences."""

import pytest

CASES = [
    "Caught doing 97 on the A45 this afternoon and reported for summons.",
    "Van driver clocked at 68mph in a 30 on Walsall Road. Not clever.",
    "An officer from Dudley has been dismissed without notice for gross misconduct.",
    "The misconduct hearing found the sergeant had lied on his statement.",
    "We have referred the matter to the IOPC, as we must.",
    "The mum and her two children have been moved to a safe house well away from him.",
    "Early start: we're hitting four addresses in Tipton before first light.",
    "Team goes through the door at six, kettle on after.",
    "Armed officers are in position outside the flat on Hall Street.",
    "Briefing for the Cannon Street job is at 0500 in the parade room.",
    "5am doors tomorrow in Bilston, bring your gloves.",
]

NOT_CASES = [
    "We'll be patrolling the town centre tonight after reports of anti-social behaviour.",
    "Patrols are being stepped up around the park following reports of off-road bikes.",
    "Twenty years in the job today. Still the best job in the world.",
    "Working from home, she still does the same job for callers.",
    "Our misconduct hearings are held in public: the list is on our website.",
]


@pytest.mark.parametrize("text", CASES)
def test_a_particular_case_is_recorded(text, check):
    assert "disclosure-log" in check(text, tier="team")


@pytest.mark.parametrize("text", NOT_CASES)
def test_no_particular_case_is_not(text, check):
    assert "disclosure-log" not in check(text, tier="team")


@pytest.mark.parametrize(
    "text",
    [
        "Please share: Edna, 88, wandered off from her care home in Acocks Green at teatime.",
        "We're worried about Frank Doyle, 79, who walked out of his care home this morning.",
    ],
)
def test_a_missing_person_in_other_words_is_an_appeal(text, check):
    assert "appeal-account" in check(text, tier="team")


@pytest.mark.parametrize(
    "text",
    [
        "Help us trace Dwayne Kerr, 29, after a robbery in Sutton Coldfield.",
        "Dwayne Kerr, 29, is someone who officers need to speak to about a robbery in Sutton.",
    ],
)
def test_a_wanted_person_in_other_words_is_an_appeal(text, check):
    assert "appeal-account" in check(text, tier="team")


@pytest.mark.parametrize(
    "text",
    [
        "Neighbourhood Watch coordinator wanted for Elm Grove: could it be you?",
        "Volunteers wanted for our open day at Lloyd House.",
    ],
)
def test_a_role_wanted_is_no_appeal(text, check):
    assert "appeal-account" not in check(text, tier="team")


def test_a_post_about_a_declared_major_incident_is_a_message_about_it(check):
    text = "Been on since 5am at the tram crash. Hug your loved ones tonight."
    assert "appeal-account" in check(text, tier="personal", context={"major_incident": True})
    # The same words with no major incident declared are no appeal.
    assert "appeal-account" not in check(text, tier="personal")

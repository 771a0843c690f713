"""The judgement rules on their concepts, not on phrasings: each case is written from the law or
guidance a rule serves (Contempt of Court Act 1981 Sch.1 and the Attorney General's guidance;
Sexual Offences (Amendment) Act 1992 s.2; CC/01 5.10 and 6.6), with a near miss beside it that
must stay quiet. Every sentence here is invented."""

from __future__ import annotations

import pytest

from bluelamp.engine.model import post_from_dict
from bluelamp.engine.rules import check_post


def fired(pack, text: str, rule: str, tier: str = "force") -> bool:
    report = check_post(post_from_dict({"text": text, "account": {"tier": tier}}), pack)
    return any(f.rule == rule for f in report.findings)


# --- contempt-risk: proceedings active (Sch.1) shown by the court, the cells or a trial ---------


@pytest.mark.parametrize(
    "text",
    [
        # A trial under way: comment on a witness's credibility.
        "Third day of the Aston burglary trial and the main witness is a compulsive liar.",
        "Sat through the Moseley stabbing trial today: her story is full of holes.",
        # Held in the cells: a label for the person held.
        "Got the vandal who's been smashing bus shelters in Acocks Green. In our cells tonight.",
        # Before the court: bad character through an earlier sentence.
        "Due at Walsall Magistrates' Court tomorrow, he was only released from prison in May.",
        "The woman in the dock at Wolverhampton is a convicted shoplifter.",
        # Punishment words do not end a case that is still awaiting trial.
        "Kelly's attacker is behind bars awaiting trial and will never walk free again.",
        # Comment on the evidence with the jury in the sentence.
        "The footage played to the jury this morning is pretty conclusive.",
        # Bad character as a habit, and guilt as common knowledge, while on bail.
        "Released on bail until May, but he's been at it for years.",
        "He's on bail until March but we all know he's done it.",
    ],
)
def test_guilt_character_or_evidence_comment_with_proceedings_active(pack, text):
    assert fired(pack, text, "contempt-risk")


@pytest.mark.parametrize(
    "text",
    [
        # The same kinds of comment with nothing active: no arrest, charge, cell or court.
        "Some people are compulsive liars online: check before you share.",
        "Free trial of our new neighbourhood alert app: sign up today.",
        # After sentence the case is over.
        "Jailed for six years: the convicted shoplifter was sentenced at Wolverhampton.",
        # Neutral court wording.
        "A man will appear at Walsall Magistrates' Court tomorrow charged with burglary.",
        # A liar in general advice, not about a party to a case.
        "Scammers are liars: your bank will never ask you to move money.",
    ],
)
def test_no_contempt_without_active_proceedings_or_prejudice(pack, text):
    assert not fired(pack, text, "contempt-risk")


# --- sexual-offence-victim: the offences by act and verb, and what identifies the complainant ---


@pytest.mark.parametrize(
    "text",
    [
        # Voyeurism by its act (SOA 2003 s.67), the victim by workplace.
        "A landlord who secretly filmed a tenant has been charged. She works part-time at "
        "Greggs on Corporation Street.",
        # The offence verb with an age between it and the name.
        "A man has been charged with exposing himself to 19-year-old Megan Walsh in Dudley.",
        # A full name with an age, not the accused.
        "Thank you to Harriet Cole, 15, for reporting the man who groomed her online. He has "
        "been charged.",
        # A given name with an age.
        "Sophie, 14, was sexually assaulted near her home last week.",
        # A handle given as the person's.
        "Intimate images of @katie_b_2001 were shared without consent; a man has been arrested.",
        # Relation to a named person, an officer included.
        "Our thoughts are with PC Dan Marsh and his daughter, who was indecently assaulted.",
        # Related to a person the post names, whatever their office.
        "A woman who was raped in Walsall is the niece of local councillor Mark Dean.",
        # A sentence that speaks of the victim belongs to the offence.
        "A man has been charged with voyeurism. The victim works at the Crown Hotel in Acocks "
        "Green.",
    ],
)
def test_sexual_offence_victim_identified(pack, text):
    assert fired(pack, text, "sexual-offence-victim")


@pytest.mark.parametrize(
    "text",
    [
        # No identifying detail about the complainant.
        "A woman was sexually assaulted on Broad Street on Saturday night. Call 101.",
        # The named and aged person is the accused.
        "Liam Pryce, 34, of Tipton, pleaded guilty to voyeurism and was jailed for a year.",
        "Jailed: Carl Dunne, 51, for indecently assaulting a woman in Walsall.",
        # Hidden cameras as crime prevention advice, nobody named.
        "Renting a holiday flat? Check for a hidden camera: report one to 101.",
        # Related to an organisation, not a named person.
        "A man was charged with raping the wife of a West Midlands Police officer.",
        # A handle of a support service in a post about sexual offences.
        "If you have been raped, support is available: follow @RapeCrisisEW for advice.",
    ],
)
def test_sexual_offence_without_an_identified_victim(pack, text):
    assert not fired(pack, text, "sexual-offence-victim")


# --- political-opinion: voting advice, campaigning and stances without a party name ------------


@pytest.mark.parametrize(
    "text",
    [
        "Polling day tomorrow: make sure you vote for the candidate who backs more officers.",
        "Whoever you pick, anyone but the current lot please.",
        "Spent Saturday out leafleting for my local candidate in Sparkbrook.",
        "Come on Labour, one more push!",
        "The PCC's new HQ is a vanity project while our stations close.",
        "Not sharing the mayor's propaganda today. #NotMyMayor",
        "The Home Secretary has done more for policing in a year than anyone. Credit where it's "
        "due 👏",
        "Whitehall hasn't got a clue what our response teams face.",
        "Back the campaign to reverse the cuts to our neighbourhood teams!",
    ],
)
def test_political_opinion_without_a_party_name(pack, text):
    assert fired(pack, text, "political-opinion")


@pytest.mark.parametrize(
    "text",
    [
        "The Police and Crime Commissioner visited the Sparkbrook team today.",
        "Polling stations are open until 10pm: officers will be on hand if you need us.",
        "Come on Villa! Good luck to everyone at the match tonight.",
        "Our new custody suite opens next month: a photo of the team.",
        "Best of luck to our cadets at their passing-out parade on Thursday.",
        "Support the campaign to end knife crime: join our walk on Saturday.",
    ],
)
def test_neutral_mentions_are_not_political_opinion(pack, text):
    assert not fired(pack, text, "political-opinion")


# --- offensive-language: insults as the head of a phrase about people, disguised profanity -----


@pytest.mark.parametrize(
    "text",
    [
        "Another U-turn from the clowns at the council.",
        "To the p*ss-heads who block the taxi rank every Friday: go home.",
        "Whoever keeps dumping tyres here: we will find the spineless coward who did it.",
    ],
)
def test_insults_said_of_people_are_offensive(pack, text):
    assert fired(pack, text, "offensive-language")


@pytest.mark.parametrize(
    "text",
    [
        "The circus is in town: the clown workshop for children starts at 2pm.",
        "Charged with a racially aggravated public order offence, he will appear in court.",
        "Children's entertainers wanted for our open day: magicians, face painters and clowns.",
    ],
)
def test_ordinary_words_and_legal_names_are_not_offensive(pack, text):
    assert not fired(pack, text, "offensive-language")


# --- operational-security: officers in position now, checks planned, a station unstaffed -------


@pytest.mark.parametrize(
    "text",
    [
        "Officers staged at the Merry Hill car park ready for tonight's job.",
        "We've got eyes on the van you reported: officers are sat just up the road right now.",
        "Third hour sat in an unmarked car outside the Spar on Soho Road waiting for him to show "
        "up.",
        "Our undercover team are already in the pub on Broad Street waiting for the deal.",
        "We'll be running road checks at the Oldbury Ringway junction from 7pm on Friday.",
        "Walsall station's front office won't be staffed over the bank holiday weekend.",
        "The front counter will be closed and the building empty from 1pm on Thursday.",
    ],
)
def test_operational_detail_that_could_compromise(pack, text):
    assert fired(pack, text, "operational-security")


@pytest.mark.parametrize(
    "text",
    [
        "We'll be patrolling the area tonight: stop and say hello.",
        "Nine warrants were executed across Walsall this morning and four people arrested.",
        "The front counter at Walsall station is open 8am to 8pm every day.",
        "Road checks last night at the Oldbury Ringway found three uninsured drivers.",
    ],
)
def test_reassurance_and_finished_operations_are_not_operational(pack, text):
    assert not fired(pack, text, "operational-security")


# --- child-identification: a child in a case named with an age, or by a handle given as theirs --


@pytest.mark.parametrize(
    "text",
    [
        "So proud of Amelia (14), who gave evidence against the men who robbed her.",
        "The 13-year-old who was mugged on the 50 bus (@kai_r.2011 on TikTok) is doing well.",
        "Shout out to 15-year-old @jaz_m_brum, who was brave enough to report the boys who "
        "attacked her.",
        "Two Year 6 pupils at Oakfield Primary saw the shed being broken into and told a teacher.",
        "The 12-year-old injured in Friday's stabbing is the son of local taxi firm owner Raj "
        "Patel.",
    ],
)
def test_child_in_a_case_identified(pack, text):
    assert fired(pack, text, "child-identification")


@pytest.mark.parametrize(
    "text",
    [
        "A 15-year-old boy has been arrested on suspicion of robbery in Kings Heath.",
        "Great to meet Amelia (14) and the cadets at our open day: future officers!",
        "Missing: Leo (13) was last seen in Dudley on Friday. Have you seen him?",
        "Thanks to @OakfieldPrimary for inviting us in to talk about online safety.",
    ],
)
def test_child_not_identified_or_not_in_a_case(pack, text):
    assert not fired(pack, text, "child-identification")


# --- jigsaw-identification: details about one person carried on into the next sentence --------


def test_details_about_one_person_over_two_sentences_combine(pack):
    text = (
        "A woman was threatened with a knife at the Londis on Moor Street, Tipton, last night. "
        "The 58-year-old shop assistant has worked there for twenty years."
    )
    assert fired(pack, text, "jigsaw-identification")


def test_details_about_different_people_in_two_sentences_do_not_combine(pack):
    text = (
        "A window was smashed at a shop on Moor Street, Tipton, last night. "
        "Officers will be visiting local businesses this week."
    )
    assert not fired(pack, text, "jigsaw-identification")


def test_an_officer_introduced_over_two_sentences_is_not_jigsaw(pack):
    text = "Welcome to Tipton's new PCSO, Jade! She'll be at Tipton library every Tuesday."
    assert not fired(pack, text, "jigsaw-identification")


# --- "nicked": arrested when done to a person, stolen when done to a thing ---------------------


def test_nicked_of_a_thing_is_theft_not_an_arrest(pack):
    text = "Some scumbag has nicked the charity tin from the Spar on Dudley Road. Call 101."
    assert not fired(pack, text, "contempt-risk")


def test_nicked_of_a_person_is_an_arrest(pack):
    text = "Finally nicked that scrote Gary Lunt for the Tipton burglaries."
    assert fired(pack, text, "contempt-risk")


def test_someone_else_sat_somewhere_is_not_officers_watching(pack):
    text = "Lost a tabby round Harborne? She's been sat on our doorstep on Vivian Road all night."
    assert not fired(pack, text, "operational-security")

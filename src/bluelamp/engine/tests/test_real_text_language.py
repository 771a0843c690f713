"""The language family (political-opinion, election-period, offensive-language) on text it was
not built against: the false-alarm classes found on real published posts stay fixed, and the
kinds of wording the blind writers used are recognised. Every sentence here is invented."""

from __future__ import annotations

import pytest

from bluelamp.engine.model import post_from_dict
from bluelamp.engine.policy_pack import load_pack
from bluelamp.engine.rules import check_post
from bluelamp.engine.rules.detectors.offensive import obfuscated
from bluelamp.engine.rules.detectors.text import (
    segment_words,
    split_hashtag,
    terms_re,
    words_re,
)


def _findings(pack, text, rule, election=False):
    post = post_from_dict(
        {"text": text, "account": {"tier": "team"}, "context": {"election_period": election}}
    )
    return [f for f in check_post(post, pack).findings if f.rule == rule]


# --- Shared word-matching helpers (detectors/text.py) -----------------------------------------


@pytest.mark.parametrize(
    ("tag", "words"),
    [
        ("#KnifeCrimeAwareness", ("knife", "crime", "awareness")),
        ("#knifecrimeawareness", ("knife", "crime", "awareness")),
        ("#NHSHeroes", ("nhs", "heroes")),
        ("#ClapForKeyWorkers", ("clap", "for", "key", "workers")),
        ("#history", ("history",)),
        ("#Greenwich", ("greenwich",)),
        ("#purgatory", ("purgatory",)),
        ("#ToriesOut", ("tories", "out")),
        ("#votegreen", ("vote", "green")),
        ("#Covid19", ("covid", "19")),
    ],
)
def test_hashtags_are_split_into_the_words_written(tag, words):
    assert split_hashtag(tag) == words


def test_a_run_that_is_no_sequence_of_words_stays_whole():
    # given a lower-case run only splittable into fragments ("ce", "ct")
    # then it is kept whole rather than cut into words nobody wrote
    assert segment_words("pccelections") == ("pccelections",)
    # and a rule's own vocabulary lets it split
    assert segment_words("pccelections", frozenset({"pcc"})) == ("pcc", "elections")


def test_terms_match_as_words_with_plurals_and_possessives():
    rx = terms_re(["Tory", "MP", "council", "Home Office"])
    text = "the Tories' plan, two MPs, the council's car park, the Home Office's figures"
    assert [m.group() for m in rx.finditer(text)] == [
        "Tories'",
        "MPs",
        "council's",
        "Home Office's",
    ]
    # never inside another word, a hashtag or a handle
    assert not rx.search("history, Toryism, #Tory, @council, councillors")


def test_words_re_keeps_its_behaviour():
    rx = words_re(["green party"])
    assert rx.search("the Green Party said")
    assert not rx.search("the Green Partys")


def test_a_lexicon_built_on_the_first_post_is_not_skipped_by_its_gate():
    # given a fresh copy of the pack (its lexicons are built on first use)
    pack = load_pack()
    # when the very first post checked with it is a political opinion without a party name
    found = _findings(
        pack, "The Home Office has turned its back on forces like ours.", "political-opinion"
    )
    # then it is found all the same
    assert found


# --- political-opinion: false-alarm classes --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # party names inside place names and other words in hashtags
        "A man has been arrested after a burglary in #HallGreen.",
        "Officers attended a collision in #KensalGreen this morning.",
        "Enjoy a slice of our #policehistory at the museum this weekend.",
        "Thanks to everyone who joined in #ClapForKeyWorkers tonight.",
        "Watch more #CovidStories from our frontline staff.",
        # neutral mentions of offices and institutions
        "The Police and Crime Commissioner visited the team today.",
        "The Home Office figures show a fall in burglary.",
        "Please follow the government rules on social distancing.",
        "Thanks to the PCC for funding our new bikes.",
        "Funded by the Home Office, the scheme helps victims of domestic abuse.",
        # a politician quoted about a crime: the words are about the crime
        "Councillor Ray said the attack was appalling and cruel.",
        "The Home Secretary said the attack on officers was appalling.",
        # a stance about someone else, in a relative clause
        "The PCC joined our officers to stop drivers who don't care about the speed limit.",
        # an institution used as a noun before another noun
        "It's a shame the council car park was targeted by thieves again.",
        # everyday words that are also in political lists
        "The council is cutting back the trees to improve lighting.",
        "He suffered minor cuts to his hands.",
        "Say no to knife crime. #KnifeCrimeAwareness",
        "Register to vote before the deadline: every vote counts.",
        "Volunteers helped the council clear fly-tipping. What a shame people dump rubbish here.",
        # votes that are no steer
        "Vote for Bella in the police dog of the year awards!",
        "Voting is open for the community awards: the worst weather didn't stop our volunteers.",
        "Polling stations are open until 10pm; officers will be on patrol.",
    ],
)
def test_no_political_opinion_in_ordinary_posts(pack, text):
    assert _findings(pack, text, "political-opinion") == []


# --- political-opinion: recall without a party name -----------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("The government has abandoned frontline policing.", "government has abandoned"),
        ("Ministers have no idea what it's like on the streets.", "Ministers have no idea"),
        ("Another cut to our budget from the Home Office. Unbelievable.", "cut to our"),
        ("Our PCC has wasted millions on vanity projects.", "PCC has wasted"),
        ("Please sign the petition to stop the closure of our station.", "sign the petition"),
        ("Write to your MP and tell them to fund the police.", "Write to your MP"),
        ("Cuts by this government have left us short of officers.", "Cuts by this government"),
        ("Years of cuts have gutted neighbourhood policing.", "Years of cuts"),
        ("Use your vote on Thursday to kick out the people who cut our police.", "Use your vote"),
        ("Scrap the Clean Air Zone now!", "Scrap the Clean Air Zone"),
        ("Well done to the government for finally funding us properly.", "government"),
        ("Pay rise below inflation from this government. They don't value us.", "government"),
        ("#ToriesOut", "#ToriesOut"),
        ("Vote Green on Thursday!", "Vote Green"),
        # a steer on how to vote: voting plus political criticism, "this lot out", a name
        ("Polls open tomorrow, so think hard about who shut your front counter.", "shut your"),
        ("Time to boot this lot out for good.", "boot this lot out"),
        ("Cllr Priya Shah (Con) met the team. Vote Priya on Thursday!", "Vote Priya"),
        ("Our PCC is standing up to ministers over the precept.", "standing up to"),
    ],
)
def test_political_opinion_without_a_party_name(pack, text, evidence):
    found = _findings(pack, text, "political-opinion")
    assert found, text
    assert evidence in found[0].excerpt
    assert found[0].clause == "5.10"


# --- election-period --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Police and Crime Commissioner visited the team today.",
        "Our MP joined officers on patrol.",
        "Meet the candidates for PCC at the hustings on Friday.",
        "Good luck to everyone in the #PCCElections.",
    ],
)
def test_election_period_reviews_named_politicians(pack, text):
    found = _findings(pack, text, "election-period", election=True)
    assert found and found[0].severity.name == "REVIEW"


@pytest.mark.parametrize(
    "text",
    [
        # institutions name no politician
        "Government guidance says you should stay at home.",
        "The Home Office figures show a fall in burglary.",
        # the Metropolitan Police Service, a time of day, recruitment
        "Nominations are open for the #MPSAwards.",
        "The MPS Marine Unit patrolled the river.",
        "The station opens at 5 PM.",
        "Successful candidates will be invited to interview.",
        # an offence's name, not the policy
        "A man was charged with immigration offences.",
    ],
)
def test_election_period_leaves_other_posts(pack, text):
    assert _findings(pack, text, "election-period", election=True) == []


# --- offensive-language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Absolute sh1t driving on the ring road today.", "sh1t"),
        ("Total b0ll0cks, the lot of it.", "b0ll0cks"),
        ("Fuuuuuck me, what a shift.", "Fuuuuuck"),
        ("This weather is shiiiiit.", "shiiiiit"),
        ("Stop being such a d1ck in our comments.", "d1ck"),
        ("Stop being such a dick in our comments.", "such a dick"),
        ("F U C K this weather.", "F U C K"),
        ("Bl00dy hell what a night.", "Bl00dy"),
        ("These drivers are brainless.", "drivers are brainless"),
        ("You lot are thick as mince.", "You lot are thick"),
        ("People who fly-tip are scummy.", "scummy"),
        ("What a clown, parking across two bays.", "What a clown"),
        ("You're a disgrace to the uniform.", "disgrace"),
        ("Travellers are all thieves, everyone knows it.", "Travellers are all thieves"),
        ("Some muzzies were hanging round the shop.", "muzzies"),
        # profanity with an ending, masked or disguised
        ("Another fcuked-up night on the ring road.", "fcuked"),
        ("Two bikes nicked from the shitholes behind the precinct.", "shitholes"),
        # a person called a monster, an insult with no pronoun
        ("The beast who robbed a pensioner has been caught.", "beast who"),
        ("Stopped a driver doing 70 past the school, total numpty.", "total numpty"),
    ],
)
def test_offensive_language_recall(pack, text, evidence):
    found = _findings(pack, text, "offensive-language")
    assert found, text
    assert evidence in found[0].excerpt
    assert found[0].clause == "4.6"


@pytest.mark.parametrize(
    "text",
    [
        "He was charged with a racially aggravated public order offence.",
        "The man shouted racial slurs at the victim.",
        "Police in Cockfosters are appealing for witnesses.",
        "Dick Turpin's cave is a popular spot for walkers.",
        "He was carrying such a weapon when he was stopped.",
        "The thieves were stupid enough to leave fingerprints.",
        "Roadworks on the A5 and the M6 J10 tonight.",
        "Drop-in sessions at Sh1pley library from 10am.",
        "Shhhh... the library is open again. Cooool!",
        "Keep pets indoors on bonfire night: fireworks frighten animals.",
        "Hashtag #FCUK is a clothing brand, not a swear word.",
        "The animal that was injured has been taken to a vet.",
        "Total cost of the damage is estimated at £5,000.",
        "An absolute pleasure to meet the cadets today.",
    ],
)
def test_no_offensive_language_in_ordinary_posts(pack, text):
    assert _findings(pack, text, "offensive-language") == []


def test_obfuscated_reads_digits_symbols_and_stretched_letters():
    words = frozenset({"shit", "bollocks", "fuck"})
    assert obfuscated("sh1t b0ll0cks fuuuck", words) == [(0, 4), (5, 13), (14, 20)]
    # a road number or a postcode is no disguise
    assert obfuscated("A5 B1 1AA M6", words) == []

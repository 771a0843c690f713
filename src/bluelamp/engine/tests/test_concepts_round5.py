"""Concepts the judgement rules learned from labelled posts by independent writers, each with
near misses that must stay quiet: political opinion through sarcasm, devolved governments,
colours and campaign slogans (CC/01 5.10, 6.6); cover blown on an observation, an entry or a
protected person (4.10, 6.7). Every sentence is invented."""

from __future__ import annotations

import pytest

#: The tier these posts come from: a team account (the conftest's ``check`` runs them).
TIER = "team"


# --- political-opinion: sarcasm, devolved governments, colours, slogans, one politician praised


@pytest.mark.parametrize(
    "text",
    [
        # Sarcasm about a government's spending.
        "Funny how Whitehall always finds money for reviews and never for our custody suites.",
        # A devolved government and a contested policy, mocked.
        "Holyrood's latest plan is the daftest idea I've heard all year.",
        "These 20mph limits are vote-losing nonsense if you ask me.",
        # Voting advice by colour or by 'the other lot'.
        "Polls open at 7am. Do not let the other lot in! #VoteRed",
        "Think very carefully about who you put your cross next to on Thursday, folks.",
        # A campaign's words.
        "Half our shift is voting for change this time round.",
        "For the many, not the few. See you at the count.",
        "Refugees welcome here, whatever the papers say.",
        # A promise held against ministers in the next sentence.
        "Ministers promised us more detectives. Still waiting for ours.",
        # One elected member praised against the rest.
        "Cheers to Cllr Jo Reid, the only councillor round here who actually turns up.",
    ],
)
def test_political_opinion_without_a_party(check, text):
    assert "political-opinion" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "The new 20mph limit outside Hillcrest Primary starts on Monday: please slow down.",
        "Funny how the dog always finds the one muddy puddle on the walk.",
        "Thanks to the Senedd's cross-party group for hosting our road safety talk.",
        "Polls open at 7am on Thursday. Please park considerately near polling stations.",
        "Still waiting for your lost property? Ring 101 and quote the reference.",
        "Thanks to Cllr Jo Reid for joining the litter pick in Netherton.",
    ],
)
def test_neutral_government_and_voting_stay_quiet(check, text):
    assert "political-opinion" not in check(text, tier=TIER)


# --- operational-security: cover blown, an entry announced, where a protected person is -------


@pytest.mark.parametrize(
    "text",
    [
        # Officers in cover on a bus now.
        "Plain clothes officers are on the number 50 bus this evening watching for pickpockets.",
        # An observation vehicle or post given away.
        "That grey Corsa parked on Elm Road all week? It's one of ours. Nothing to see.",
        "Spot a van with ladders on Park Lane over the next few days? It's not a window cleaner.",
        "Two officers are sat in the flat above the chemist on Bath Street keeping an eye on "
        "who comes and goes.",
        # An entry still to come.
        "The team goes through the door at 14 Birch Close at 0500 Friday.",
        "Live from outside the house on Mill Lane before we go in. Stay tuned!",
        "Who's on the 6am briefing for the Crown Street job tomorrow?",
        # A station left empty.
        "Nobody on the front desk at Tipton this Saturday, we're all at the carnival.",
        # Where a protected victim stays, and who the informant is.
        "She's safe at her aunt's on Grove Road for now. He mustn't find out.",
        "The informant lives in the end house on Yew Tree Lane. Don't park outside.",
    ],
)
def test_cover_entry_and_protected_places(check, text):
    assert "operational-security" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "Ministers promised more officers. Still waiting for ours in Sandwell.",
        "Sat in the public gallery at Wolverhampton Crown Court today for the sentencing.",
        "Missing teenager Amy has been found safe at her friend's house on Grove Road.",
        "The boy is safe and staying with relatives.",
        "The team went through the door at 14 Birch Close at 0500 this morning: two arrested.",
        "Don't worry about the police car on Elm Road, it is there for the school crossing.",
        "Our PCSOs will be on the buses across the city this week giving crime prevention advice.",
    ],
)
def test_past_entries_and_safe_returns_stay_quiet(check, text):
    assert "operational-security" not in check(text, tier=TIER)


# --- named-before-charge: arrest in officers' own words, and who is investigated ---------------


@pytest.mark.parametrize(
    "text",
    [
        "Lifted Gary Thorpe outside the bookies this morning for the shed break-ins.",
        "Nicked Sean Maddox on the Broadway for the phone thefts.",
        "My neighbour Dean Kemp got lifted last night, the whole close came out to watch.",
        "Brilliant work by the team who got hands on Wayne Foley after a week of looking.",
        "Thanks for sharing our appeal for Lee Booth. He came into Bilston station this morning "
        "and is now being questioned.",
        "The IOPC is now looking into the conduct of PC Sam Orme after the Harborne incident.",
        "Released: Naeem Aziz, 28, arrested on Friday, has been released with no further action.",
    ],
)
def test_arrest_in_officers_words_names(check, text):
    assert "named-before-charge" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "The crane lifted the van off the verge on the A41 this morning.",
        "Community champion Sue Park is being interviewed on BBC WM tomorrow about the fun day.",
        "Gary Thorpe lifted the trophy for Tipton Town on Saturday.",
        "Nicked bikes can be reported online; ask for Sean at the front desk.",
        "Wayne Foley, 41, has been charged with burglary and will appear in court on Monday.",
    ],
)
def test_people_not_in_custody_stay_unnamed_by_the_rule(check, text):
    assert "named-before-charge" not in check(text, tier=TIER)


# --- offensive-language: masked spellings at a sentence's end, sound-alike masks, insults that
# need their modifier ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Whoever rota'd this weekend needs their head looking at. Absolute tw@ts.",
        "Some k*nt nicked the charity tin off the front counter.",
        "Stop replying to every post, you total weapon.",
        "The lying little rat who keyed my car has been caught on the doorbell camera.",
    ],
)
def test_masked_and_modified_insults(check, text):
    assert "offensive-language" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "Come along to the beast Summer Fair at Walsall Arboretum on Saturday!",
        "What a weapon to find on a school run: a machete in the footwell.",
        "A rat was living in the evidence store. Pest control has been called.",
        "Questions about the fun day? Email events@example.org.",
    ],
)
def test_events_weapons_pests_and_mailboxes_stay_quiet(check, text):
    assert "offensive-language" not in check(text, tier=TIER)


# --- sexual-offence-victim: given names tied to the one harmed, workplaces and clubs in other
# words, the old euphemism ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Kin or a friend of the writer, named by a given name.
        "Thinking of my sister Chloe, who has to face the man who raped her at Wolverhampton "
        "Crown Court next week.",
        # A given name in apposition to the one harmed.
        "So proud of Megan, the Wolverhampton Uni student who was sexually assaulted on the "
        "tram, for giving evidence today.",
        # A given name as the subject of the offence.
        "Poor Hannah from the bakery on Market Street got groped on her way home.",
        # A name, then the offence done to "her" in the next sentence.
        "Good to see Maureen Pike back at the lunch club. After that man molested her on the "
        "bus she barely went out.",
        # The victim's work, ward, or the business of her father.
        "A woman who works nights as a care assistant at Beech House was sexually assaulted "
        "on Friday.",
        "A nurse on Ward 4 at New Cross was sexually assaulted in the staff car park.",
        "The girl, whose dad runs the tyre place on Dudley Road, was indecently assaulted.",
        # The club the victim plays for.
        "The victim of the sexual assault plays for Tipton Ladies FC's first team.",
        # Where the offence happened and that she works there.
        "A woman was filmed by a hidden camera at the Red Lion on Park Street, where she works.",
        # The upskirting victim named after the offence.
        "A man has been charged after photos were taken up the skirt of Jade Kerr on a bus.",
    ],
)
def test_victim_identified_in_other_words(check, text):
    assert "sexual-offence-victim" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "A woman was sexually assaulted on the tram on Friday. Enquiries continue.",
        "My sister Chloe joined us for the sexual violence awareness walk on Saturday.",
        "A man interfered with the investigation and has been charged with perverting the "
        "course of justice.",
        "Thanks to Maureen Pike of the lunch club for the cakes. A man who groped a woman on "
        "the bus has been jailed.",
        "A woman was sexually assaulted in Walsall. Please call us if you were in the area.",
        "Our officers trained with a member of GMP's rape investigation team this week.",
        "The man, who plays for a Sunday league side, has been charged with rape.",
    ],
)
def test_unidentified_victims_stay_quiet(check, text):
    assert "sexual-offence-victim" not in check(text, tier=TIER)


# --- child-identification: a child known without an age word, through a parent, a youth team,
# an account or a name said to them ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # A child through a named parent.
        "The lad arrested over the bus shelter fire is Dean Price's youngest – only 15.",
        "The 9-year-old boy, whose mum runs the launderette on Mill Street, was hurt in the "
        "robbery.",
        # A youth team and the child's position in it.
        "Her son, the goalkeeper for Wednesfield Wolves U14s, had his bike pinched at training.",
        # An account the child posts from.
        "A 14-year-old girl was sent threats after she posted dances as @tilly_flips.",
        "Gutted for my 15yo nephew @jaydenk_07 who had his phone snatched near the park.",
        # Spoken to by name.
        "To the 12-year-old boy who was robbed in the park on Sunday – Kai, you did everything "
        "right.",
        # A child offence makes 'a girl' a child.
        "A man was jailed for grooming a girl online. She is the daughter of our PCSO.",
        # Pupils at a named school in an images case.
        "A man was charged with making indecent images of children; two are pupils at St Anne's.",
    ],
)
def test_child_identified_without_an_age_word(check, text):
    assert "child-identification" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "Trials for the Wednesfield Wolves U14s are on Saturday at 10am, all welcome.",
        "Our PCSOs are giving talks on online grooming to parents at St Anne's this week.",
        "The boy who was reported missing last night has been found safe and well.",
        "Thanks to my mate in the control room for the tea.",
        "The 14-year-old boy was hurt in a robbery on Sunday. Enquiries continue.",
        "Follow our team on Instagram as @wmpolice for updates.",
    ],
)
def test_children_not_identified_stay_quiet(check, text):
    assert "child-identification" not in check(text, tier=TIER)


# --- evidential-risk: finds told as finds, where things were hidden, items as emoji, a search
# still to come ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "£18k in a carrier bag under the floorboards. Someone's got a long night in the cells.",
        "Biggest find of my service: a sawn-off in a wardrobe in Bilston. Can't say more yet.",
        "The stolen bikes were all stashed in his shed. Man, 41, still being interviewed.",
        "Look what was hiding under the seat of that Astra 🔪🔫 Driver's in custody.",
        "The suspect's phone has been seized and is with the lab now.",
        "Photos of the gun from the Aston job attached, not for release until after the S18.",
        "PC Hale with the machete taken from a 16-year-old in Lozells. He has been charged and "
        "will appear at youth court.",
    ],
)
def test_finds_in_open_cases(check, text):
    assert "evidential-risk" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "A bike was taken from a teenager in Kings Heath. A 15-year-old boy has been arrested.",
        "Check under the bed and behind the sofa before you call us about a lost phone.",
        "Stashed away your valuables? Great, but lock the shed too. #BurglaryPrevention",
        "The knife taken from a 16-year-old in Lozells was shown to the court before he was "
        "sentenced to a youth rehabilitation order.",
    ],
)
def test_prevention_stolen_goods_and_closed_cases_stay_quiet(check, text):
    assert "evidential-risk" not in check(text, tier=TIER)


# --- contempt-risk: sneers in scare quotes, the act put as done, another crime put to the
# accused, a witness's story judged ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Funny how the 'innocent' man charged over the Bilston fire had petrol on his shoes.",
        "Day 2 of the Tipton assault trial. Their main witness has a very selective memory.",
        "The bloke who's been pinching parcels off doorsteps in Wednesfield has been charged.",
        "Great news Mrs Khan: we've caught the man who snatched your bag. He is in custody.",
        "Dean Cole (charged, in court Monday) is the same lad behind last summer's arson.",
        "Walsall robbery trial: our DC gave his evidence this morning and it was rock solid.",
        "The complainant's neighbour has been all over the place with his story at the trial.",
    ],
)
def test_guilt_and_credibility_in_live_cases(check, text):
    assert "contempt-risk" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "Funny how the sun always comes out when we finish the beach patrol.",
        "The 'Friends of Bilston Park' litter pick is on Saturday.",
        "We've caught the man who snatched the bag: he was jailed for two years on Friday.",
        "A man has been charged with robbery and will appear at Walsall Magistrates' Court on "
        "Monday.",
        "The weather has been all over the place this week; drive to the conditions.",
    ],
)
def test_neutral_and_closed_cases_stay_quiet(check, text):
    assert "contempt-risk" not in check(text, tier=TIER)


# --- jigsaw-identification: kin of an office holder, large families, veterans; bad character is
# not a distinctive feature -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The woman arrested is the 38-year-old ex-wife of one of our Dudley councillors.",
        "The off-duty paramedic who helped at the crash, a dad of triplets from Kingstanding – "
        "thank you.",
    ],
)
def test_details_that_single_out_one_person(check, text):
    assert "jigsaw-identification" in check(text, tier=TIER)


@pytest.mark.parametrize(
    "text",
    [
        "A 31-year-old Tipton man, well known to officers, has been charged with burglary.",
        "Thank you to every D-Day veteran who joined our Remembrance parade in Penn.",
        "Twins, triplets or quads? Our car seat safety checks are free this Saturday.",
    ],
)
def test_bad_character_and_general_mentions_are_not_jigsaw(check, text):
    assert "jigsaw-identification" not in check(text, tier=TIER)

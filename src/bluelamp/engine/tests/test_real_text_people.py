"""The people rules on the kinds of wording real posts use (issue 9): each false-alarm class that
was fixed must pass, each recall class added must fire. Every sentence here is invented."""

from __future__ import annotations

import pytest

from bluelamp.engine.model import post_from_dict
from bluelamp.engine.rules import check_post
from bluelamp.engine.rules.detectors.people import find_names, is_deceased
from bluelamp.engine.rules.detectors.places import PLACES

PEOPLE_RULES = {
    "child-identification",
    "sexual-offence-victim",
    "contempt-risk",
    "named-before-charge",
    "jigsaw-identification",
}


def findings(pack, text: str, rule: str, tier: str = "force"):
    report = check_post(post_from_dict({"text": text, "account": {"tier": tier}}), pack)
    return [f for f in report.findings if f.rule == rule]


def people_rules(pack, text: str) -> set[str]:
    report = check_post(post_from_dict({"text": text, "account": {"tier": "force"}}), pack)
    return {f.rule for f in report.findings} & PEOPLE_RULES


# --- Names: common words, headlines, handles, brands and places are not people ----------------


@pytest.mark.parametrize(
    "text",
    [
        "Latest: Tipton Man Charged Over Garage Fire In Oldbury #news",
        "Wanted Woman Arrested After Appeal, Coventry",
        "@Engineer_Nathan Thanks, we have passed your concerns to the neighbourhood team.",
        "Officers recovered a Harley Davidson and a Land Rover from the unit.",
        "Great to see so many at the Perry Barr open day.",
        "Details were shared on 7 Jan.",
    ],
)
def test_headline_capitals_handles_brands_and_places_are_not_names(text):
    # when names are looked for in text with capitals that are not names
    names = [n.text for n in find_names(text, PLACES)]
    # then none is found
    assert names == []


def test_a_name_in_a_headline_is_still_found_without_the_headline_words():
    names = [n.text for n in find_names("Wanted Man Gareth Pollock Arrested, Dudley", PLACES)]
    assert names == ["Gareth Pollock"]


def test_a_given_name_after_a_curly_o_apostrophe_is_read_whole():
    names = [n.text for n in find_names("Sean O‘Rourke, aged 52, was jailed.", PLACES)]
    assert names == ["Sean O‘Rourke"]


@pytest.mark.parametrize(
    "text",
    [
        "Evening Update: Man Jailed For Robbery Of Corner Shop In Wednesbury",
        "Latest: Youth Charged Over Attack At Bus Station, Walsall",
        "Teenager Identified Following Assault Appeal In Dudley",
    ],
)
def test_headline_capitals_do_not_identify_a_child_or_victim(pack, text):
    assert people_rules(pack, text) == set()


# --- Organisation and media handles identify nobody -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Watch @SomeTVChannel tonight at 9pm for a programme about how we investigate sexual "
        "assaults. More on @SomeStreamer.",
        "Two 15-year-old boys were arrested by @CityCentreTeamWMP officers after a robbery.",
        "@resident_abc @local_paper We've arrested a 14-year-old boy after a phone was snatched.",
        "If you have been a victim of rape or sexual assault, @LocalSARC can help. Tweet @HelpDesk.",
    ],
)
def test_organisation_and_media_handles_are_not_identifying(pack, text):
    assert people_rules(pack, text) == set()


def test_a_handle_tied_to_the_victim_still_identifies_her(pack):
    text = (
        "A woman was groped on a tram on Friday. Her Instagram account @amber_rose_dance has "
        "since received messages."
    )
    [f] = findings(pack, text, "sexual-offence-victim")
    assert f.excerpt == "@amber_rose_dance"


# --- The dead are not protected ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A man has been charged with the murder of 16-year-old Tyler Grant in Bilston.",
        "Detectives investigating the fatal stabbing of 15-year-old Kai Lambert have arrested a "
        "man on suspicion of murder.",
        "We were called to a stabbing on Park Lane. Sadly Rhys Mortimer, 17, was pronounced dead "
        "at the scene. Two men have been arrested.",
        "A driver has been charged after nine-year-old Poppy Hale died in a collision. Her "
        "family have paid tribute to her.",
        "The woman who killed 6-year-old Isla Burton was today sentenced. Her father Dean Burton "
        "read a statement.",
    ],
)
def test_a_dead_child_named_at_the_familys_request_is_not_child_identification(pack, text):
    assert "child-identification" not in people_rules(pack, text)


@pytest.mark.parametrize(
    "text",
    [
        "A man has been arrested in connection with the death of Kevin Ashdown in Tipton.",
        "Detectives investigating the murder of 37-year-old Lena Grove have arrested a "
        "23-year-old man on suspicion of murder.",
    ],
)
def test_a_named_dead_victim_is_not_named_before_charge(pack, text):
    assert findings(pack, text, "named-before-charge") == []


def test_is_deceased_reads_the_grammar_not_the_word():
    text = "Jordan Keyes, 15, has been arrested on suspicion of murder after a man died."
    assert not is_deceased(text, 0, len("Jordan Keyes"))
    text = "Tributes have been paid to Jordan Keyes, 15, who died on Sunday."
    start = text.index("Jordan")
    assert is_deceased(text, start, start + len("Jordan Keyes"))


# --- Adults near a child word are not the child ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Graham Pilling (52) from Walsall has been charged with inciting a child to engage in "
        "sexual activity.",
        "A former coach has been jailed for child sex offences.\n\nBarry Coulson, 61, of "
        "Dudley was sentenced to 12 years.",
        "A 14-year-old boy has been convicted of killing Martin Lacey in Oldbury.",
        "A man has been charged with snatching a baby from his mother's home in Aston.",
        "Detectives renewed their appeal after a rape, as the 15-year-old victim's mother "
        "asked the public for help.",
    ],
)
def test_adults_and_unnamed_relatives_do_not_identify_a_child(pack, text):
    assert "child-identification" not in people_rules(pack, text)


# --- Recall: named children in a case are still caught ------------------------------------------


def test_a_named_child_suspect_in_a_wanted_appeal_is_child_identification(pack):
    text = (
        "Police are looking for Jack Smith, 15, a suspect in the burglary at a shop on Soho Road."
        " He was last seen in Aston. west-midlands.police.uk/appeals/123"
    )
    [f] = findings(pack, text, "child-identification")
    assert f.excerpt == "Jack Smith"
    # and the advice uses his own age and sex, not somebody else's
    assert "a 15-year-old boy" in f.message
    assert "31-year-old" not in f.message


def test_the_child_advice_for_a_girl_uses_her_age(pack):
    text = "Ellie Marsh, 14, has been charged with assault. She will appear at youth court."
    [f] = findings(pack, text, "child-identification")
    assert "a 14-year-old girl" in f.message


def test_a_child_named_as_a_parents_child_is_identified(pack):
    text = "Darren Cole, 41, has been charged with assaulting his 12-year-old daughter."
    [f] = findings(pack, text, "child-identification")
    assert f.excerpt.endswith("daughter")


# --- Sexual offences named in other words -------------------------------------------------------


@pytest.mark.parametrize(
    "offence",
    [
        "indecently assaulted",
        "upskirted",
        "molested",
        "touched inappropriately",
        "sent sexual communication with a child",
        "the victim of voyeurism",
        "the victim of female genital mutilation",
        "trafficked for sexual exploitation",
    ],
)
def test_sexual_offences_in_other_words_protect_a_named_victim(pack, offence):
    text = f"Police say Nadia Fenwick, 24, was {offence} last month."
    [f] = findings(pack, text, "sexual-offence-victim")
    assert f.excerpt == "Nadia Fenwick"


def test_the_workplace_span_covers_the_named_premises(pack):
    text = "A woman who works at the Red Lion pub in Quinton was groped by a customer on Friday."
    [f] = findings(pack, text, "sexual-offence-victim")
    assert "Red Lion" in f.excerpt


def test_the_home_span_covers_the_street_not_just_lives_on(pack):
    text = "The woman, who lives on Linden Grove, was sexually assaulted on Saturday night."
    [f] = findings(pack, text, "sexual-offence-victim")
    assert f.excerpt == "lives on Linden Grove"


@pytest.mark.parametrize(
    "text",
    [
        "A woman was sexually assaulted at her home on Tuesday evening. Enquiries continue.",
        "A 19-year-old man has been arrested on suspicion of rape after a woman was attacked in "
        "Bramley Hall Park last weekend.",
        "A woman was indecently assaulted at work on Monday. Officers are reviewing CCTV.",
    ],
)
def test_an_unnamed_home_park_or_workplace_does_not_identify_a_victim(pack, text):
    assert findings(pack, text, "sexual-offence-victim") == []


def test_a_victim_known_through_the_named_defendants_shop(pack):
    text = (
        "Raj Mistry, 50, has been charged with sexually assaulting a woman who works at his shop."
    )
    assert findings(pack, text, "sexual-offence-victim")


# --- Contempt: concepts, not phrases ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A man and a woman were taken to hospital with injuries not believed to be "
        "life-threatening. A 30-year-old man has been arrested.",
        "Here's a video of this morning's warrants, in case you missed our post before, "
        "which saw eight people arrested.",
        "A man has been charged with burglary and will appear at Walsall Magistrates' Court.",
        "Callum Rees was jailed for six years today. This thug terrorised shop workers.",
    ],
)
def test_neutral_or_after_sentence_wording_is_not_contempt(pack, text):
    assert findings(pack, text, "contempt-risk") == []


@pytest.mark.parametrize(
    "text",
    [
        "Leon Barrow, 33, has been charged with robbery. He is guilty and everyone knows it.",
        "A man has been charged over the bank raid. This animal terrified staff.",
        "Kyle Ince has been charged with theft. He has a long criminal record for shoplifting.",
        "The trial continues. Frankly the witness cannot be trusted and her story doesn't add up.",
        "A man charged with assault told officers he acted in self-defence, which is laughable.",
    ],
)
def test_guilt_bad_character_and_evidence_comment_while_active_is_contempt(pack, text):
    assert findings(pack, text, "contempt-risk")


# --- Named before charge ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Liam Cotter is wanted on suspicion of burglary. If you see him call 101. "
        "west-midlands.police.uk/wanted",
        "Ryan Tolley, 30, who was wanted on recall to prison, has now been arrested.",
        "A man (24) was arrested for trying to steal a bottle of Glen Morris whisky from a shop.",
        "Yesterday we arrested Dale Finch, who was subject of a warrant after failing to attend "
        "court.",
    ],
)
def test_wanted_appeals_recalls_and_objects_of_other_verbs_are_not_named_before_charge(pack, text):
    assert findings(pack, text, "named-before-charge") == []


def test_a_wanted_man_named_again_when_arrested_is_named_before_charge(pack):
    text = "Wanted man Gavin Stokes has been arrested. Thank you for sharing our appeal."
    [f] = findings(pack, text, "named-before-charge")
    assert f.excerpt == "Gavin Stokes"
    assert "“a man”" in f.message


def test_the_advice_uses_the_persons_own_age_and_sex(pack):
    text = "Maria Kemp, 47, has been arrested on suspicion of fraud. She has been bailed."
    [f] = findings(pack, text, "named-before-charge")
    assert "a 47-year-old woman" in f.message
    assert "31-year-old" not in f.message


def test_a_titled_speaker_is_not_a_jigsaw_occupation(pack):
    text = (
        "Superintendent Alan Reed and Councillor Priya Shah spoke after a 17-year-old was "
        "seriously hurt in Aston yesterday."
    )
    assert findings(pack, text, "jigsaw-identification") == []


@pytest.mark.parametrize(
    "text",
    [
        "Kayden Price, 15, killed a man in the park, police say. He has been arrested.",
        "A man has been charged with the attempted murder of 15-year-old Jack Turner in Aston.",
    ],
)
def test_a_living_child_in_a_killing_case_is_still_protected(pack, text):
    assert "child-identification" in people_rules(pack, text)


@pytest.mark.parametrize("surname", ["Aston", "Sutton", "Stafford", "Perry"])
def test_surnames_that_are_also_places_are_still_names(surname):
    names = [n.text for n in find_names(f"We arrested Jack {surname} yesterday.", PLACES)]
    assert names == [f"Jack {surname}"]


def test_a_common_given_name_in_a_headline_is_still_found():
    names = [n.text for n in find_names("Wanted Man John Harper Arrested In Walsall", PLACES)]
    assert names == ["John Harper"]


@pytest.mark.parametrize(
    "text",
    [
        "Dean Marsh, 30, has been charged with burglary. His alibi is frankly nonsense.",
        "A man has been charged with assault and remanded. The CCTV is conclusive.",
        "The trial continues today. The complainant's account was clearly made up.",
    ],
)
def test_comment_on_the_evidence_or_an_account_in_a_live_case_is_contempt(pack, text):
    [f] = findings(pack, text, "contempt-risk")
    assert " is " in f.excerpt or " was " in f.excerpt


def test_a_neutral_word_about_an_account_is_not_contempt(pack):
    text = "A woman has been charged with fraud and will appear in court. Her account was taken."
    assert findings(pack, text, "contempt-risk") == []


def test_a_relative_named_beside_the_arrested_child_is_not_named_before_charge(pack):
    text = "The 15-year-old son of shopkeeper Terry Pugh is one of three people arrested."
    assert findings(pack, text, "named-before-charge") == []
    # but the child is identified through the named parent
    assert findings(pack, text, "child-identification")


def test_a_childs_handle_given_beside_the_name_identifies_the_child(pack):
    text = "Ruby Ellis, 14, (@ruby.e.dance) was assaulted outside school on Monday."
    excerpts = {f.excerpt for f in findings(pack, text, "child-identification")}
    assert "Ruby Ellis" in excerpts


@pytest.mark.parametrize(
    "text",
    [
        "Tom Parkes has been jailed for sexually abusing a young girl over five years.",
        "A 15-year-old boy was stabbed by Jack Turner in Aston on Friday.",
        "Lee Carver was jailed for assaulting a 13-year-old girl in Bilston.",
    ],
)
def test_a_named_adult_in_a_case_about_a_child_is_not_the_child(pack, text):
    assert "child-identification" not in people_rules(pack, text)


@pytest.mark.parametrize(
    "text",
    [
        "A 15-year-old boy, Jack Turner, has been arrested.",
        "The 14-year-old girl named locally as Jade Price was hurt in the attack.",
    ],
)
def test_a_name_in_apposition_to_the_child_is_the_child(pack, text):
    assert "child-identification" in people_rules(pack, text)


@pytest.mark.parametrize(
    "text",
    [
        "Rape Crisis chief executive Jayne Holt said more survivors are coming forward about "
        "sexual assault.",
        "Watch Jess Lowe MP talk about sexual violence and rape tonight.",
    ],
)
def test_a_named_speaker_in_a_post_about_sexual_offences_is_not_a_victim(pack, text):
    assert findings(pack, text, "sexual-offence-victim") == []


def test_a_named_person_who_says_she_was_assaulted_is_still_a_victim(pack):
    text = "Paula Gray said she was sexually assaulted on a night out."
    [f] = findings(pack, text, "sexual-offence-victim")
    assert f.excerpt == "Paula Gray"


@pytest.mark.parametrize(
    "text",
    [
        "A man has been arrested. This cowardly attack left a woman injured.",
        "A man has been arrested and the criminal justice process will follow.",
        "A man has been arrested after a dog attack; the animal was seized.",
    ],
)
def test_words_about_the_act_or_compounds_are_not_names_for_the_accused(pack, text):
    assert findings(pack, text, "contempt-risk") == []


@pytest.mark.parametrize(
    "text",
    [
        "A man has been charged with robbery. He is evil and everyone knows it.",
        "A man has been charged with assault. This vile man should never be freed.",
        "A man has been charged. This thug attacked a pensioner.",
    ],
)
def test_names_and_condemnation_of_the_accused_are_contempt(pack, text):
    assert findings(pack, text, "contempt-risk")


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        (
            "A man has been charged with voyeurism after filming a woman in the changing rooms "
            "at Fitness First in Solihull where she works.",
            "at Fitness First in Solihull where she works",
        ),
        (
            "A 30-year-old man has been charged with upskirting a colleague at the Walsall office "
            "of Acme Insurance.",
            "colleague at the Walsall office of Acme Insurance",
        ),
        ("The complainant, Leah Marsh, gave evidence about the rape.", "Leah Marsh"),
    ],
)
def test_workplace_colleague_and_complainant_identify_the_victim(pack, text, excerpt):
    [f] = findings(pack, text, "sexual-offence-victim")
    assert f.excerpt == excerpt


def test_a_condemning_adjective_before_a_person_said_of_the_accused_is_contempt(pack):
    text = (
        "Jason Cole, who has been charged with murder, is a dangerous man who should never be "
        "released."
    )
    assert findings(pack, text, "contempt-risk")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to Emma Jones from Rape Crisis for talking to our officers about sexual violence.",
        "Emma Jones from the Sexual Assault Referral Centre explained how to report rape.",
    ],
)
def test_a_named_supporter_thanked_or_speaking_is_not_a_victim(pack, text):
    assert findings(pack, text, "sexual-offence-victim") == []


def test_a_named_victim_from_a_place_is_still_a_victim(pack):
    text = "Lisa Dunn from Walsall was raped last year, police said."
    [f] = findings(pack, text, "sexual-offence-victim")
    assert f.excerpt == "Lisa Dunn"


# named-before-charge: the ways an arrested person is named (issue 9, recall).
@pytest.mark.parametrize(
    "text, excerpt",
    [
        # An insult between the arrest and the name: the name is still its object.
        ("Finally nicked that scrote Mark Pryce for the Tipton burglaries.", "Mark Pryce"),
        # The arrest in the next sentence, said of the only person named.
        (
            "Early raid at the Wednesbury home of Carl Moss, 41. He's been arrested and we found "
            "a gun.",
            "Carl Moss",
        ),
        # An officer named by rank and surname, themselves under investigation.
        (
            "Bad news. Sgt Kerr from our unit was arrested today on suspicion of misconduct in "
            "public office.",
            "Sgt Kerr",
        ),
        (
            "We referred ourselves to the IOPC after a man was hurt. PC Mark Rowe has been placed "
            "on restricted duties while the IOPC investigates.",
            "Mark Rowe",
        ),
    ],
)
def test_arrested_or_investigated_people_named_in_more_ways(pack, text, excerpt):
    assert [f.excerpt for f in findings(pack, text, "named-before-charge")] == [excerpt]


@pytest.mark.parametrize(
    "text",
    [
        # The officer is the one who speaks, not the one arrested.
        "Sgt Kerr said a man was arrested after misconduct claims.",
        "PC Rowe arrested a man today.",
        # The named person is the arrested boy's relative.
        "Nicked a 14yo today for robbery, his dad is Carl Moss off the market.",
        # The pronoun may mean someone else in the sentence.
        "Teenager Amy Lowe received messages from a man she met online. He has now been arrested.",
    ],
)
def test_a_named_speaker_relative_or_other_person_is_not_the_one_arrested(pack, text):
    assert findings(pack, text, "named-before-charge") == []


# sexual-offence-victim and child-identification: more ways a victim or child is identified.
@pytest.mark.parametrize(
    "text, excerpt",
    [
        # The victim named after an -ing verb of the charge.
        (
            "Carl Moss, 29, of Tipton, denies rape and is accused of attacking Jenna Marsh after a "
            "party in Oldbury.",
            "Jenna Marsh",
        ),
        # A following sentence about the same victim: a relationship to the named defendant.
        (
            "Gavin Pike, 50, of Wednesbury, has been charged with sexual activity with a child. "
            "The girl is his stepdaughter.",
            "his stepdaughter",
        ),
        # Her home tied to the named defendant.
        (
            "Gavin Pike, 50, has been charged with sexual assault. The woman lives next door to "
            "him in Darlaston.",
            "lives next door to him",
        ),
        # Her shift at a named place.
        (
            "A woman was raped on her way home from her shift at the Red Fox in Quinton.",
            "her shift at the Red Fox",
        ),
        # The club where the arrested man coached.
        (
            "A man was arrested on suspicion of making indecent images of children, of boys from "
            "the swimming club where he coached.",
            "club where he coached",
        ),
        # Her handle, said of her.
        (
            "Spoke to a girl groped on the 16 bus today, she's @amy_lee_xo on here.",
            "@amy_lee_xo",
        ),
        # A reply to the victim's relative.
        (
            "@KarenB_Tipton Thanks Karen, your daughter has been seen about the man who groped her.",
            "@KarenB_Tipton",
        ),
    ],
)
def test_more_ways_a_sexual_offence_victim_is_identified(pack, text, excerpt):
    assert excerpt in [f.excerpt for f in findings(pack, text, "sexual-offence-victim")]


@pytest.mark.parametrize(
    "text",
    [
        "A woman was sexually assaulted in Quinton last night. She is being supported by officers.",
        "Gavin Pike, 50, has been charged with sexual assault. He lives in Darlaston.",
        "A woman was raped in Handsworth on Friday. The man who attacked her was tall and white.",
    ],
)
def test_an_unidentified_sexual_offence_victim_stays_unflagged(pack, text):
    assert findings(pack, text, "sexual-offence-victim") == []


@pytest.mark.parametrize(
    "text, excerpt",
    [
        # "the son of" a named man after "Arrested a 14 year old".
        (
            "Arrested a 14 year old for robbery today, turns out he is the son of Gary Holt.",
            "the son",
        ),
        # A handle given as the name the child posts under.
        (
            "A 15-year-old boy has been arrested after videos were posted under the name "
            "@brum_kid_09.",
            "@brum_kid_09",
        ),
    ],
)
def test_more_ways_a_child_in_a_case_is_identified(pack, text, excerpt):
    assert excerpt in [f.excerpt for f in findings(pack, text, "child-identification")]


@pytest.mark.parametrize(
    "text, excerpt",
    [
        # The next sentence about the same child: a relationship to a named person.
        (
            "A 14-year-old girl has been arrested after a fight in Dudley. She's the daughter of "
            "local councillor Paul Wren.",
            "the daughter",
        ),
        (
            "We are supporting the family of a little girl who was molested in Bilston. Her "
            "grandmother, Ann Cole, thanked everyone.",
            "Her grandmother",
        ),
        # A councillor's son is identified through his named parent.
        (
            "Please respect the privacy of Councillor Tom Reed's family after his 11-year-old son "
            "was assaulted in Oldbury.",
            "his 11-year-old son",
        ),
        # A home tied to the named defendant.
        (
            "Gavin Pike, 50, has been charged with sexual activity with a child. The girl lives "
            "next door to him in Darlaston.",
            "lives next door to him",
        ),
    ],
)
def test_a_child_identified_through_the_next_sentence_or_a_named_relative(pack, text, excerpt):
    assert excerpt in [f.excerpt for f in findings(pack, text, "child-identification")]


def test_minor_injuries_are_not_a_minor(pack):
    text = "Officers were called to Flat 2, Elm Court, Oldbury after a fight. One man had minor injuries."
    assert findings(pack, text, "child-identification") == []


def test_a_photo_up_a_skirt_is_an_upskirting_offence(pack):
    text = "Gutted for my mate Josh Barker, someone took photos up his sister's skirt on the tram."
    assert findings(pack, text, "sexual-offence-victim")


@pytest.mark.parametrize(
    "text",
    [
        # Three details single out one person even outside a case.
        "Yes we know, it's the 80-year-old widower at the far end of Elm Tree Road whose car was "
        "taken off the drive.",
        # An officer's rank is an occupation.
        "A 41-year-old sergeant based at Kings Heath has been arrested on suspicion of misconduct "
        "in public office.",
    ],
)
def test_jigsaw_details_in_more_settings(pack, text):
    assert findings(pack, text, "jigsaw-identification")


def test_a_missing_person_appeal_is_not_a_jigsaw(pack):
    text = "Please look out for Jean Rowley, 79, who lives alone in Oldbury, missing since 9am."
    assert findings(pack, text, "jigsaw-identification") == []


def test_a_quoted_nickname_is_part_of_the_name(pack):
    text = "We've lifted Dean 'Tank' Morris at his nan's in Bloxwich."
    [f] = findings(pack, text, "named-before-charge")
    assert f.excerpt == "Dean 'Tank' Morris"


def test_a_victims_home_above_a_named_shop_identifies_her(pack):
    text = "The woman raped in the park lives above the bakery on Mill Road with her mum."
    [f] = findings(pack, text, "sexual-offence-victim")
    assert f.excerpt.startswith("lives above the bakery")


def test_lifted_restrictions_are_not_an_arrest(pack):
    text = "Road restrictions on Mill Road have been lifted, thanks to Dean Morris and the council."
    assert findings(pack, text, "named-before-charge") == []


def test_a_child_as_a_named_parents_lad_is_identified(pack):
    text = "That Kyle off the estate (Donna Hayes' lad, 13) has been arrested again for the thefts."
    assert "Hayes' lad" in [f.excerpt for f in findings(pack, text, "child-identification")]


@pytest.mark.parametrize(
    "text",
    [
        # Age + where on the reader's street + a distinctive vehicle.
        "@ElmResident it's the fella in his 50s at the end of your close with the red pickup "
        "van. We've had words about the dumping.",
        # Occupation + workplace + a distinctive look, in an incident.
        "The barmaid at the Swan in Cradley, the one with the blue hair, was threatened last "
        "night.",
    ],
)
def test_jigsaw_distinctive_features_and_the_readers_street(pack, text):
    assert findings(pack, text, "jigsaw-identification")


def test_a_vehicle_description_alone_is_not_a_jigsaw(pack):
    text = "Did you see a man with the white van parked on Elm Road last night? Call 101."
    assert findings(pack, text, "jigsaw-identification") == []


def test_an_age_at_the_time_makes_a_girl_a_child(pack):
    text = (
        "Jade Kerr, 41, has been charged with failing to protect a girl from female genital "
        "mutilation. The girl, her niece, was 9 at the time."
    )
    assert "her niece" in [f.excerpt for f in findings(pack, text, "child-identification")]


def test_children_in_an_offence_with_the_defendants_own_relative(pack):
    text = (
        "Carl Moss, 58, from Oldbury, has been charged with making indecent images of children, "
        "including images of his own granddaughter."
    )
    assert "his own granddaughter" in [
        f.excerpt for f in findings(pack, text, "child-identification")
    ]


def test_children_in_general_are_not_identified(pack):
    text = "Carl Moss, 58, has been charged with making indecent images of children."
    assert findings(pack, text, "child-identification") == []

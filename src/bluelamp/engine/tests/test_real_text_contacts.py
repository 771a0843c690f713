"""The `contacts` family on the kinds of wording real posts use: personal-data,
protective-marking, operational-security, evidential-risk, and the appeal and disclosure-log
classification. Every sentence is invented; each false-alarm class fixed must pass, each
recall class added must fire."""

from __future__ import annotations

import pytest

# --- personal-data: contact details published for the public are not personal ---------------


@pytest.mark.parametrize(
    "text",
    [
        # another force's incident room, an investigation team's landline
        "Anyone with information should call the incident room on 0161 496 0123 quoting 211 of "
        "3 May.",
        "If you see him, please call us on 0113 496 0456 or Crimestoppers on 0800 555 111.",
        "Call 0161 496 0789 with any information about the collision.",
        "Please note that the number to call is now 0161 496 0321.",
        # mailboxes of public bodies and role mailboxes
        "For more details email enquiries.team@northumbria.police.uk",
        "Forward suspicious messages to report@phishing.gov.uk",
        "Referrals can be sent to safeguarding.hub@nhs.net",
        "Want to volunteer? Drop a line to info@example.org",
        "Our cadets' own account @walsallcadets takes bookings at walsallcadets@gmail.com",
        # charities' helplines and non-geographic ranges
        "Support is available from the charity's helpline on 0808 2000 247, any time.",
        "Call the advice line on 0300 123 1113 or 0345 600 0000.",
        "Information line: 0333 202 0000.",
        # a team's mobile given for an appeal, with a case reference
        "Anyone who can identify the man is asked to call the investigation team on 07700 900456.",
        "Recognise anyone? Please call 101 or 07700 900111 quoting Op Castle.",
        "Or contact the Serious Collision Unit on 07700 900222.",
        "Anyone with information about the attack, call 07700 900444.",
        "Support is available: call Victim Support on 0121 496 0999.",
        "Join the scheme: email harbornewatch.group@gmail.com",
        # a public building's or a venue's postcode
        "Careers fair on Friday, 10am to 1pm, Council House - B1 1BB. Come and say hello.",
        "Our open day is at Walsall Town Hall, WS1 1TP, from noon.",
        # a public building's or a business's numbered address, an organisation's mailbox
        "Our front office at 14 Bilston Street is open 9am to 5pm.",
        "The shop at 3 High Street was broken into overnight.",
        "Want to join the cadets? Email us at cadets.team2@outlook.com",
        # incident and fixture dates are not dates of birth
        "Please call 101 quoting 132 of 21/02/21.",
        "Blues v Villa (12/03/2021): tickets on sale now.",
        "The collision happened on Monday (12/03/2020) at about 6pm.",
    ],
)
def test_published_contact_details_are_not_personal_data(text, check):
    assert "personal-data" not in check(text, tier="force")


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Our coordinator would love to hear from you - call her on 07700 900261.", "07700 900261"),
        ("Ring Dave on 0121 496 0001 if you want to join the watch.", "0121 496 0001"),
        ("The owner's number is 0121 496 0002 if you spot the bike.", "0121 496 0002"),
        ("Any footage, call PC Rahman on 07700 900789.", "07700 900789"),
        ("Text 07700 900455 if interested in the old bike.", "07700 900455"),
        ("Anyone with info on the stolen bikes, text me direct on 07700 900552.", "07700 900552"),
        ("Scam texts are coming from 07700 900999, do not reply.", "07700 900999"),
        ("If you want copies of the photos, email me on jo.bloggs1990@example.com", None),
        ("A house in the B33 8AA area was burgled overnight.", "B33 8AA"),
        ("The shop owner's flat at 5 High Street was broken into.", "5 High Street"),
        ("Email me at jo.bloggs@outlook.com for the photos.", "jo.bloggs@outlook.com"),
        ("Lovely afternoon at Doris's in WV10 9QR for her 90th.", "WV10 9QR"),
        ("Our cat got out from ours (DY4 7QT) last night, please share.", "DY4 7QT"),
    ],
)
def test_a_private_persons_contact_details_are_personal_data(text, excerpt, check):
    found = check(text, tier="force")["personal-data"]
    if excerpt:
        assert [f.excerpt for f in found] == [excerpt]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Jo Bloggs (27/12/1985) of Walsall has been charged with burglary.", "27/12/1985"),
        ("Sam Smith, 34, (03/11/1989) was remanded in custody.", "03/11/1989"),
        ("Alex Grey, born 3 May 1990, has been reported missing.", "born 3 May 1990"),
        ("Kim Lee, 12/04/1979, of Bilston, will appear in court.", "12/04/1979"),
        ("Happy retirement! Born on 2nd March 1966 and still going strong.", None),
    ],
)
def test_dates_of_birth_written_after_a_name_are_caught(text, excerpt, check):
    found = check(text, tier="force")["personal-data"]
    assert found[0].message.startswith("A date of birth")
    if excerpt:
        assert found[0].excerpt == excerpt


# --- protective-marking: capitals for emphasis are not markings -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Report it to Crimestoppers - it's 100% CONFIDENTIAL and you stay anonymous.",
        "Counter-terrorism in four words: PURSUE, PREVENT, PROTECT and PREPARE.",
        "We're here to PROTECT you and your family over the holidays.",
        "The SECRET to a safe night out? Plan how you'll get home.",
        "RESTRICTED parking applies around the ground on match days.",
        "It's no SECRET that we love our volunteers!",
    ],
)
def test_capitals_for_emphasis_are_not_protective_markings(text, check):
    assert "protective-marking" not in check(text, tier="team")


@pytest.mark.parametrize(
    "text",
    [
        "RESTRICTED Q4 overtime figures for the response teams below.",
        "CONFIDENTIAL: the disciplinary hearing has moved to Thursday.",
        "Found an old 'SECRET' folder in the archive cupboard.",
        "SECRET. New firearms deployment plan is on the drive.",
        "Oops, I shared the CONFIDENTIAL copy of the rota by mistake.",
        "Ignore the RESTRICTED file on my desk in that photo.",
    ],
)
def test_one_word_markings_used_as_labels_still_fire(text, check):
    assert "protective-marking" in check(text, tier="team")


# --- operational-security: finished operations are not planned ones -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Seven warrants executed across the borough at dawn today saw five people arrested.",
        "After early morning raids in the town, 40 people have been arrested this year.",
        "Here is a video of this morning's raids, which saw twelve arrests.",
        "Two men will appear in court today, charged after warrants on Thursday.",
        "Detectives have obtained a warrant of further detention for the man held on Monday.",
        "Thankfully no one was injured, but we'll gather the evidence and take it to court.",
        "If the rubbish is still waiting for collection, please contact the council.",
        "Good luck to everyone waiting on their exam results today!",
        "Blades are being hidden in parks and alleys, so we search them every week.",
        "We'll be patrolling the high street tonight to reassure shoppers.",
        "Come and meet the team at the library tomorrow from 10am, we'll be waiting with tea!",
        "Officers are waiting for the recovery truck on the motorway after a collision.",
        "There will be no officers at Friday's meeting as they are on a course.",
        "Warrant cards at the ready: our new recruits start tomorrow!",
        "Search teams will be searching the canal near the lock today as part of the search for "
        "missing Amy Dale.",
        "We've charged the man from Tuesday's burglary and he's sat in the cells now.",
        "Spent all week sat in court for the trial, the key witness was brilliant.",
        "Plain clothes officers will be out across the city centre over Christmas.",
        "Well done to the boy from Oak School who called us, he'll be a key witness on Mill Road.",
    ],
)
def test_finished_operations_and_ordinary_words_are_not_operational_detail(text, check):
    assert "operational-security" not in check(text, tier="team")


@pytest.mark.parametrize(
    "text",
    [
        "Officers are in position outside the flats on Mill Road right now.",
        "Two of our team are hidden behind the garages on Oak Lane tonight watching for them.",
        "The victim has been moved to her aunt's house on Church Street for her safety.",
        "Another night watching over our witness at the Premier Inn by the station.",
        "Early start tmrw: search warrant on Green Lane at 5, briefing at 4.",
        "We're hitting the Kings Heath address at 6 tomorrow.",
        "Tipton police station will be unstaffed from 10pm to 6am on Saturday.",
        "We'll be waiting for them on Mill Lane tonight.",
        "We've put the family in the Premier Inn by the ring road until the hearing, so booked "
        "them into a room under another name.",
        "She has been moved to a safe property in Redditch.",
        "Only two of us covering the whole of Dudley tonight.",
        "We won't have any officers covering Tipton from 3rd to 10th May.",
        "Live from the van, sat outside the address on Park Road waiting for him.",
        "Bait car is parked outside the Co-op on Mill Road now and we're watching it.",
        "Loft full of plants found. We'll be back at the address at 8 tomorrow to clear it.",
        "Bait bike is locked up outside the shop and we're watching it from across the road "
        "till midnight.",
    ],
)
def test_watching_waiting_protected_places_and_planned_raids_fire(text, check):
    assert "operational-security" in check(text, tier="team")


# --- evidential-risk: recovered items in an open case, not generic mentions ------------------


@pytest.mark.parametrize(
    "text",
    [
        # a campaign's running totals
        "So far the week-long initiative has seen 120 knives recovered and 60 people arrested.",
        "To date the unit has made 900 arrests and seized 80 weapons.",
        # nothing recovered, items not found
        "The men in the video were not arrested; one was searched and nothing was found.",
        "We were called to reports of a fight with knives. Officers found a group and arrested "
        "two for affray.",
        # footage released for an appeal, clothing in a picture
        "We're issuing CCTV after cars were damaged. We want to speak to the two people "
        "pictured as part of our enquiries.",
        # a case already ended
        "These three are in jail today after we found a bat and masks in their car.",
    ],
)
def test_generic_mentions_are_not_evidential_risk(text, check):
    assert "evidential-risk" not in check(text, tier="team")


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Is this your jewellery? We found it in a garage in Bloxwich - one man is on bail.", None),
        ("A man was arrested and two handguns seized during a search of a flat.", "handguns"),
        ("We've seized CCTV from four shops as part of the investigation.", "CCTV"),
        (
            "Six phones in the photo are stolen. They were found in a car boot; the driver is in "
            "custody.",
            None,
        ),
        ("Stop search on the high street = £900 cash and 20 wraps. He's in custody.", None),
        (
            "So far the team have found £20,000 in cash at the house. Two men are in custody.",
            "cash",
        ),
    ],
)
def test_recovered_items_in_an_open_case_are_evidential_risk(text, excerpt, check):
    found = check(text, tier="team")["evidential-risk"]
    if excerpt:
        assert found[0].excerpt == excerpt


# --- appeals and disclosure-log ---------------------------------------------------------------

WANTED = "Police are looking for Lee Marsh, 34, who is wanted in connection with a burglary."


def test_a_wanted_appeal_from_a_team_account_is_blocked(check):
    assert check(WANTED, tier="team")["appeal-account"][0].severity.label == "block"


@pytest.mark.parametrize(
    "added",
    [
        " A man was arrested yesterday.",
        " Two other men have already been arrested and charged.",
        " A woman, 25, is in custody.",
    ],
)
def test_an_arrest_of_someone_else_does_not_undo_the_appeal(added, check):
    found = check(WANTED + added, tier="team")
    assert found["appeal-account"][0].severity.label == "block"


@pytest.mark.parametrize(
    "text",
    [
        "UPDATE: Lee Marsh, who was wanted in connection with a burglary, has been arrested.",
        "Wanted man Lee Marsh has now been arrested. Thank you for sharing.",
    ],
)
def test_the_wanted_persons_own_arrest_ends_the_appeal(text, check):
    assert "appeal-account" not in check(text, tier="team")


def test_can_you_name_these_is_an_identify_appeal(check):
    found = check("Can you name these two? They were seen taking bikes in Walsall.", tier="team")
    assert found["appeal-account"][0].excerpt == "Can you name these"


@pytest.mark.parametrize(
    "text",
    [
        "Did you know most missing people are found within 48 hours?",
        "Thanks to all who came to our missing persons awareness talk.",
        "Advice on what to do: example.org/missing",
    ],
)
def test_missing_people_in_general_are_not_a_missing_appeal(text, check):
    assert "appeal-account" not in check(text, tier="team")


@pytest.mark.parametrize(
    "text",
    [
        "Police numbers in the region have risen by 300 this year.",
        "We need more police numbers on our streets, not fewer.",
    ],
)
def test_police_numbers_are_not_a_log_reference(text, check):
    assert "disclosure-log" not in check(text, tier="team")


def test_a_crime_reference_still_makes_a_post_disclosable(check):
    found = check("Please quote crime number 20/123456/21 when you call.", tier="team")
    assert "disclosure-log" in found


def test_a_casualty_bureau_is_a_major_incident_message(check):
    found = check("Worried about someone at the stadium? Call the casualty bureau.", tier="team")
    assert found["appeal-account"][0].excerpt == "casualty bureau"
    assert "disclosure-log" in found


@pytest.mark.parametrize(
    "text",
    [
        "Shed break-ins are rising across Sedgley: lock up and mark your tools. Free kits at "
        "the station on Saturday, 10am.",
        "Bikes are being taken from gardens across Halesowen. Register yours today.",
        "Our team met the local councillor today to talk about protecting people from scams.",
    ],
)
def test_trends_and_talks_about_a_kind_of_crime_are_not_a_case(text, check):
    assert "disclosure-log" not in check(text, tier="team")

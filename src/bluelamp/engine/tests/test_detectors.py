"""The shared detectors, on the cases the contract singles out."""

from __future__ import annotations

import pytest

from bluelamp.engine.rules.detectors.contacts import find_emails, find_phones
from bluelamp.engine.rules.detectors.identifiers import find_identifiers
from bluelamp.engine.rules.detectors.links import find_links
from bluelamp.engine.rules.detectors.people import find_ages, find_names
from bluelamp.engine.rules.detectors.places import PLACES
from bluelamp.engine.rules.detectors.text import word_set


@pytest.mark.parametrize(
    ("text", "web", "flickr", "short"),
    [
        ("see west-midlands.police.uk/news/x", True, False, False),
        ("https://www.west-midlands.police.uk/appeals", True, False, False),
        ("WEST-MIDLANDS.POLICE.UK/news", True, False, False),
        ("flickr.com/photos/westmidlandspolice/5123", False, True, False),
        ("https://www.flickr.com/photos/WestMidlandsPolice/5123", False, True, False),
        ("flickr.com/photos/someoneelse/5123", False, False, False),
        ("flic.kr/p/abc123", False, False, True),
        ("bit.ly/3Wmp9xQ", False, False, True),
        ("west-midlands-police.uk/news", False, False, False),
        ("west-midlands.police.uk.example.com/news", False, False, False),
        ("facebook.com/westmidlandspolice", False, False, False),
    ],
)
def test_link_classification(text, web, flickr, short, pack):
    links = find_links(text, pack.web_domains, pack.flickr_paths)
    assert len(links) == 1
    assert (links[0].force_web, links[0].force_flickr, links[0].short) == (web, flickr, short)


def test_emails_are_not_links_and_force_mail_is_allowed(pack):
    text = "Email coventry.npu@west-midlands.pnn.police.uk or pam61@example.com today"
    assert find_links(text, pack.web_domains, pack.flickr_paths) == []
    found = find_emails(text, pack.mail_domains + pack.web_domains)
    assert [e.value for e in found] == ["pam61@example.com"]


def test_a_sentence_without_a_space_after_the_full_stop_is_not_a_link(pack):
    assert find_links("He was arrested.He is in custody", pack.web_domains, ()) == []


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("call 07700 900123 now", ["mobile"]),
        ("ring +44 7700 900123", ["mobile"]),
        ("(0121) 496 0123", ["landline"]),
        ("0121-496-0123", ["landline"]),
        ("call 101 or 999, or 112, or text 18000", []),
        ("Crimestoppers on 0800 555 111", []),
        ("Childline 0800 1111 or the council on 0300 555 2345", []),
        ("log 245 of 4 March, crime ref 20/123456/21", []),
        ("text 7726 to report spam", []),
        ("£12,000 in cash and 2kg", []),
        ("call him on +33 6 12 34 56 78", ["international"]),
    ],
)
def test_phone_numbers(text, kinds, pack):
    assert [c.kind for c in find_phones(text, pack.public_digits)] == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Burglary at 27 Grange Road, Erdington", ["address"]),
        ("Flat 3, Tower Court", ["flat"]),
        ("on Soho Road, Handsworth", []),
        ("three cars on Hamstead Road, B21, overnight", []),
        ("she lives at B21 9QT", ["postcode"]),
        ("Lloyd House, Colmore Circus, B4 6NQ police HQ", []),
        ("date of birth 12/04/1979", ["dob"]),
        ("born 14 February 1925", ["dob"]),
        ("DOB: 3rd May 1990", ["dob"]),
        ("his NI number is QQ 12 34 56 C", ["nino"]),
        ("NHS number 943 476 5919", ["nhs"]),
        ("card 4111 1111 1111 1111 used", ["card"]),
        ("card 4111 1111 1111 1112 used", ["card"]),  # grouped like a card: a card
        ("ref 4111111111111112 used", []),  # sixteen digits that fail the Luhn check
        ("Rose Cottage, Mill Lane", ["address"]),
        ("M6 near J6 at 10pm on 12 May", []),
    ],
)
def test_identifiers(text, kinds, pack):
    assert [i.kind for i in find_identifiers(text, word_set(text), has_digit=True)] == kinds


def test_names_skip_places_and_streets():
    text = "Kayla Brown was seen in Kings Heath and on Shirley Park Road near Sutton Coldfield."
    assert [n.text for n in find_names(text, PLACES)] == ["Kayla Brown"]


def test_names_know_officers_and_politicians():
    text = "PC Jo Carter met Cllr Peter Nash and Darren Moss."
    roles = {n.text: n.role for n in find_names(text, PLACES)}
    assert roles == {"Jo Carter": "officer", "Peter Nash": "politician", "Darren Moss": "private"}


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("a 15-year-old boy", [15]),
        ("fifteen-year-old girl", [15]),
        ("Jayden Clarke, 15, of Bloxwich", [15]),
        ("aged 78", [78]),
        ("Keith (42) was", [42]),
        ("at 10pm on 12 May", []),
    ],
)
def test_ages(text, years):
    assert [a.years for a in find_ages(text)] == years

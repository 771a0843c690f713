"""personal-data (4.12): whose details they are decides. A charity's mailbox named with the
charity, a police dog's or the force's own birthday are no private person's; a person's own
details still are. Invented sentences."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Feeling low? Mindline Trust listens day and night: write to talk@mindlinetrust.org.",
        "Happy 5th birthday to PD Bruno, born 2nd June 2020 – best nose on the unit 🐕",
        "Staffordshire Police was born on 1 April 1968 – happy birthday to us!",
    ],
)
def test_not_a_private_persons_details(text, check):
    assert "personal-data" not in check(text, tier="team")


@pytest.mark.parametrize(
    "text",
    [
        "Email Dave Jones directly on dave@jonesfamily.co.uk about the lost bike.",
        "Handed in: a wallet with a letter showing your NI number (QQ 12 34 56 C). Ring us!",
        "Congratulations to PC Amy Hart, born 3rd May 1990, on 10 years' service.",
        "Jones Plumbing was burgled; the owner, Gary, is on garyjones@gmail.com.",
    ],
)
def test_a_persons_own_details_still_are(text, check):
    assert "personal-data" in check(text, tier="team")


def test_an_officers_mobile_written_with_the_trunk_zero(check):
    text = "If you saw the crash please call DC Ravi Shah on +44 (0)7700 900561."
    assert "personal-data" in check(text, tier="team")
    # The force's own switchboard in the same form is published for the public.
    assert "personal-data" not in check("Call us on +44 (0)345 113 5000.", tier="team")


def test_a_national_insurance_number_said_to_be_one(check):
    text = "HR need your National Insurance number. I have it down as QQ 12 34 56 C, right?"
    assert "personal-data" in check(text, kind="direct-message", tier="individual")
    # The same letters and digits with no word of National Insurance are a reference.
    assert "personal-data" not in check("Our ref QQ 12 34 56 C, thanks.", tier="team")

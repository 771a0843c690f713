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

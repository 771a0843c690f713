"""protective-marking (4.9): a marking quoted as what is on a document ("the print-out was marked
RESTRICTED") counts, as the contract says; the same word as ordinary English does not. Invented
sentences."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Nearly shared a screenshot with the SECRET header still showing. Deleted!",
        "Clearing out the loft: my old notebook has RESTRICTED stamped on the cover.",
        "Sorry, the photo showed a PROTECT-marked briefing sheet. It's gone now.",
        "Ignore the CONFIDENTIAL sticker on the folder in the background of this pic.",
        "The new printer keeps stamping everything RESTRICTED, even the tea rota.",
    ],
)
def test_a_marking_quoted_from_a_document(text, check):
    assert "protective-marking" in check(text, tier="individual")


@pytest.mark.parametrize(
    "text",
    [
        "The SECRET ingredient in our Christmas safety campaign? You.",
        "RESTRICTED parking on Vicarage Road during the match: please don't block drives.",
        "Here to PROTECT our communities, every single day.",
        "Our stamp collection stall at the open day was a hit.",
    ],
)
def test_the_same_words_as_ordinary_english(text, check):
    assert "protective-marking" not in check(text, tier="individual")

"""The post as it will look on its platform: counted as the platform counts it, folded where the
platform folds it, links as the platform shows them, and no link card."""

from __future__ import annotations

from bluelamp.publishing.preview import platform_preview

LINK = "https://www.westmidlands.police.uk/news/a-very-long-address-for-the-appeal-page"


def test_x_counts_a_link_as_23_and_shows_it_shortened():
    preview = platform_preview(f"Help us find Sam. {LINK}", "x")
    assert preview.length_words == "41 of 280 weighted characters"
    assert "westmidlands.police.uk…" in preview.shown and "https://" not in preview.shown
    assert "No link preview card: Bluelamp sends the words and images only." in preview.notes
    assert preview.folded == ""


def test_x_says_it_will_refuse_a_post_over_its_limit():
    preview = platform_preview("a" * 10_000, "x")
    assert preview.over and "X will refuse it" in preview.length_words


def test_facebook_folds_a_long_post_behind_see_more_between_words():
    text = ("Word " * 150).strip()
    preview = platform_preview(text, "facebook")
    assert preview.more_label == "See more"
    assert len(preview.shown) <= 480 and not preview.shown.endswith(" ")
    assert (preview.shown + " " + preview.folded) == text


def test_instagram_folds_after_125_and_says_links_cannot_be_followed():
    text = "Our open day was a great success, thank you to everyone who came along. " * 3 + LINK
    preview = platform_preview(text, "instagram", images=1)
    assert preview.more_label == "more" and len(preview.shown) <= 125
    assert any("cannot be followed" in note for note in preview.notes)
    assert any("With 1 image" in note for note in preview.notes)


def test_a_short_post_is_shown_whole():
    preview = platform_preview("Short and sweet.", "facebook")
    assert preview.shown == "Short and sweet." and preview.folded == "" and preview.more_label == ""


def test_an_unknown_platform_has_no_preview():
    assert platform_preview("Hello", "tiktok") is None

"""force-link (4.14): news or an appeal links back to the force website, whatever the kind of
post: the contract makes no exception for replies or direct messages."""

import pytest

INCIDENT = "A man was arrested on Soho Road last night after a burglary at a shop."


@pytest.mark.parametrize("kind", ["post", "reply", "live", "direct-message"])
def test_news_without_a_link_is_asked_for_one(kind, check):
    found = check(INCIDENT, kind=kind, tier="npu")
    assert "force-link" in found
    assert "disclosure-log" in found


def test_a_link_to_the_force_website_satisfies_it(check):
    text = INCIDENT + " https://www.west-midlands.police.uk/news/soho-road"
    assert "force-link" not in check(text, kind="post", tier="npu")

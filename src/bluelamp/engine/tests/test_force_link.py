"""force-link (4.14): what the force publishes about an incident links back to its website; a
private conversation is not asked for a link."""

import pytest

INCIDENT = "A man was arrested on Soho Road last night after a burglary at a shop."


@pytest.mark.parametrize("kind", ["post", "reply", "live"])
def test_published_news_without_a_link_is_asked_for_one(kind, check):
    assert "force-link" in check(INCIDENT, kind=kind, tier="npu")


def test_a_direct_message_is_not_asked_for_a_link(check):
    found = check(INCIDENT, kind="direct-message", tier="npu")
    assert "force-link" not in found
    # Still about an incident: the disclosure log is kept whatever the kind.
    assert "disclosure-log" in found


def test_a_link_to_the_force_website_satisfies_it(check):
    text = INCIDENT + " https://www.west-midlands.police.uk/news/soho-road"
    assert "force-link" not in check(text, kind="post", tier="npu")

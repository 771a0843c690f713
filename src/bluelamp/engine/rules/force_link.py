"""4.14: news and appeals link back to the force website."""

from __future__ import annotations

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.disclosure_log import incident_span


@register
class ForceLink(Rule):
    id = "force-link"
    clause = "4.14"
    severity = Severity.ADVISE
    title = "Link news back to the force website"
    explanation = (
        "CC/01 4.14: where possible, news and appeals link back to the force website for context "
        "and to bring people to it. The force Flickr, short links and the force's pages on other "
        "platforms are not the website."
    )

    def check(self, post, pack):
        # The incident is already worked out (disclosure-log); the links, only for its posts.
        if incident_span(post) is None or post.has_force_web_link:
            return []
        return [
            self.finding(
                post,
                f"News or an appeal with no link to the force website: add a link to the story "
                f"on {pack.web_domains[0]}.",
            )
        ]

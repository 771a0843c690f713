"""4.11: appeals for missing or wanted people link to the force website or Flickr."""

from __future__ import annotations

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register


@register
class AppealLink(Rule):
    id = "appeal-link"
    clause = "4.11"
    severity = Severity.BLOCK
    title = "Appeals link to the force website or Flickr"
    explanation = (
        "CC/01 4.11: an appeal for a missing or wanted person links to its page on the force "
        "website or the force Flickr, so the images can be taken down promptly once the person "
        "is found. Short links cannot be checked and do not count, nor do the force's pages on "
        'social platforms, news sites or "link in bio".'
    )

    def check(self, post, pack):
        appeal = post.appeal
        if appeal is None or appeal.kind == "major-incident" or post.has_force_appeal_link:
            return []
        short = any(link.short for link in post.links)
        hint = " A short link does not count: use the full address." if short else ""
        return [
            self.finding(
                post,
                f"This {appeal.kind}-person appeal has no link to the force website or the force "
                f"Flickr. Link to the appeal's page on {pack.web_domains[0]} so it can be taken "
                f"down when the person is found.{hint}",
                (appeal.start, appeal.end),
            )
        ]

"""4.20: live broadcasts only with Corporate Communications' prior agreement."""

from __future__ import annotations

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register


@register
class LiveBroadcast(Rule):
    id = "live-broadcast"
    clause = "4.20"
    severity = Severity.REVIEW
    title = "Live broadcasts need CCD's agreement"
    explanation = (
        "CC/01 4.20: live video (Facebook Live, Periscope and the like) is used only with the "
        "prior agreement of Corporate Communications. A live post passes once that agreement is "
        "recorded (the live-broadcast authorisation)."
    )

    def check(self, post, pack):
        if post.post.kind != "live" or self.id in post.post.authorisations:
            return []
        return [
            self.finding(
                post,
                "A live broadcast needs Corporate Communications' agreement first: send it for "
                "CCD review.",
            )
        ]

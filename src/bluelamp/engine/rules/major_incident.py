"""4.16: during a major incident nothing goes out without Corporate Communications' authority."""

from __future__ import annotations

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register


@register
class MajorIncident(Rule):
    id = "major-incident"
    clause = "4.16"
    severity = Severity.BLOCK
    title = "Messaging locked during a major incident"
    explanation = (
        "CC/01 4.16: when a major incident or emergency is declared, follow the force's official "
        "channels and issue no message to the public without Corporate Communications' prior "
        "authority — routine posts included. A post passes once that authority is recorded (the "
        "major-incident authorisation)."
    )

    def check(self, post, pack):
        if not post.post.major_incident or self.id in post.post.authorisations:
            return []
        return [
            self.finding(
                post,
                "A major incident is declared: no message goes out without Corporate "
                "Communications' authority. Hold this post or ask CCD to authorise it.",
            )
        ]

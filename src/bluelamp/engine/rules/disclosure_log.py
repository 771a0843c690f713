"""4.24: posts about an incident or investigation are recorded for disclosure."""

from __future__ import annotations

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register


def incident_span(post) -> tuple[int, int] | None:
    """Where the post shows it concerns a particular incident, investigation or appeal."""
    if post.incident:
        return post.incident
    if post.appeal is not None:
        return (post.appeal.start, post.appeal.end)
    return None


@register
class DisclosureLog(Rule):
    id = "disclosure-log"
    clause = "4.24"
    severity = Severity.RECORD
    law = "Criminal Procedure and Investigations Act 1996"
    title = "Record the post on the incident log"
    explanation = (
        "CC/01 4.24 (CPIA 1996): a post about a specific incident or investigation — an arrest, "
        'charge, court result, appeal, "found safe" update, warrant, or an incident at a place '
        "and time — may have to be disclosed. The author records it on the incident log, or "
        "tells the officer in the case if there is no open log. General advice, events, "
        "recruitment, statistics and lost or found property are not recorded."
    )

    def check(self, post, pack):
        span = incident_span(post)
        if span is None:
            return []
        return [
            self.finding(
                post,
                "This post concerns a specific incident or investigation: record it on the "
                "incident log or crime report (or tell the officer in the case if there is no "
                "open log), and give the reference with the post.",
                span,
            )
        ]

"""4.8, 4.11: appeals for missing or wanted people and major-incident messages come only from
the main accounts."""

from __future__ import annotations

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register

_WHAT = {
    "missing": "an appeal for a missing person",
    "wanted": "an appeal for a wanted person",
    "major-incident": "a message about a major incident",
}


@register
class AppealAccount(Rule):
    id = "appeal-account"
    clause = "4.8"
    severity = Severity.BLOCK
    severity_note = "block; review from npu"
    title = "Appeals only from the main accounts"
    explanation = (
        "CC/01 4.8 and 4.11: messages about major incidents and missing or wanted people are "
        "posted only from the force's main accounts (they may be shared from any account). An "
        "NPU account may post one only with Corporate Communications' agreement and a "
        "communication strategy (review); department, team, individual and personal accounts may "
        "not (block)."
    )

    def check(self, post, pack):
        appeal = post.appeal
        tier = post.post.tier
        if appeal is None or tier == "force":
            return []
        what = _WHAT[appeal.kind]
        if tier == "npu":
            return [
                self.finding(
                    post,
                    f"This is {what}. From an NPU account it needs Corporate Communications' "
                    "agreement and a communication strategy: send it for CCD review, or share the "
                    "force account's post instead.",
                    (appeal.start, appeal.end),
                    severity=Severity.REVIEW,
                )
            ]
        return [
            self.finding(
                post,
                f"This is {what}, which only the force's main accounts may post. Share the force "
                "account's post instead, or ask Corporate Communications to post it.",
                (appeal.start, appeal.end),
            )
        ]

"""5.10, 6.6: no political opinion or allegiance."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.politics import (
    CRITIC_RE,
    GOVERNMENT_RE,
    POLICY_OF_RE,
    PRAISE_RE,
    for_pack,
)


def political_targets(post, lex, start: int, end: int) -> list[re.Match]:
    found = []
    for rx in (
        lex.parties,
        lex.politicians,
        lex.offices,
        lex.offices_upper,
        lex.policies,
        GOVERNMENT_RE,
        POLICY_OF_RE,
    ):
        if rx is not None:
            found.extend(post.finditer(rx, start, end))
    return found


@register
class PoliticalOpinion(Rule):
    id = "political-opinion"
    clause = "5.10"
    severity = Severity.BLOCK
    title = "Political opinion or allegiance"
    explanation = (
        "CC/01 5.10 and 6.6: officers and staff do not express political opinion, on force "
        "accounts or controversially on their own: no support for or criticism of a party, a "
        "politician or government policy, no voting advice, no partisan slogans. A neutral, "
        'factual mention of an office holder ("the Police and Crime Commissioner visited the '
        'team") is fine.'
    )

    def check(self, post, pack):
        lex = for_pack(pack)
        text = post.text
        spans: list[tuple[int, int, str]] = []
        for rx, what in (
            (lex.vote_for, "voting advice"),
            (lex.slogans, "a partisan slogan"),
        ):
            if rx is not None:
                spans.extend((m.start(), m.end(), what) for m in post.finditer(rx))
        for m in post.finditer(lex.hashtag):
            spans.append((m.start(), m.end(), "a partisan hashtag"))
        for s_start, s_end in post.sentences:
            targets = political_targets(post, lex, s_start, s_end)
            if not targets:
                continue
            # Criticism of any political target is opinion; praise only of a party or of a
            # politician's policy ("thanks to the PCC for the brilliant event" is courtesy).
            stance = post.search(CRITIC_RE, s_start, s_end)
            if not stance and (
                post.search(lex.parties, s_start, s_end)
                or post.search(POLICY_OF_RE, s_start, s_end)
            ):
                stance = post.search(PRAISE_RE, s_start, s_end)
            if stance:
                t = targets[0]
                spans.append(
                    (min(t.start(), stance.start()), max(t.end(), stance.end()), "an opinion")
                )
        findings = []
        seen: list[tuple[int, int]] = []
        for s, e, what in sorted(spans):
            if any(s < pe and e > ps for ps, pe in seen):
                continue
            seen.append((s, e))
            findings.append(
                self.finding(
                    post,
                    f"This is {what} about politics (“{text[s:e]}”). Officers and staff keep "
                    "political opinion off social media: remove it.",
                    (s, e),
                )
            )
        return findings

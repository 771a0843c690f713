"""5.10, 6.6: no political opinion or allegiance."""

from __future__ import annotations

import re

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, first_of_overlapping, register
from bluelamp.engine.rules.detectors.politics import (
    ALLEGIANCE_RE,
    CRITIC_RE,
    GOVERNMENT_RE,
    POLICY_OF_RE,
    PRAISE_RE,
    STRONG_PRAISE_RE,
    for_pack,
)


def political_targets(post, lex, start: int, end: int) -> list[re.Match]:
    """Parties, politicians, offices, contested policies and the government in [start, end)."""
    return [m for m in _all_targets(post, lex) if start <= m.start() < end]


def _all_targets(post, lex) -> list[re.Match]:
    def compute(post):
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
                found.extend(post.finditer(rx))
        return found

    return post.memo("political-targets", compute)


def _stance(post, lex, start: int, end: int, window_end: int):
    """Criticism of any political target is opinion; so is strong praise of a politician; plain
    praise only of a party or of a politician's policy ("thanks to the PCC for the brilliant
    event" is courtesy)."""
    stance = post.search(CRITIC_RE, start, window_end) or post.search(
        STRONG_PRAISE_RE, start, window_end
    )
    if not stance and (
        post.search(lex.parties, start, end) or post.search(POLICY_OF_RE, start, end)
    ):
        stance = post.search(PRAISE_RE, start, window_end)
    return stance


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
            (ALLEGIANCE_RE, "voting advice or allegiance"),
            (lex.slogans, "a partisan slogan"),
            (lex.framing, "partisan framing"),
            (lex.hashtag, "a partisan hashtag"),
        ):
            if rx is not None:
                for m in post.finditer(rx):  # nearly always none: no generator to set up
                    spans.append((m.start(), m.end(), what))
        if post.search(CRITIC_RE) or post.search(PRAISE_RE) or post.search(STRONG_PRAISE_RE):
            sentences = post.sentences
            for i, (s_start, s_end) in enumerate(sentences):
                targets = political_targets(post, lex, s_start, s_end)
                if not targets:
                    continue
                # The stance may follow in the next sentence ("…cameras are a cash cow.
                # Shameful.").
                w_end = sentences[i + 1][1] if i + 1 < len(sentences) else s_end
                stance = _stance(post, lex, s_start, s_end, w_end)
                if stance:
                    t = targets[0]
                    spans.append(
                        (min(t.start(), stance.start()), max(t.end(), stance.end()), "an opinion")
                    )
        findings = []
        for s, e, what in first_of_overlapping(spans):
            findings.append(
                self.finding(
                    post,
                    f"This is {what} about politics (“{text[s:e]}”). Officers and staff keep "
                    "political opinion off social media: remove it.",
                    (s, e),
                )
            )
        return findings

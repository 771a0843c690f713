"""6.12: during an election period, anything naming parties, candidates or politicians is
reviewed before it goes out."""

from __future__ import annotations

from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register
from bluelamp.engine.rules.detectors.politics import CANDIDATE_RE, finditer, for_pack
from bluelamp.engine.rules.political_opinion import political_targets


@register
class ElectionPeriod(Rule):
    id = "election-period"
    clause = "6.12"
    severity = Severity.REVIEW
    title = "Election period: political names need review"
    explanation = (
        "CC/01 6.12: during an election period, take care that nothing could look like political "
        "allegiance. While the period is in force, a post naming a party, a candidate, an elected "
        "politician or office holder (the Police and Crime Commissioner, an MP, a councillor, "
        "the Prime Minister) or a contested policy is reviewed before publishing."
    )

    def check(self, post, pack):
        if not post.post.election_period:
            return []
        lex = for_pack(pack)
        text = post.text
        # Parties, candidates, elected politicians and offices, contested policies (and voting
        # advice, slogans, partisan hashtags): not the government's institutions on their own
        # ("Home Office figures", "government guidance" name no politician).
        hits = political_targets(post, lex, 0, len(text), institutions=False)
        hits += list(post.finditer(CANDIDATE_RE))
        for rx in (lex.vote_for, lex.slogans, lex.campaigning):
            if rx is not None:
                hits += list(finditer(post, rx))
        if not hits:
            return []
        first = min(hits, key=lambda m: m.start())
        return [
            self.finding(
                post,
                f"An election period is in force and the post names “{post.text[first.start() : first.end()]}”. Send it "
                "for review so that it cannot be read as political allegiance.",
                first.span(),
            )
        ]

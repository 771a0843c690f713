"""Platform limits: a post the platform would refuse for its length is stopped before it is sent.

Not in the contract's table: Bluelamp's own rule, run only when the post names its platform
(``account.platform``); CC/01 has no clause on platform terms, so it serves 4.1 (what goes out is
accurate: the post approved is the post published, not one the platform cut or refused)."""

from __future__ import annotations

from bluelamp.engine import platform_limits
from bluelamp.engine.model import Severity
from bluelamp.engine.rules.base import Rule, register

_NAMES = {"x": "X", "instagram": "Instagram", "facebook": "Facebook"}


@register
class PlatformLength(Rule):
    id = "platform-length"
    clause = "4.1"
    severity = Severity.BLOCK
    title = "Within the platform's length limit"
    explanation = (
        "CC/01 4.1: output must be accurate, so what is approved must be what is published. "
        "Each platform refuses a post over its limit, counted its own way: X 280 weighted "
        "characters (a link counts 23, an emoji or a Chinese, Japanese or Korean character 2), "
        "Instagram 2,200 characters and 30 hashtags, Facebook 63,206 characters. Checked when "
        "the post's platform is known."
    )

    def check(self, post, pack):
        platform = post.post.platform
        text = post.text
        if platform not in _NAMES or platform_limits.certainly_within(text, platform):
            return []
        length = platform_limits.measure(text, platform)
        name = _NAMES[platform]
        findings = []
        if length.over:
            if length.count is None:
                said = f"far more than {length.limit:,} {length.unit}"
            else:
                said = (
                    f"{length.count:,} {length.unit}, {length.count - length.limit:,} over "
                    f"{name}'s limit of {length.limit:,}"
                )
            findings.append(
                self.finding(post, f"The post is {said}: {name} would refuse it. Shorten it.")
            )
        if length.too_many_hashtags:
            findings.append(
                self.finding(
                    post,
                    f"The post has {length.hashtags} hashtags; {name} allows at most "
                    f"{length.hashtag_limit}. Remove {length.hashtags - length.hashtag_limit}.",
                )
            )
        return findings

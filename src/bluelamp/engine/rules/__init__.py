"""The content rules of CC/01: one rule per module, registered in catalogue order.

``check_post(post, pack)`` runs every rule on one post and returns its report.
"""

from __future__ import annotations

import importlib

from bluelamp.engine.rules.base import Rule, registry

# Catalogue order: the order of the table in spec/rules.md. A rule module registers itself.
RULE_MODULES = (
    "protective_marking",
    "personal_data",
    "child_identification",
    "sexual_offence_victim",
    "contempt_risk",
    "named_before_charge",
    "operational_security",
    "appeal_account",
    "appeal_link",
    "political_opinion",
    "election_period",
    "offensive_language",
    "evidential_risk",
    "jigsaw_identification",
    "disclosure_log",
    "force_link",
    "live_broadcast",
    "major_incident",
    "media_location",
    "media_faces",
    # Bluelamp's own rules, after the contract's.
    "platform_length",
)

for _name in RULE_MODULES:
    importlib.import_module(f"{__name__}.{_name}")

from bluelamp.engine.rules.check import check_post  # noqa: E402


def prepare(pack) -> bool:
    """Build now what checking a pack's first posts builds on the way: the pack's word lists
    as gated patterns, then one Hyperscan prefilter over every gated pattern (from its cache
    when the same patterns were built before), for a process about to check many posts (a
    worker of a bulk check). Without this the word lists register one by one as posts need
    them, and each set makes a prefilter of its own until they are merged. Whether Hyperscan
    is in use; nothing here changes a report."""
    from bluelamp.engine.model import Post
    from bluelamp.engine.rules.detectors import offensive, politics
    from bluelamp.engine.rules.detectors.gate import GATE
    from bluelamp.engine.rules.offensive_language import _pack_lexicon

    politics.for_pack(pack)
    _pack_lexicon(pack)
    offensive.insult_pattern()
    check_post(Post(text="-", tier="force"), pack)  # whatever else a first post registers
    return GATE.prepare()


__all__ = ["Rule", "check_post", "prepare", "registry"]

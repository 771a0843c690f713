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

__all__ = ["Rule", "check_post", "registry"]

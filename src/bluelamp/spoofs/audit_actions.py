"""The audit actions the review of spoof and unofficial accounts records (CC/01 6.11)."""

from bluelamp.audit.registry import register_action

register_action("spoof.added", "Possible spoof account added")
register_action("spoof.imported", "Possible spoof accounts imported from a list")
register_action("spoof.marked_spoof", "Account judged a spoof")
register_action("spoof.marked_unofficial", "Account judged unofficial but genuine")
register_action("spoof.marked_harmless", "Account judged harmless")
register_action("spoof.takedown_requested", "Takedown requested from the platform")
register_action("spoof.outcome_recorded", "Outcome of a spoof or unofficial account recorded")
register_action("spoof.reopened", "Spoof candidate reopened")
register_action("spoof.searched", "X searched for spoof accounts")

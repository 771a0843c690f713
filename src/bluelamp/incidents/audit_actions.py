"""The audit actions crisis controls record (CC/01 4.16, 6.12)."""

from bluelamp.audit.registry import register_action

register_action("incident.major_declared", "Major incident declared")
register_action("incident.major_ended", "Major incident ended")
register_action("incident.election_set", "Election period set")
register_action("incident.election_ended", "Election period ended")

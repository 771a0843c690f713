"""The audit actions of policy acknowledgement and training (CC/01 3.4, sections 10-11)."""

from bluelamp.audit.registry import register_action

register_action("policy.acknowledged", "Policy acknowledged")
register_action("training.recorded", "Social media training recorded")
register_action("policy.reminders_sent", "Reminders to acknowledge the policy sent")

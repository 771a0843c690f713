"""The audit actions of conduct cases and staff reports. The events name a case or report by
its reference and say what changed (states, dates, the team); never the reporter's words, the
evidence, the assessment or the outcome's note."""

from bluelamp.audit.registry import register_action

register_action("conduct_case.reported", "Possible breach of the policy reported")
register_action("conduct_case.assessed", "Conduct case assessed by CCD")
register_action("conduct_case.referred", "Conduct case referred to Professional Standards")
register_action("conduct_case.removal_requested", "Member of staff asked to remove content")
register_action("conduct_case.removal_proved", "Proof of removal given")
register_action("conduct_case.escalated", "Removal overdue: conduct case escalated")
register_action("conduct_case.closed", "Conduct case closed")
register_action("conduct_case.deleted", "Conduct case deleted at the end of retention")
register_action("staff_report.made", "Staff report made")
register_action("staff_report.closed", "Staff report closed")
register_action("staff_report.deleted", "Staff report deleted at the end of retention")
register_action("media_alert.raised", "Press office told a post will attract media attention")

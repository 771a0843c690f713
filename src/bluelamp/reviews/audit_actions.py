"""The audit actions of monthly reviews (CC/01 4.1) and appeal cases (4.11)."""

from bluelamp.audit.registry import register_action

register_action("review.opened", "Monthly review of an account's live content opened")
register_action("review.item_decided", "Post in a monthly review kept, corrected or removed")
register_action("review.completed", "Monthly review completed")
register_action("review.escalated", "Monthly review not done in its month: escalated")
register_action("case.created", "Appeal case recorded")
register_action("case.post_linked", "Appeal post linked to its case")
register_action("case.resolved", "Appeal case marked found, charged or withdrawn")
register_action("case.removal_done", "Ended appeal's post removed")
register_action("case.removal_escalated", "Ended appeal's post not removed in time: told CCD")

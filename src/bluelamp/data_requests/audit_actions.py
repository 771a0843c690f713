"""The audit actions removal and correction requests record (CC/01 4.26–4.31).

The events name the request by its number and say what changed; they never carry the
requester's name or contact details."""

from bluelamp.audit.registry import register_action

register_action("removal_request.received", "Removal or correction request recorded")
register_action("removal_request.post_added", "Post linked to a removal request")
register_action("removal_request.regime_set", "Regime of a removal request established")
register_action("removal_request.identity_requested", "Proof of identity asked for")
register_action("removal_request.identity_received", "Proof of identity received")
register_action("removal_request.identity_confirmed", "Identity confirmed without asking")
register_action("removal_request.post_decided", "Decision recorded on a post")
register_action("removal_request.extended", "Statutory deadline extended")
register_action("removal_request.actioning_started", "Removal tasks set for the social media team")
register_action("removal_request.task_completed", "Removal task carried out")
register_action(
    "removal_request.task_completed_from_archive",
    "Removal task recorded as done from the platform's confirmation",
)
register_action("removal_request.responded", "Requester answered")
register_action("removal_request.closed", "Removal request closed")
register_action("removal_request.digest_sent", "Daily digest of removal-request deadlines sent")
register_action(
    "removal_request.requester_deleted", "Requester's details deleted at the end of retention"
)
register_action("removal_request.letter_sent", "Letter sent to the requester")
register_action(
    "removal_request.personal_data_read",
    "Requester's personal data read (the page, the API, a letter or its PDF)",
)

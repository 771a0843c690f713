"""The audit actions posts and publishing record (CC/01 4.4, 4.24, 4.26)."""

from bluelamp.audit.registry import register_action

register_action("post.created", "Post drafted")
register_action("post.edited", "Post text changed by its author")
register_action(
    "post.edited_by_approver", "Post text changed by its approver: a new version for the author"
)
register_action("post.change_accepted", "Approver's change accepted by the post's author")
register_action("post.change_rejected", "Approver's change rejected by the post's author")
register_action("post.image_added", "Image attached (metadata stripped)")
register_action("post.image_blurred", "Faces blurred in an attached image")
register_action("post.image_consent", "Consent recorded for the faces in an image")
register_action("post.image_removed", "Image taken off a post")
register_action("post.record_given", "Disclosure record given for a post (4.24)")
register_action("post.submitted", "Post ready to publish")
register_action("post.sent_for_approval", "Post sent for approval")
register_action("post.approved", "Post approved")
register_action("post.returned", "Post returned to its author")
register_action("post.revised", "Post taken back to draft")
register_action("post.scheduled", "Post scheduled")
register_action("post.unscheduled", "Post taken off the schedule")
register_action("post.held", "Post held")
register_action("post.released", "Held post released by Corporate Communications")
register_action(
    "post.rechecked", "Post checked again when a major incident was declared or ended (4.16)"
)
register_action("post.publish_started", "Publishing started")
register_action("post.published", "Post published: the platform confirmed it")
register_action("post.publish_failed", "Publishing failed")
register_action("post.publish_refused", "Not published: not the version that was approved")
register_action("post.removed", "Post removed from the platform")
register_action("post.corrected", "Published post's words corrected")
register_action("post.correction_failed", "Correcting a published post on the platform failed")
register_action("post.removal_failed", "Removing a post from the platform failed")
register_action("post.withdrawn", "Post withdrawn before publication")
register_action("post.imported", "Published post imported into the archive")
register_action("archive.imported", "Posts imported into the archive (counts)")
register_action("post.disclosure_exported", "Disclosure schedule downloaded (CPIA 1996)")
register_action("connection.saved", "Publishing connection (access token) saved")
register_action("connection.failed", "Publishing connection failed")
register_action("connection.owner_notified", "Account owner told the publishing connection failed")
register_action("connection.expiry_warned", "Account owner told the publishing token expires soon")
register_action(
    "connection.revoked",
    "Publishing token revoked on the platform (where it allows) and the stored copy deleted",
)

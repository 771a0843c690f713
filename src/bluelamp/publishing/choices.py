"""The choices of publishing's fields: a post's state (the values are the engine's workflow
states), kind and approver, where a version came from, and the outcomes of approvals, removals, corrections and
connections."""

from __future__ import annotations

from django.db import models

from bluelamp.engine.workflows import posts as flow


class PostState(models.TextChoices):
    DRAFT = flow.DRAFT, "Draft"
    AWAITING_APPROVAL = flow.AWAITING_APPROVAL, "Awaiting approval"
    AWAITING_AUTHOR = flow.AWAITING_AUTHOR, "Changed by the approver: awaiting the author"
    RETURNED = flow.RETURNED, "Returned to author"
    READY = flow.READY, "Ready to publish"
    SCHEDULED = flow.SCHEDULED, "Scheduled"
    HELD = flow.HELD, "Held"
    PUBLISHING = flow.PUBLISHING, "Publishing"
    PUBLISHED = flow.PUBLISHED, "Published"
    FAILED = flow.FAILED, "Publishing failed"
    REMOVED = flow.REMOVED, "Removed"
    WITHDRAWN = flow.WITHDRAWN, "Withdrawn"


STATE_TAG_CLASSES = {
    flow.DRAFT: "govuk-tag--grey",
    flow.AWAITING_APPROVAL: "govuk-tag--yellow",
    flow.AWAITING_AUTHOR: "govuk-tag--yellow",
    flow.RETURNED: "govuk-tag--orange",
    flow.READY: "govuk-tag--blue",
    flow.SCHEDULED: "govuk-tag--light-blue",
    flow.HELD: "govuk-tag--red",
    flow.PUBLISHING: "govuk-tag--purple",
    flow.PUBLISHED: "govuk-tag--green",
    flow.FAILED: "govuk-tag--red",
    flow.REMOVED: "govuk-tag--grey",
    flow.WITHDRAWN: "govuk-tag--grey",
}


class PostKind(models.TextChoices):
    POST = "post", "Post"
    REPLY = "reply", "Reply"
    LIVE = "live", "Live broadcast"


class Approver(models.TextChoices):
    CCD = flow.CCD, "Corporate Communications"
    MANAGER = flow.MANAGER, "Line manager"


class Source(models.TextChoices):
    BLUELAMP = "bluelamp", "Published through Bluelamp"
    IMPORTED = "imported", "Imported from the platform"


class Decision(models.TextChoices):
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"
    EDITED = "edited", "Edited by the approver"


class VersionSource(models.TextChoices):
    """How a version of a post's words and images came to be."""

    SENT = "sent", "Sent on by the author"
    APPROVER = "approver", "Changed by an approver"
    CORRECTED = "corrected", "Corrected after publishing"


class RemovalOutcome(models.TextChoices):
    DELETED = "deleted", "Deleted on the platform"
    ALREADY_GONE = "already_gone", "Already gone from the platform"
    DONE_BY_HAND = "done_by_hand", "Removed in the platform's app by a person"
    FAILED = "failed", "The platform did not delete it"


class CorrectionOutcome(models.TextChoices):
    CORRECTED = "corrected", "Corrected on the platform"
    DONE_BY_HAND = "done_by_hand", "Corrected in the platform's app by a person"
    FAILED = "failed", "The platform did not change it"


class ConnectionStatus(models.TextChoices):
    WORKING = "working", "Working"
    FAILED = "failed", "Failing: the owner has been told"

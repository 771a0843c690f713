"""The fixed lists of removal and correction requests. Status values are the engine's workflow
states (``engine.workflows.data_requests``), so the table the services check and the values
stored are the same."""

from __future__ import annotations

from django.db import models

from bluelamp.engine.workflows import data_requests as flow


class RequestStatus(models.TextChoices):
    """Where the request is in its workflow."""

    RECEIVED = flow.RECEIVED, "Received"
    AWAITING_IDENTITY = flow.AWAITING_IDENTITY, "Awaiting proof of identity"
    CONSIDERING = flow.CONSIDERING, "Being considered"
    ACTIONING = flow.ACTIONING, "With the social media team"
    RESPONDED = flow.RESPONDED, "Responded"
    CLOSED = flow.CLOSED, "Closed"


class Right(models.TextChoices):
    """What the requester asks for (4.27): correction or removal."""

    RECTIFICATION = "rectification", "Rectification (correct it)"
    ERASURE = "erasure", "Erasure (remove it)"


class Regime(models.TextChoices):
    """The data protection regime (spec/deadlines.md): unknown computes both, earlier wins."""

    UKGDPR = "ukgdpr", "UK GDPR"
    PART3 = "part3", "DPA 2018 Part 3 (law enforcement)"
    UNKNOWN = "unknown", "Not known yet"


class ReceivedHow(models.TextChoices):
    """How the request arrived (4.27: in writing or verbally)."""

    WRITTEN = "written", "In writing"
    VERBAL = "verbal", "Verbally (phone or in person)"


class Outcome(models.TextChoices):
    """The decision on one post (4.29, 4.30; CPIA 1996 for restriction)."""

    PENDING = "pending", "Not decided"
    REMOVE = "remove", "Remove"
    AMEND = "amend", "Amend"
    RESTRICT = "restrict", "Restrict (taken down, kept, marked restricted)"
    REFUSE = "refuse", "Refuse"


#: Outcomes that the social media team must carry out.
ACTIONED_OUTCOMES = (Outcome.REMOVE, Outcome.AMEND, Outcome.RESTRICT)


class LetterKind(models.TextChoices):
    """The letters sent to the requester (issue 5 point 4; spec/deadlines.md)."""

    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    IDENTITY = "identity", "Request for proof of identity"
    EXTENSION = "extension", "Extension notice"
    OUTCOME = "outcome", "Outcome"
    REFUSAL = "refusal", "Refusal"

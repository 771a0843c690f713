"""The fixed lists of monthly reviews and appeal cases. A review's states are the engine's
(``engine.workflows.reviews``)."""

from __future__ import annotations

from django.db import models

from bluelamp.engine.workflows import reviews as flow


class ReviewStatus(models.TextChoices):
    OPEN = flow.OPEN, "Open"
    ESCALATED_MANAGER = flow.ESCALATED_MANAGER, "Overdue: with the line manager"
    ESCALATED_CCD = flow.ESCALATED_CCD, "Overdue: with Corporate Communications"
    DONE = flow.DONE, "Done"


class Decision(models.TextChoices):
    KEEP = "keep", "Keep it as it is"
    CORRECT = "correct", "Correct it"
    REMOVE = "remove", "Remove it"


class Reason(models.TextChoices):
    """Why a live post is in a review."""

    APPEAL_RESOLVED = "appeal_resolved", "An appeal whose case has moved on"
    DATE_PASSED = "date_passed", "The date it names has passed"
    NAMES_CHARGED = "names_charged", "It names a person since charged (sub judice)"
    FINDINGS_CHANGED = "findings_changed", "Its findings changed under the current rules"
    LINK_BROKEN = "link_broken", "The force website link in the appeal no longer answers"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open: the appeal stands"
    FOUND = "found", "Found"
    CHARGED = "charged", "Charged"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: The outcomes that end an appeal (4.11): its posts come down.
RESOLVED = (CaseStatus.FOUND, CaseStatus.CHARGED, CaseStatus.WITHDRAWN)

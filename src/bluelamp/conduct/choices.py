"""The fixed lists of conduct cases and staff reports. Case states are the engine's workflow
states (``engine.workflows.conduct_cases``), so the table the services check and the values
stored are the same."""

from __future__ import annotations

from django.db import models

from bluelamp.engine.workflows import conduct_cases as flow


class CaseStatus(models.TextChoices):
    REPORTED = flow.REPORTED, "Reported"
    ASSESSING = flow.ASSESSING, "Being assessed by CCD"
    REFERRED = flow.REFERRED, "Referred to Professional Standards"
    AWAITING_REMOVAL = flow.AWAITING_REMOVAL, "Waiting for the content to be removed"
    REMOVAL_DONE = flow.REMOVAL_DONE, "Content removed"
    REMOVAL_OVERDUE = flow.REMOVAL_OVERDUE, "Removal overdue: escalated"
    CLOSED = flow.CLOSED, "Closed"


class Team(models.TextChoices):
    """Who holds a case: CCD until it is referred, Professional Standards after (4.5)."""

    CCD = "ccd", "Corporate Communications (CCD)"
    PSD = "psd", "Professional Standards (PSD)"


class ContentKind(models.TextChoices):
    """What the report is about."""

    POST = "post", "A post"
    MESSAGE = "message", "A message"
    PROFILE = "profile", "A profile"
    OTHER = "other", "Something else"


class Seriousness(models.TextChoices):
    """CCD's assessment (4.5: serious breaches go to Professional Standards)."""

    NOT_A_BREACH = "not_a_breach", "Not a breach"
    MINOR = "minor", "Minor: CCD deals with it"
    SERIOUS = "serious", "Serious: for Professional Standards"


class Outcome(models.TextChoices):
    """How a case ended."""

    NO_BREACH = "no_breach", "No breach found"
    ADVICE = "advice", "Advice given to the member of staff"
    CONTENT_REMOVED = "content_removed", "Content removed, no further action"
    MANAGEMENT_ACTION = "management_action", "Management action"
    MISCONDUCT = "misconduct", "Misconduct proceedings"
    OTHER = "other", "Other (see the note)"


class ReportKind(models.TextChoices):
    """What a member of staff reports (6.17, 4.17), and so which team receives it."""

    ABUSE = "abuse", "Abuse, harassment or cyberbullying (6.17)"
    JOURNALIST = "journalist", "An approach by a journalist (4.17)"


class ReportStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"

"""The states and kinds of the account-security records. The states are the engine's
(``engine/workflows/account_security.py``); the labels are the pages' words."""

from __future__ import annotations

from django.db import models

from bluelamp.engine.workflows import account_security as flow


class ReportStatus(models.TextChoices):
    OPEN = flow.OPEN, "Open"
    ESCALATED = flow.ESCALATED, "Escalated"
    CLOSED = flow.CLOSED, "Closed"


class ChecklistStatus(models.TextChoices):
    OPEN = flow.OPEN, "Open"
    SECURED = flow.SECURED, "Secured"


class TaskStatus(models.TextChoices):
    OPEN = flow.OPEN, "Open"
    ESCALATED = flow.ESCALATED, "Overdue (escalated)"
    DONE = flow.DONE, "Done"
    CANCELLED = flow.CANCELLED, "Cancelled"


class DeviceKind(models.TextChoices):
    PHONE = "phone", "Phone"
    TABLET = "tablet", "Tablet"
    LAPTOP = "laptop", "Laptop"
    OTHER = "other", "Other device"


class IssuedBy(models.TextChoices):
    FORCE = "force", "Force-issued"
    PERSONAL = "personal", "Personal"


class Circumstances(models.TextChoices):
    LOST = "lost", "Lost"
    STOLEN = "stolen", "Stolen"


class Step(models.TextChoices):
    PASSWORD = flow.STEP_PASSWORD, "Change the password and lodge it in the vault"
    SESSIONS = flow.STEP_SESSIONS, "Sign out every other session"
    TOKENS = flow.STEP_TOKENS, "Revoke the tokens and connected apps"
    TWO_FACTOR = flow.STEP_TWO_FACTOR, "Reset two-factor authentication"
    POSTS = flow.STEP_POSTS, "Look for posts made since the loss"


class Trigger(models.TextChoices):
    PASSWORD_AGE = "password_age", "Password older than the rotation period"
    ROSTER_CHANGE = "roster_change", "Someone removed from the roster"
    LOST_DEVICE = "lost_device", "Lost or stolen device"
    CREDENTIAL_REVEALED = "credential_revealed", "Credential revealed"
    STAFF_CHANGE = "staff_change", "A leaver or mover (staff changes feed)"


class StaffChange(models.TextChoices):
    LEFT = "left", "Left the force"
    MOVED = "moved", "Moved team"


REPORT_STATUS_TAGS = {
    flow.OPEN: "govuk-tag--yellow",
    flow.ESCALATED: "govuk-tag--red",
    flow.CLOSED: "govuk-tag--green",
}
TASK_STATUS_TAGS = {
    flow.OPEN: "govuk-tag--yellow",
    flow.ESCALATED: "govuk-tag--red",
    flow.DONE: "govuk-tag--green",
    flow.CANCELLED: "govuk-tag--grey",
}

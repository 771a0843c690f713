"""The kinds of crisis period (CC/01 4.16 major incidents, 6.12 election periods)."""

from django.db import models


class CrisisKind(models.TextChoices):
    """What a crisis period is: a declared major incident or a pre-election period."""

    MAJOR_INCIDENT = "major_incident", "Major incident"
    ELECTION_PERIOD = "election_period", "Election period"


class CrisisState(models.TextChoices):
    """Where a period stands at a given time (computed, never stored)."""

    SCHEDULED = "scheduled", "Scheduled"
    ACTIVE = "active", "In force"
    ENDED = "ended", "Ended"

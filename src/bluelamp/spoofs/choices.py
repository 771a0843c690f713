"""The fixed lists of spoof candidates. States are the engine's (``engine.workflows.spoofs``)."""

from __future__ import annotations

from django.db import models

from bluelamp.engine.workflows import spoofs as flow


class CandidateStatus(models.TextChoices):
    NEW = flow.NEW, "Waiting for review"
    SPOOF = flow.SPOOF, "Spoof: takedown to request"
    TAKEDOWN_REQUESTED = flow.TAKEDOWN_REQUESTED, "Takedown requested"
    UNOFFICIAL = flow.UNOFFICIAL, "Unofficial but genuine: bring under the registry"
    HARMLESS = flow.HARMLESS, "Harmless"
    CLOSED = flow.CLOSED, "Closed"


class Source(models.TextChoices):
    BY_HAND = "by_hand", "Added by hand"
    LIST = "list", "Imported from a list"
    SEARCH = "search", "Found by searching the platform"


class Outcome(models.TextChoices):
    """How a spoof or unofficial account ended."""

    TAKEN_DOWN = "taken_down", "Taken down by the platform"
    PLATFORM_REFUSED = "platform_refused", "The platform refused"
    NO_ANSWER = "no_answer", "No answer from the platform"
    BROUGHT_UNDER_REGISTRY = "brought_under_registry", "Brought under the registry (3.2)"
    CLOSED_BY_OWNER = "closed_by_owner", "Closed by its owner"


#: The outcomes each state may record.
OUTCOMES_FOR = {
    flow.TAKEDOWN_REQUESTED: (Outcome.TAKEN_DOWN, Outcome.PLATFORM_REFUSED, Outcome.NO_ANSWER),
    flow.UNOFFICIAL: (Outcome.BROUGHT_UNDER_REGISTRY, Outcome.CLOSED_BY_OWNER),
}


#: The queue's filter: "open" (not yet closed or judged harmless), or one state.
STATE_FILTERS = [("open", "Open"), *CandidateStatus.choices]

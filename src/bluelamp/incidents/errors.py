"""The errors only crisis controls raise."""

from __future__ import annotations

from bluelamp.core.errors import ConflictError


class MajorIncidentAlreadyDeclaredError(ConflictError):
    """A major incident is already declared: end it before declaring another."""

    code = "major_incident_already_declared"
    http_status = 409
    default_message = (
        "A major incident is already declared. End it before declaring another (CC/01 4.16)."
    )


class ElectionPeriodOverlapError(ConflictError):
    """The new election period's dates overlap one already set."""

    code = "election_period_overlap"
    http_status = 409
    default_message = "An election period is already set for some of those dates."

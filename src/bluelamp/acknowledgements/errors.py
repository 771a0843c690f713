"""The errors policy acknowledgement raises."""

from __future__ import annotations

from bluelamp.core.errors import ConflictError


class AcknowledgementRequiredError(ConflictError):
    """The pack requires the current version acknowledged (and training, if it says so) before
    this: an application for an account, or a place on an account's roster."""

    code = "policy_acknowledgement_required"
    http_status = 409
    default_message = "The current policy must be acknowledged first."

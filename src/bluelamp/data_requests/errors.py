"""The errors only removal and correction requests raise."""

from __future__ import annotations

from bluelamp.core.errors import ConflictError


class ExtensionRefusedError(ConflictError):
    """The statutory deadline cannot be extended: already extended, notice too late, or a
    Part 3 request received before 5 February 2026 (spec/deadlines.md rule 4)."""

    code = "removal_request_extension_refused"
    http_status = 409
    default_message = "The deadline for this request cannot be extended."


class LetterRefusedError(ConflictError):
    """The letter cannot be sent now: the case is closed, or an extension notice is too late
    or not allowed (spec/deadlines.md rule 4)."""

    code = "removal_request_letter_refused"
    http_status = 409
    default_message = "This letter cannot be sent."

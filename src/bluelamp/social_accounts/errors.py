"""The registry's own errors, with stable codes the API returns (see ``core.errors``)."""

from __future__ import annotations

from bluelamp.core.errors import ConflictError, InvalidTransitionError


class DuplicateAccountError(ConflictError):
    """An account with this platform and handle (ignoring case) is already in the registry."""

    code = "duplicate_account"
    default_message = "There is already an account with this handle in the registry."
    form_field = "handle"

    def __init__(self, message: str | None = None, *, platform: str, handle: str):
        super().__init__(message, platform=platform, handle=handle)


class AlreadyDecidedError(InvalidTransitionError):
    """The application was decided (or withdrawn) already; nothing was changed."""

    code = "already_decided"
    default_message = "This application has already been decided. Nothing was changed."


class PublishingSuspendedError(ConflictError):
    """CCD has suspended publishing on the account (a lost device, 5.5, 5.6): nothing is
    approved or published on it until CCD resumes publishing."""

    code = "publishing_suspended"
    http_status = 409
    default_message = (
        "Corporate Communications has suspended publishing on this account while its security "
        "is restored (CC/01 5.5, 5.6). Nothing can be approved or published on it until then."
    )

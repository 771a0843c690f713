"""The errors only publishing raises, each with a stable code the API returns (see
``core.errors``). The three platform failures (502) mean the attempt was made and recorded: the
post is ``failed`` (publish), stays published (remove) or keeps its words (correct); the message
carries the platform's words, and ``page_message`` says so on the post's page."""

from __future__ import annotations

from bluelamp.core.errors import ApplicationError, InvalidInputError, InvalidTransitionError

# --- Refusals before anything is sent (400) -------------------------------------------------------


class BlockedError(InvalidInputError):
    """The post has findings that must be fixed before it can go further."""

    code = "post_blocked"
    default_message = "Fix the problems marked 'block' before the post can go further."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, errors={"text": [message or self.default_message]})


class RecordNeededError(InvalidInputError):
    """A ``record`` finding (4.24) needs the disclosure record before the post goes further."""

    code = "post_record_needed"
    default_message = (
        "This post is about a specific incident or investigation: give the incident log or crime "
        "reference, or confirm you told the officer in the case, before it goes out (4.24)."
    )

    def __init__(self, message: str | None = None) -> None:
        text = message or self.default_message
        super().__init__(text, errors={"incident_log_ref": [text]})


class FacesUnsettledError(InvalidInputError):
    """An image shows faces neither blurred nor consented (4.10)."""

    code = "post_faces_unsettled"
    default_message = (
        "An image shows faces: blur them or record that consent was given before the post goes "
        "further (4.10)."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message, errors={"image": [message or self.default_message]})


# --- Refusals of the post as it stands (409) -----------------------------------------------------


class VersionNotApprovedError(InvalidTransitionError):
    """The words or images about to go out are not the version that was approved (or sent on):
    nothing is sent."""

    code = "post_version_not_approved"
    default_message = "This version of the post has not been approved: it cannot be published."

    def __init__(self, message: str | None = None, *, state: str) -> None:
        super().__init__(message, state=state, action="publish")


# --- The platform did not act (502) ---------------------------------------------------------------


class PlatformFailedError(ApplicationError):
    """The platform did not do what was asked; the attempt is recorded."""

    code = "platform_failed"
    http_status = 502
    default_message = "The platform did not do it."
    #: The post page's words before the platform's.
    page_words = "The platform did not do it"

    @property
    def page_message(self) -> str:
        """The post page's words: "The platform did not delete the post: <its words>"."""
        return f"{self.page_words}: {self.message}"


class PublishFailedError(PlatformFailedError):
    """The platform did not confirm the post; the message carries the platform's words."""

    code = "publish_failed"
    http_status = 502
    default_message = "The platform did not confirm the post."
    page_words = "The platform did not publish the post"


class RemovalFailedError(PlatformFailedError):
    """The platform did not delete the post: the attempt is recorded, the post stays
    published, and the message carries the platform's words."""

    code = "removal_failed"
    http_status = 502
    default_message = "The platform did not delete the post."
    page_words = "The platform did not delete the post"


class CorrectionFailedError(PlatformFailedError):
    """The platform did not change the post: the attempt is recorded, the post keeps its
    words, and the message carries the platform's words."""

    code = "correction_failed"
    http_status = 502
    default_message = "The platform did not change the post."
    page_words = "The platform did not change the post"


# --- The archive -------------------------------------------------------------------------------


class ArchiveImportError(ApplicationError):
    """An import file has lines that cannot be imported; nothing was imported. ``problems``
    lists ``{"line": n, "error": "..."}``, in line order."""

    code = "archive_import_invalid"
    http_status = 400
    default_message = "The file could not be imported."
    MAX_PROBLEMS = 50

    def __init__(self, problems: list[tuple[int, str]], *, more: int = 0):
        shown = [{"line": line, "error": error} for line, error in problems]
        lines = [f"line {line}: {error}" for line, error in problems]
        if more:
            lines.append(f"… and {more} more problem{'s' if more != 1 else ''}")
        super().__init__(
            "Nothing was imported. " + "; ".join(lines), problems=shown, more_problems=more
        )

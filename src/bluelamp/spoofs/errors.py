"""The errors only the spoof review raises."""

from __future__ import annotations

from bluelamp.core.errors import ApplicationError, ConflictError, InvalidInputError


class AlreadyListedError(ConflictError):
    """The account is already a candidate, or is in the registry itself."""

    code = "spoof_already_listed"
    http_status = 409
    default_message = "That account is already listed."


class ImportRejectedError(InvalidInputError):
    """A list of candidates had errors: nothing was imported. ``fields["problems"]`` lists each
    as ``{"line", "column", "message"}``."""

    code = "spoof_import_rejected"

    def __init__(self, problems: list[dict], *, shown: int = 20) -> None:
        lines = [f"Line {p['line']}, {p['column']}: {p['message']}" for p in problems[:shown]]
        if len(problems) > shown:
            lines.append(f"… and {len(problems) - shown} more")
        count = len(problems)
        message = (
            f"The list has {count} error{'s' if count != 1 else ''}, so nothing was imported. "
            + lines[0]
        )
        ApplicationError.__init__(self, message, errors={"file": lines}, problems=problems)


class SearchUnavailableError(ConflictError):
    """Bluelamp has no X token to search with."""

    code = "spoof_search_unavailable"
    http_status = 409
    default_message = (
        "Bluelamp has no X token to search with: set BLUELAMP_X_BEARER_TOKEN (the X app's "
        "bearer token) or connect an X account for publishing."
    )


class SearchStoppedError(ApplicationError):
    """X refused or failed the search before anything was looked up (its rate limit, a refused
    token, an error). ``fields["retry_after"]``: seconds to wait, for a rate limit."""

    code = "spoof_search_stopped"
    http_status = 503
    default_message = "X did not answer the search."


class SearchRateLimitedError(SearchStoppedError):
    """X's rate limit for account lookups is used up: try again after ``retry_after`` s."""

    code = "spoof_search_rate_limited"
    http_status = 429

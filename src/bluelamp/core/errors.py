"""One base for the errors a service raises on purpose, with stable codes.

A service raises a specific subclass, carrying its fields; pages show ``message``, and the API
answers ``{"code": ..., "message": ..., **fields}`` with the class's HTTP status. Codes are part
of the API contract: never rename one, and no two classes may share one (checked at import).
"""

from __future__ import annotations

from typing import Any, ClassVar

_CODES: dict[str, type[ApplicationError]] = {}


class ApplicationError(Exception):
    """Base of every deliberate, user-explainable failure of a service."""

    code: ClassVar[str] = "application_error"
    http_status: ClassVar[int] = 400
    default_message: ClassVar[str] = "The request could not be completed."
    #: The form field a page shows the refusal on (None: at the top of the form).
    form_field: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must declare its own stable error code")
        existing = _CODES.get(cls.code)
        if existing is not None and (existing.__module__, existing.__qualname__) != (
            cls.__module__,
            cls.__qualname__,
        ):
            raise TypeError(
                f"error code {cls.code!r} of {cls.__name__} is already used by {existing.__name__}"
            )
        _CODES[cls.code] = cls

    def __init__(self, message: str | None = None, **fields: Any) -> None:
        self.message = message or self.default_message
        self.fields = fields
        super().__init__(self.message)

    def as_dict(self) -> dict[str, Any]:
        """The API's error body."""
        return {"code": self.code, "message": self.message, **self.fields}


_CODES[ApplicationError.code] = ApplicationError


def error_codes() -> dict[str, type[ApplicationError]]:
    """Every registered code and its class (for documentation and tests)."""
    return dict(_CODES)


class InvalidInputError(ApplicationError):
    """The input is not acceptable; ``errors`` maps field names to messages."""

    code = "invalid_input"
    http_status = 400
    default_message = "Some of the information given is not valid."

    def __init__(self, message: str | None = None, *, errors: dict[str, list[str]] | None = None):
        super().__init__(message, errors=errors or {})


class FieldErrors:
    """Collects a form's or service's field errors and raises them together as one
    InvalidInputError (the first message as its message)."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            first = next(iter(self.errors.values()))[0]
            raise InvalidInputError(first, errors=self.errors)


class PermissionDeniedError(ApplicationError):
    """The actor may not do this (checked on the server, whatever the page showed)."""

    code = "permission_denied"
    http_status = 403
    default_message = "You do not have permission to do that."


class NotFoundError(ApplicationError):
    """Missing, or not yours to see: the two are answered alike."""

    code = "not_found"
    http_status = 404
    default_message = "Page not found."


class InvalidTransitionError(ApplicationError):
    """The object's state does not allow the action."""

    code = "invalid_transition"
    http_status = 409
    default_message = "That cannot be done now: its status has changed."

    def __init__(self, message: str | None = None, *, state: str, action: str):
        super().__init__(message, state=state, action=action)


class ConflictError(ApplicationError):
    """The change clashes with what is already recorded (e.g. a duplicate)."""

    code = "conflict"
    http_status = 409
    default_message = "That clashes with something already recorded."


class AccountLockedError(ApplicationError):
    """Too many failed sign-ins for this username; try again later."""

    code = "account_locked"
    http_status = 403
    default_message = (
        "This account is locked after too many failed sign-in attempts. "
        "Try again later, or ask Corporate Communications to unlock it."
    )


class AuditWriteError(ApplicationError):
    """The audit event could not be written, so the action it records is refused."""

    code = "audit_write_failed"
    http_status = 500
    default_message = "The action was not carried out because it could not be recorded."

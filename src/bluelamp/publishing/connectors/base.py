"""The connector interface, its results and its errors, and the retry loop every connector shares.

Idempotency (a retry after a timeout never creates two posts): a create is only repeated blindly
when the platform cannot have acted on the previous attempt (429, connection refused). After any
attempt that *may* have reached the platform (timeout, connection closed before the answer, 5xx,
a 2xx whose body has no id) the connector first *reconciles*: it asks the platform whether the
post already exists (:meth:`Connector.find_existing`) and returns that post instead of creating
another. If the platform answers a retry with "duplicate content", it reconciles again. Nothing is
reported as published unless the platform returned, or listed, the post's id.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from bluelamp.publishing.connectors import defaults
from bluelamp.publishing.connectors.http import HttpClient, HttpResponse, TransportFailure

Sleep = Callable[[float], None]
Clock = Callable[[], float]
T = TypeVar("T")


# ---------------------------------------------------------------------------- data in and out


@dataclass(frozen=True)
class MediaItem:
    """One image to attach. ``url`` is a public address of the same bytes (Instagram fetches
    images itself and needs it); ``data`` is uploaded where the platform takes bytes."""

    data: bytes
    mime_type: str = "image/jpeg"
    filename: str = "image.jpg"
    url: str | None = None
    alt_text: str = ""


@dataclass(frozen=True)
class OutgoingPost:
    """What to publish. ``idempotency_key`` is stable for the life of the post (the post's own
    id in Bluelamp), so every attempt, in any process, refers to the same publication.
    ``in_reply_to`` / ``quote_of``: the platform's id of the post it answers or quotes."""

    idempotency_key: str
    text: str
    media: tuple[MediaItem, ...] = ()
    in_reply_to: str = ""
    quote_of: str = ""


@dataclass(frozen=True)
class Published:
    """The platform confirmed the post. ``reconciled``: found by looking it up after an attempt
    whose answer was lost, rather than from the create response itself."""

    platform: str
    platform_post_id: str
    url: str
    raw: Mapping[str, Any] = field(default_factory=dict)
    attempts: int = 1
    reconciled: bool = False


@dataclass(frozen=True)
class Edited:
    """The platform confirmed the post now reads ``text``."""

    platform: str
    platform_post_id: str
    text: str
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Deleted:
    """The platform confirmed the post is gone. ``already_gone``: it answered "not found" after
    an earlier attempt whose answer was lost."""

    platform: str
    platform_post_id: str
    raw: Mapping[str, Any] = field(default_factory=dict)
    already_gone: bool = False


@dataclass(frozen=True)
class Revoked:
    """The outcome of asking the platform to revoke an access token. ``supported``: False when
    the platform's API offers no way to revoke it (a person must, in the platform's settings)."""

    platform: str
    supported: bool = True
    raw: Mapping[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------- errors


class ConnectorError(Exception):
    """A publishing call failed. Carries the platform's own error code and message."""

    def __init__(
        self,
        message: str,
        *,
        platform: str,
        code: str | int | None = None,
        status: int | None = None,
        raw: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.platform = platform
        self.code = code
        self.status = status
        self.raw = raw

    def __str__(self) -> str:
        code = f" [{self.code}]" if self.code is not None else ""
        return f"{self.platform}{code}: {self.message}"


class TokenError(ConnectorError):
    """The access token is expired, revoked or lacks permission: tell the account owner once."""


class RateLimited(ConnectorError):
    """The platform asked us to wait ``retry_after`` seconds."""

    def __init__(self, message: str, *, retry_after: float, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class TransientError(ConnectorError):
    """A 5xx, a timeout or a dropped connection: worth trying again later."""


class RejectedError(ConnectorError):
    """The platform refused the content or the request (4xx): retrying will not help."""


class UnsupportedError(RejectedError):
    """The platform's API does not offer this operation (a person must do it in the app)."""


class UnconfirmedError(ConnectorError):
    """The platform may or may not have the post, and looking it up did not find it. Never
    reported as published; a person or a later reconciliation must decide."""


# ------------------------------------------------------------------------------- connector

_REGISTRY: dict[str, type[Connector]] = {}


def register(cls: type[Connector]) -> type[Connector]:
    """Register a connector class for its ``platform`` (a class decorator); a platform
    registered twice is refused."""
    if cls.platform in _REGISTRY:
        raise ValueError(f"a connector for {cls.platform!r} is already registered")
    _REGISTRY[cls.platform] = cls
    return cls


def connector_class(platform: str) -> type[Connector] | None:
    """The connector registered for ``platform``, or None where Bluelamp cannot publish."""
    return _REGISTRY.get(platform)


def platform_edits_posts(platform: str) -> bool:
    """Whether Bluelamp can change a published post's words on ``platform`` through its API
    (else a person corrects it in the platform's app and records that)."""
    connector = connector_class(platform)
    return connector is not None and connector.edits_posts()


@dataclass
class RetryPolicy:
    """Bounded attempts with exponential back-off; ``max_wait`` caps how long a rate limit may
    hold a single call (longer waits are raised as :class:`RateLimited` for the scheduler)."""

    max_attempts: int = defaults.MAX_ATTEMPTS
    base_delay: float = defaults.BASE_DELAY
    max_delay: float = defaults.MAX_DELAY
    max_wait: float = defaults.MAX_WAIT

    def backoff(self, attempt: int) -> float:
        return min(self.max_delay, self.base_delay * 2 ** (attempt - 1))


class Connector:
    """One platform account API. Subclasses implement the ``_*_once`` methods (one attempt each)
    and :meth:`find_existing`; the retry, back-off and reconciliation live here."""

    platform: ClassVar[str] = "base"
    #: The Django setting holding the platform's API address (read by the caller).
    api_base_setting: ClassVar[str] = ""
    #: The Django setting holding the app's OAuth client id, where revoking a token needs it.
    client_id_setting: ClassVar[str] = ""
    #: The Django setting holding the address of the platform's public pages, where a
    #: published post's address is built from it rather than answered by the API.
    web_base_setting: ClassVar[str] = ""

    @classmethod
    def for_account(
        cls, *, api_base: str, account_id: str, containers: Any = None, **common: Any
    ) -> Connector:
        """The connector for one account on the platform (``account_id``: the platform's id
        of the page or account, where the API needs it)."""
        raise NotImplementedError

    def __init__(
        self,
        *,
        http: HttpClient | None = None,
        retry: RetryPolicy | None = None,
        sleep: Sleep = time.sleep,
        clock: Clock = time.time,
    ) -> None:
        self.http = http or HttpClient()
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.clock = clock

    # -- the interface ------------------------------------------------------------------

    def publish(self, post: OutgoingPost, token: str, *, resume: bool = False) -> Published:
        """Publish ``post``; returns only once the platform confirmed it with an id.

        Once an attempt may have reached the platform, no further create is sent until a lookup
        has shown the post is not there; if the lookup itself fails, the next attempt is another
        lookup, never a create, and giving up raises :class:`UnconfirmedError`. ``resume``: an
        earlier call (perhaps in a process that has since stopped) may have reached the
        platform, so look first.
        """
        maybe_created = resume
        last: ConnectorError | None = None
        for attempt in range(1, self.retry.max_attempts + 1):
            try:
                if maybe_created:
                    existing = self._reconcile(post, token, attempt)
                    if existing is not None:
                        return existing
                published = self._publish_once(post, token)
                return _with_attempts(published, attempt)
            except _LookupFailed as failed:
                last = failed.error
            except TransportFailure as failure:
                maybe_created = maybe_created or failure.maybe_delivered
                last = TransientError(str(failure), platform=self.platform)
            except UnconfirmedError as error:
                maybe_created = True
                last = error
            except RejectedError as error:
                if maybe_created and self.is_duplicate(error):
                    try:
                        existing = self._reconcile(post, token, attempt)
                    except _LookupFailed as failed:
                        raise self.unconfirmed("duplicate refused", error.raw) from failed.error
                    if existing is not None:
                        return existing
                raise
            except RateLimited as error:
                last = error
            except TransientError as error:
                maybe_created = True  # a 5xx may come after the post was stored
                last = error
            if attempt < self.retry.max_attempts:
                self._wait(last, attempt)
        assert last is not None
        if maybe_created:
            try:
                existing = self._reconcile(post, token, self.retry.max_attempts)
            except _LookupFailed as failed:
                raise UnconfirmedError(
                    "an attempt may have created the post and the platform could not be "
                    f"asked whether it did ({failed.error})",
                    platform=self.platform,
                ) from failed.error
            if existing is not None:
                return existing
        raise last

    def delete(self, platform_post_id: str, token: str) -> Deleted:
        """Delete the post on the platform; returns once the platform confirmed it."""
        maybe_deleted = False
        last: ConnectorError | None = None
        for attempt in range(1, self.retry.max_attempts + 1):
            try:
                return self._delete_once(platform_post_id, token)
            except TransportFailure as failure:
                maybe_deleted = maybe_deleted or failure.maybe_delivered
                last = TransientError(str(failure), platform=self.platform)
            except RejectedError as error:
                if maybe_deleted and self.is_not_found(error):
                    return Deleted(self.platform, platform_post_id, error.raw or {}, True)
                raise
            except TransientError as error:
                maybe_deleted = True
                last = error
            except RateLimited as error:
                last = error
            if attempt < self.retry.max_attempts:
                self._wait(last, attempt)
        assert last is not None
        raise last

    def _idempotent(self, call: Callable[[], T]) -> T:
        """``call()``, tried again on a transport failure, a 5xx or a rate limit, for requests
        that are harmless to repeat (publishing and deleting are not: they reconcile first)."""
        last: ConnectorError | None = None
        for attempt in range(1, self.retry.max_attempts + 1):
            try:
                return call()
            except TransportFailure as failure:
                last = TransientError(str(failure), platform=self.platform)
            except (TransientError, RateLimited) as error:
                last = error
            if attempt < self.retry.max_attempts:
                self._wait(last, attempt)
        assert last is not None
        raise last

    def edit(self, platform_post_id: str, text: str, token: str) -> Edited:
        """Change a published post's words; returns once the platform confirmed it. Setting
        the same words twice is harmless, so every failure may simply be tried again."""
        return self._idempotent(lambda: self._edit_once(platform_post_id, text, token))

    def revoke_token(self, token: str) -> Revoked:
        """Ask the platform to revoke ``token``; ``Revoked(supported=False)`` where it cannot.
        Revoking twice is harmless, so every transient failure may simply be tried again."""
        return self._idempotent(lambda: self._revoke_once(token))

    def _revoke_once(self, token: str) -> Revoked:
        return Revoked(self.platform, supported=False)

    def find_existing(self, post: OutgoingPost, token: str) -> Published | None:
        """Look on the platform for ``post`` (after an attempt whose answer was lost)."""
        raise NotImplementedError

    @classmethod
    def edits_posts(cls) -> bool:
        """Whether the platform's API can change a published post's words: decided once, from
        whether the connector implements ``_edit_once``."""
        return cls._edit_once is not Connector._edit_once

    def _edit_once(self, platform_post_id: str, text: str, token: str) -> Edited:
        raise UnsupportedError(
            f"{self.platform}'s API cannot change a published post; correct it in the app",
            platform=self.platform,
            code="unsupported",
        )

    # -- for subclasses -----------------------------------------------------------------

    def _publish_once(self, post: OutgoingPost, token: str) -> Published:
        raise NotImplementedError

    def _delete_once(self, platform_post_id: str, token: str) -> Deleted:
        raise NotImplementedError

    def classify(self, response: HttpResponse) -> ConnectorError:
        """Turn a non-2xx response into the right error, with the platform's code and message."""
        raise NotImplementedError

    def is_duplicate(self, error: RejectedError) -> bool:
        """Whether the platform refused a create because the same post already exists."""
        return False

    def is_not_found(self, error: RejectedError) -> bool:
        """Whether the platform refused because the object does not exist (any more)."""
        return error.status == 404

    def call(self, method: str, url: str, **kwargs: Any) -> HttpResponse:
        """One request; raises the classified error for a non-2xx status."""
        response = self.http.request(method, url, **kwargs)
        if 200 <= response.status < 300:
            return response
        raise self.classify(response)

    def retry_after_from_headers(self, headers: Mapping[str, str]) -> float | None:
        """Seconds to wait from ``retry-after`` or ``x-rate-limit-reset`` (epoch seconds)."""
        value = headers.get("retry-after")
        if value is not None:
            try:
                return max(0.0, float(value))
            except ValueError:
                pass
        reset = headers.get("x-rate-limit-reset")
        if reset is not None:
            try:
                return max(0.0, float(reset) - self.clock())
            except ValueError:
                pass
        return None

    def unconfirmed(self, what: str, raw: Any) -> UnconfirmedError:
        return UnconfirmedError(
            f"{what}: the platform's answer had no id, so the post is not confirmed",
            platform=self.platform,
            raw=raw,
        )

    # -- internals ----------------------------------------------------------------------

    def _reconcile(self, post: OutgoingPost, token: str, attempt: int) -> Published | None:
        """The post if the platform has it, ``None`` if it has not; raises :class:`_LookupFailed`
        when the platform could not be asked (a :class:`TokenError` propagates as itself)."""
        try:
            found = self.find_existing(post, token)
        except TokenError:
            raise
        except ConnectorError as error:
            raise _LookupFailed(error) from error
        except TransportFailure as failure:
            raise _LookupFailed(TransientError(str(failure), platform=self.platform)) from failure
        if found is None:
            return None
        return Published(
            found.platform, found.platform_post_id, found.url, found.raw, attempt, True
        )

    def _wait(self, error: ConnectorError, attempt: int) -> None:
        if isinstance(error, RateLimited):
            if error.retry_after > self.retry.max_wait:
                raise error
            self.sleep(error.retry_after)
        else:
            self.sleep(self.retry.backoff(attempt))


class _LookupFailed(Exception):
    """Looking for an earlier attempt's post failed; ``error`` says why."""

    def __init__(self, error: ConnectorError) -> None:
        super().__init__(str(error))
        self.error = error


def _with_attempts(published: Published, attempt: int) -> Published:
    return Published(
        published.platform,
        published.platform_post_id,
        published.url,
        published.raw,
        attempt,
        published.reconciled,
    )

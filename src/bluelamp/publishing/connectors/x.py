"""X (formerly Twitter) API v2: create a post (``POST /2/tweets``; a reply names the post it
answers in ``reply.in_reply_to_tweet_id``, a quote in ``quote_tweet_id``), delete it
(``DELETE /2/tweets/:id``), upload an image (``POST /2/media/upload``), revoke the token
(``POST /2/oauth2/revoke``, form-encoded ``token`` and the app's ``client_id``) and look up
accounts by username (``GET /2/users/by?usernames=…``, up to 100 a request; the spoof search).

Authentication is an OAuth 2.0 user-context bearer token. Rate limits come as
``x-rate-limit-limit/remaining/reset`` headers (reset in epoch seconds) with status 429.

Idempotency: X has no idempotency header. After an attempt whose answer was lost, the connector
lists the account's recent posts (``GET /2/users/me`` then ``GET /2/users/:id/tweets``) and takes
the one with exactly our text; X also refuses a second post with the same text ("duplicate
content", 403), which triggers the same lookup.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Any

from bluelamp.publishing.connectors.base import (
    Connector,
    ConnectorError,
    Deleted,
    MediaItem,
    OutgoingPost,
    Published,
    RateLimited,
    RejectedError,
    Revoked,
    TokenError,
    TransientError,
    register,
)
from bluelamp.publishing.connectors.http import HttpResponse

RECENT_POSTS_TO_CHECK = 20
#: X's own limits for ``GET /2/users/by``: 100 usernames a request, each 1-15 of these.
USERS_PER_LOOKUP = 100
USERNAME = re.compile(r"[A-Za-z0-9_]{1,15}")


@dataclass(frozen=True)
class XUser:
    """An account X says exists."""

    id: str
    username: str
    name: str = ""
    description: str = ""


@dataclass(frozen=True)
class UsersFound:
    """The answer to one users lookup: the accounts that exist and the usernames X reported as
    not found (or suspended), each with X's own words."""

    users: tuple[XUser, ...] = ()
    missing: dict[str, str] = field(default_factory=dict)


@register
class XConnector(Connector):
    """Publishes to one X account through API v2."""

    platform = "x"
    api_base_setting = "BLUELAMP_X_API_BASE"
    client_id_setting = "BLUELAMP_X_CLIENT_ID"
    web_base_setting = "BLUELAMP_X_WEB_BASE"

    @classmethod
    def for_account(
        cls, *, api_base: str, account_id: str, containers: Any = None, **common: Any
    ) -> XConnector:
        return cls(api_base=api_base, **common)

    def __init__(
        self,
        *,
        api_base: str = "https://api.x.com",
        web_base: str = "https://x.com",
        client_id: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.api_base = api_base.rstrip("/")
        self.web_base = web_base.rstrip("/")
        self.client_id = client_id

    def upload_media(self, media: MediaItem, token: str) -> str:
        """Upload one image; returns X's media id (valid for ``expires_after_secs``)."""
        response = self.call(
            "POST",
            f"{self.api_base}/2/media/upload",
            headers=_auth(token),
            json_body={
                "media": base64.b64encode(media.data).decode("ascii"),
                "media_category": "tweet_image",
            },
        )
        body = response.json()
        media_id = _get(body, "data", "id")
        if not isinstance(media_id, str) or not media_id:
            raise RejectedError(
                "media upload answered without a media id", platform=self.platform, raw=body
            )
        return media_id

    def _publish_once(self, post: OutgoingPost, token: str) -> Published:
        payload: dict[str, Any] = {"text": post.text}
        if post.in_reply_to:
            payload["reply"] = {"in_reply_to_tweet_id": post.in_reply_to}
        if post.quote_of:
            payload["quote_tweet_id"] = post.quote_of
        if post.media:
            media_ids = [self.upload_media(item, token) for item in post.media]
            payload["media"] = {"media_ids": media_ids}
        response = self.call(
            "POST", f"{self.api_base}/2/tweets", headers=_auth(token), json_body=payload
        )
        body = response.json()
        post_id = _get(body, "data", "id")
        if not isinstance(post_id, str) or not post_id.isdigit():
            raise self.unconfirmed("POST /2/tweets", body)
        return Published(self.platform, post_id, self._url(post_id), body)

    def _delete_once(self, platform_post_id: str, token: str) -> Deleted:
        response = self.call(
            "DELETE", f"{self.api_base}/2/tweets/{platform_post_id}", headers=_auth(token)
        )
        body = response.json()
        deleted = _get(body, "data", "deleted")
        if deleted is False:  # X's answer when the post is not there (or not ours)
            raise RejectedError(
                "X did not delete the post (deleted: false)",
                platform=self.platform,
                code="not_deleted",
                status=response.status,
                raw=body,
            )
        if deleted is not True:
            raise TransientError(
                "DELETE answered without deleted: true", platform=self.platform, raw=body
            )
        return Deleted(self.platform, platform_post_id, body)

    def _revoke_once(self, token: str) -> Revoked:
        if not self.client_id:
            raise RejectedError(
                "X needs the app's OAuth 2.0 client id to revoke a token, and "
                "BLUELAMP_X_CLIENT_ID is not set",
                platform=self.platform,
                code="not_configured",
            )
        # Not a bearer call: the token being revoked is the form's subject, not the credential.
        response = self.call(
            "POST",
            f"{self.api_base}/2/oauth2/revoke",
            form={"token": token, "client_id": self.client_id},
        )
        body = response.json()
        if _get(body, "revoked") is not True:
            raise TransientError(
                "POST /2/oauth2/revoke answered without revoked: true",
                platform=self.platform,
                raw=body,
            )
        return Revoked(self.platform, raw=body)

    def lookup_usernames(self, usernames: list[str], token: str) -> UsersFound:
        """Which of ``usernames`` (at most :data:`USERS_PER_LOOKUP`, each a valid X username)
        are accounts on X. A read, so transient failures are simply tried again; a rate limit
        longer than the policy's ``max_wait`` is raised as :class:`RateLimited`."""
        if not 0 < len(usernames) <= USERS_PER_LOOKUP:
            raise ValueError(f"look up 1 to {USERS_PER_LOOKUP} usernames at a time")
        bad = [u for u in usernames if not USERNAME.fullmatch(u)]
        if bad:
            raise ValueError(f"not X usernames: {', '.join(bad)}")
        return self._idempotent(lambda: self._lookup_once(usernames, token))

    def _lookup_once(self, usernames: list[str], token: str) -> UsersFound:
        body = self.call(
            "GET",
            f"{self.api_base}/2/users/by",
            headers=_auth(token),
            params={"usernames": ",".join(usernames), "user.fields": "description"},
        ).json()
        if not isinstance(body, dict):
            raise TransientError("GET /2/users/by answered without JSON", platform=self.platform)
        users = tuple(
            XUser(
                id=str(item["id"]),
                username=str(item["username"]),
                name=str(item.get("name") or ""),
                description=str(item.get("description") or ""),
            )
            for item in body.get("data") or []
            if isinstance(item, dict) and item.get("id") and item.get("username")
        )
        missing = {
            str(error.get("value")): str(error.get("detail") or error.get("title") or "")
            for error in body.get("errors") or []
            if isinstance(error, dict) and error.get("value")
        }
        return UsersFound(users, missing)

    def find_existing(self, post: OutgoingPost, token: str) -> Published | None:
        me = self.call("GET", f"{self.api_base}/2/users/me", headers=_auth(token)).json()
        user_id = _get(me, "data", "id")
        if not isinstance(user_id, str):
            return None
        listing = self.call(
            "GET",
            f"{self.api_base}/2/users/{user_id}/tweets",
            headers=_auth(token),
            params={"max_results": str(RECENT_POSTS_TO_CHECK)},
        ).json()
        for item in _get(listing, "data") or []:
            if isinstance(item, dict) and item.get("text") == post.text and item.get("id"):
                return Published(self.platform, item["id"], self._url(item["id"]), item)
        return None

    def is_not_found(self, error: RejectedError) -> bool:
        return error.status == 404 or error.code == "not_deleted"

    def is_duplicate(self, error: RejectedError) -> bool:
        return error.status == 403 and "duplicate" in error.message.lower()

    def classify(self, response: HttpResponse) -> ConnectorError:
        body = response.json()
        message, code = _problem(body, response)
        common: dict[str, Any] = {
            "platform": self.platform,
            "code": code,
            "status": response.status,
            "raw": body,
        }
        if response.status == 401:
            return TokenError(message, **common)
        if response.status == 429:
            wait = self.retry_after_from_headers(response.headers)
            return RateLimited(message, retry_after=wait if wait is not None else 60.0, **common)
        if response.status >= 500:
            return TransientError(message, **common)
        if response.status == 403 and "oauth" in str(code).lower():
            return TokenError(message, **common)  # the app or token lacks write permission
        return RejectedError(message, **common)

    def _url(self, post_id: str) -> str:
        return f"{self.web_base}/i/web/status/{post_id}"


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _get(body: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(body, dict):
            return None
        body = body.get(key)
    return body


def _problem(body: Any, response: HttpResponse) -> tuple[str, str]:
    """X answers errors as an RFC 7807 problem (``title``, ``detail``, ``type``), as
    ``{"errors": [{"message", "code"}]}``, or (OAuth) as ``{"error", "error_description"}``."""
    if isinstance(body, dict):
        if isinstance(body.get("error"), str):  # the OAuth endpoints answer as RFC 6749 5.2
            return str(body.get("error_description") or body["error"]), body["error"]
        if body.get("detail") or body.get("title"):
            return str(body.get("detail") or body.get("title")), str(
                body.get("type") or body.get("title") or response.status
            )
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            first = errors[0]
            return str(first.get("message") or first.get("detail")), str(
                first.get("code") or first.get("type") or response.status
            )
    return f"HTTP {response.status}", str(response.status)

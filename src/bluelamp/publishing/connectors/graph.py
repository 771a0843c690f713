"""What Facebook Pages and Instagram share: the Graph API's error body and rate-limit signals.

Errors come as ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``.
Token problems are code 190 (and 102, 463, 467) or an ``OAuthException`` with HTTP 401;
rate limits are codes 4, 17, 32, 613 and 80001-80014 (often with HTTP 400/403, not 429), with
usage in ``x-app-usage`` / ``x-business-use-case-usage`` headers (percentages, and
``estimated_time_to_regain_access`` in minutes).
"""

from __future__ import annotations

import json
from typing import Any

from bluelamp.publishing.connectors.base import (
    Connector,
    ConnectorError,
    RateLimited,
    RejectedError,
    Revoked,
    TokenError,
    TransientError,
)
from bluelamp.publishing.connectors.http import HttpResponse

TOKEN_CODES = {102, 190, 463, 467}
RATE_LIMIT_CODES = {4, 17, 32, 613, 9}  # 9: Instagram's publishing limit
TRANSIENT_CODES = {1, 2}
DEFAULT_RATE_LIMIT_WAIT = 60.0


class GraphConnector(Connector):
    api_base_setting = "BLUELAMP_GRAPH_API_BASE"
    """Shared Graph API behaviour; ``api_base`` includes the version, e.g. ``.../v21.0``."""

    def __init__(self, *, api_base: str = "https://graph.facebook.com/v21.0", **kwargs: Any):
        super().__init__(**kwargs)
        self.api_base = api_base.rstrip("/")

    def classify(self, response: HttpResponse) -> ConnectorError:
        body = response.json()
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict):
            error = {}
        message = str(error.get("message") or f"HTTP {response.status}")
        code = error.get("code")
        common: dict[str, Any] = {
            "platform": self.platform,
            "code": code,
            "status": response.status,
            "raw": body,
        }
        if code in TOKEN_CODES or (
            response.status == 401 and error.get("type") == "OAuthException"
        ):
            return TokenError(message, **common)
        if (
            response.status == 429
            or code in RATE_LIMIT_CODES
            or (isinstance(code, int) and 80001 <= code <= 80014)
        ):
            return RateLimited(message, retry_after=self.graph_retry_after(response), **common)
        if response.status >= 500 or code in TRANSIENT_CODES or error.get("is_transient"):
            return TransientError(message, **common)
        return RejectedError(message, **common)

    def _revoke_once(self, token: str) -> Revoked:
        # Removing every permission de-authorises the app for the user, which invalidates the
        # token and every Page token derived from it.
        response = self.call(
            "DELETE", f"{self.api_base}/me/permissions", params={"access_token": token}
        )
        body = response.json()
        if graph_get(body, "success") is not True:
            raise TransientError(
                "DELETE /me/permissions answered without success: true",
                platform=self.platform,
                raw=body,
            )
        return Revoked(self.platform, raw=body)

    def graph_retry_after(self, response: HttpResponse) -> float:
        """Seconds to wait: ``retry-after``, else the business-use-case header's
        ``estimated_time_to_regain_access`` (minutes), else a default once usage is at 100%."""
        explicit = self.retry_after_from_headers(response.headers)
        if explicit is not None:
            return explicit
        minutes = 0.0
        raw = response.headers.get("x-business-use-case-usage")
        if raw:
            try:
                for entries in json.loads(raw).values():
                    for entry in entries:
                        minutes = max(
                            minutes, float(entry.get("estimated_time_to_regain_access", 0))
                        )
            except (ValueError, AttributeError, TypeError):
                pass
        if minutes:
            return minutes * 60
        return DEFAULT_RATE_LIMIT_WAIT

    def is_not_found(self, error: RejectedError) -> bool:
        # Graph answers a missing object with 400, code 100, subcode 33.
        raw = error.raw.get("error", {}) if isinstance(error.raw, dict) else {}
        return error.status == 404 or (error.code == 100 and raw.get("error_subcode") == 33)

    @staticmethod
    def app_usage(response: HttpResponse) -> int:
        """The highest percentage in ``x-app-usage`` (0 when absent), for throttling callers."""
        try:
            usage = json.loads(response.headers.get("x-app-usage", "{}"))
            return max((int(v) for v in usage.values()), default=0)
        except (ValueError, AttributeError, TypeError):
            return 0


def graph_get(body: Any, key: str) -> Any:
    return body.get(key) if isinstance(body, dict) else None

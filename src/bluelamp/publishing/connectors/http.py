"""A small HTTP transport on the standard library (urllib), shared by the connectors.

It never raises for an HTTP status: 4xx and 5xx come back as a :class:`HttpResponse` for the
connector to classify. Failures where no status was received raise :class:`TransportFailure`,
flagged ``maybe_delivered`` when the request may have reached the platform (timeout, connection
closed before the answer), which is what makes a retry of a create unsafe without a check first.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bluelamp.publishing.connectors import defaults


@dataclass(frozen=True)
class HttpResponse:
    """A status, lower-cased headers and the raw body."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        """The body parsed as JSON, or ``None`` when it is not JSON."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


class TransportFailure(Exception):
    """No HTTP status was received. ``maybe_delivered``: the platform may have acted on it."""

    def __init__(self, message: str, *, maybe_delivered: bool) -> None:
        super().__init__(message)
        self.maybe_delivered = maybe_delivered


@dataclass(frozen=True)
class FilePart:
    """A file in a multipart body."""

    filename: str
    content_type: str
    data: bytes


@dataclass
class HttpClient:
    """Sends one request and returns the response; no retries here (the connector decides)."""

    timeout: float = defaults.TIMEOUT
    user_agent: str = "bluelamp-publisher/1"
    extra_headers: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
        files: Mapping[str, FilePart] | None = None,
    ) -> HttpResponse:
        """Send the request. Raises :class:`TransportFailure` when no status came back."""
        if params:
            url = f"{url}?{urllib.parse.urlencode(params)}"
        all_headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        all_headers.update(self.extra_headers)
        all_headers.update(headers or {})
        data: bytes | None = None
        if files:
            data, content_type = encode_multipart(form or {}, files)
            all_headers["Content-Type"] = content_type
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            data = json.dumps(json_body).encode()
            all_headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=all_headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return HttpResponse(
                    response.status, _lower(response.headers.items()), response.read()
                )
        except urllib.error.HTTPError as error:
            body = error.read() if error.fp is not None else b""
            return HttpResponse(error.code, _lower(error.headers.items()), body)
        except urllib.error.URLError as error:
            reason = error.reason
            refused = isinstance(reason, ConnectionRefusedError | socket.gaierror)
            raise TransportFailure(str(reason), maybe_delivered=not refused) from error
        except (TimeoutError, http.client.HTTPException, ConnectionError, OSError) as error:
            # Sent, but the answer never came (or came broken): the platform may have acted.
            raise TransportFailure(
                f"{type(error).__name__}: {error}", maybe_delivered=True
            ) from error


def _lower(items: Any) -> dict[str, str]:
    return {key.lower(): value for key, value in items}


def encode_multipart(fields: Mapping[str, str], files: Mapping[str, FilePart]) -> tuple[bytes, str]:
    """Encode form fields and files as ``multipart/form-data``; returns (body, content type)."""
    boundary = f"bluelamp-{uuid.uuid4().hex}"
    chunks: list[bytes] = []
    for name, value in fields.items():
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for name, part in files.items():
        chunks.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{part.filename}"\r\nContent-Type: {part.content_type}\r\n\r\n'
            ).encode()
            + part.data
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"

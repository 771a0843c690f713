"""Log filters: a request id on every line, and secrets masked before anything is written.

``RedactSecretsFilter`` masks the configured secret values themselves (the secret key, mail and
database passwords, vault keys), anything that looks like ``password=...``/``"token": "..."``,
and the password in a URL's user-info part. It works on the final message and traceback text,
so a secret passed as a log argument is masked too."""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache

from bluelamp.core.context import current_request_id

MASK = "[masked]"

_PAIR = re.compile(
    r"""(?ix)
    (?P<key>["']?[\w.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|vault[_-]?keys?
        |authorization|cookie|sessionid|csrfmiddlewaretoken)[\w.-]*["']?)
    (?P<sep>\s*[=:]\s*["']?)
    (?P<value>(?:Bearer\s+|Basic\s+|Token\s+)?[^\s"',;&}]+)
    """
)
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)(?P<pw>[^@\s/]+)(?=@)", re.I)


@lru_cache(maxsize=1)
def _configured_secrets() -> tuple[str, ...]:
    try:
        from django.conf import settings

        values = [
            settings.SECRET_KEY,
            getattr(settings, "EMAIL_HOST_PASSWORD", ""),
            getattr(settings, "BLUELAMP_METRICS_TOKEN", ""),
            getattr(settings, "BLUELAMP_X_BEARER_TOKEN", ""),
            *getattr(settings, "BLUELAMP_VAULT_KEYS", []),
            *(db.get("PASSWORD", "") for db in settings.DATABASES.values()),
        ]
    except Exception:  # settings not configured: nothing configured to mask
        return ()
    return tuple(sorted({v for v in values if isinstance(v, str) and len(v) >= 6}, key=len))[::-1]


def redact(text: str) -> str:
    """``text`` with every secret it contains replaced by ``[masked]``."""
    for secret in _configured_secrets():
        if secret in text:
            text = text.replace(secret, MASK)
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + MASK, text)
    return _PAIR.sub(lambda m: m.group("key") + m.group("sep") + MASK, text)


class RedactSecretsFilter(logging.Filter):
    """Mask secrets in the message and in any traceback text of each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: log it as it stands
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` ("-" outside a request) for the formatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line for a log collector (``BLUELAMP_LOG_FORMAT=json``). It writes
    the same fields as the plain lines, after the secrets filter has run; Bluelamp's own log
    messages name records by id and never carry post text or a requester's details."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)

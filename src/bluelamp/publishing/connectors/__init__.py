"""Platform connectors behind one interface: X (API v2), Facebook Pages and Instagram (Graph API).

Plain Python, no Django: a connector takes an :class:`OutgoingPost` and an access token and returns
:class:`Published` only when the platform confirmed the post with an id. Everything else is a
:class:`ConnectorError` subclass carrying the platform's own code and message.
"""

from bluelamp.publishing.connectors.base import (
    Connector,
    ConnectorError,
    Deleted,
    Edited,
    MediaItem,
    OutgoingPost,
    Published,
    RateLimited,
    RejectedError,
    Revoked,
    TokenError,
    TransientError,
    UnconfirmedError,
    UnsupportedError,
)
from bluelamp.publishing.connectors.facebook import FacebookPagesConnector
from bluelamp.publishing.connectors.instagram import InstagramConnector
from bluelamp.publishing.connectors.x import XConnector

__all__ = [
    "Connector",
    "ConnectorError",
    "Deleted",
    "Edited",
    "FacebookPagesConnector",
    "InstagramConnector",
    "MediaItem",
    "OutgoingPost",
    "Published",
    "RateLimited",
    "RejectedError",
    "Revoked",
    "TokenError",
    "TransientError",
    "UnconfirmedError",
    "UnsupportedError",
    "XConnector",
]

"""Instagram content publishing (Graph API): ``POST /{ig-user-id}/media`` makes a container from a
public ``image_url`` and ``caption``; ``GET /{container-id}?fields=status_code`` until
``FINISHED``; ``POST /{ig-user-id}/media_publish`` with ``creation_id`` publishes it.

Idempotency: the container id is the key. It is recorded in ``containers`` (keyed by the post's
idempotency key; pass a persistent mapping so it survives a restart) before publishing, and a
container can be published only once. After an attempt whose answer was lost, the connector asks
the container's ``status_code``: ``PUBLISHED`` means the post exists and it is found in
``GET /{ig-user-id}/media`` by caption; anything else means it was not published.

Deleting: the Instagram Graph API offers no delete for published media, so :meth:`delete` raises
:class:`UnsupportedError`; a person removes the post in the app and records it.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from bluelamp.publishing.connectors.base import (
    Deleted,
    OutgoingPost,
    Published,
    RejectedError,
    TransientError,
    UnsupportedError,
    register,
)
from bluelamp.publishing.connectors.graph import GraphConnector, graph_get

RECENT_MEDIA_TO_CHECK = 25


@register
class InstagramConnector(GraphConnector):
    """Publishes single-image posts to one Instagram professional account."""

    platform = "instagram"

    @classmethod
    def for_account(
        cls, *, api_base: str, account_id: str, containers: Any = None, **common: Any
    ) -> InstagramConnector:
        return cls(api_base=api_base, ig_user_id=account_id, containers=containers, **common)

    def __init__(
        self,
        *,
        ig_user_id: str,
        containers: MutableMapping[str, str] | None = None,
        status_polls: int = 10,
        poll_interval: float = 2.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.ig_user_id = ig_user_id
        self.containers: MutableMapping[str, str] = containers if containers is not None else {}
        self.status_polls = status_polls
        self.poll_interval = poll_interval

    def create_container(self, post: OutgoingPost, token: str) -> str:
        """Create (or reuse) the media container for ``post``; returns its id."""
        existing = self.containers.get(post.idempotency_key)
        if existing:
            return existing
        if len(post.media) != 1 or not post.media[0].url:
            raise RejectedError(
                "an Instagram post needs exactly one image with a public URL",
                platform=self.platform,
            )
        body = self.call(
            "POST",
            f"{self.api_base}/{self.ig_user_id}/media",
            form={"image_url": post.media[0].url, "caption": post.text, "access_token": token},
        ).json()
        container_id = graph_get(body, "id")
        if not isinstance(container_id, str) or not container_id:
            raise TransientError(
                "container creation answered without an id", platform=self.platform, raw=body
            )
        self.containers[post.idempotency_key] = container_id
        return container_id

    def container_status(self, container_id: str, token: str) -> str:
        """The container's ``status_code``: IN_PROGRESS, FINISHED, PUBLISHED, ERROR, EXPIRED."""
        body = self.call(
            "GET",
            f"{self.api_base}/{container_id}",
            params={"fields": "id,status,status_code", "access_token": token},
        ).json()
        return str(graph_get(body, "status_code") or "")

    def _publish_once(self, post: OutgoingPost, token: str) -> Published:
        container_id = self.create_container(post, token)
        status = ""
        for poll in range(self.status_polls):
            status = self.container_status(container_id, token)
            if status != "IN_PROGRESS":
                break
            if poll < self.status_polls - 1:
                self.sleep(self.poll_interval)
        if status == "PUBLISHED":
            found = self.find_existing(post, token)
            if found is not None:
                return found
            raise self.unconfirmed("container already published", {"container": container_id})
        if status in {"ERROR", "EXPIRED"}:
            self.containers.pop(post.idempotency_key, None)
            raise RejectedError(
                f"the media container is {status}", platform=self.platform, code=status
            )
        if status != "FINISHED":
            raise TransientError(
                f"the media container is not ready ({status or 'no status'})",
                platform=self.platform,
            )
        body = self.call(
            "POST",
            f"{self.api_base}/{self.ig_user_id}/media_publish",
            form={"creation_id": container_id, "access_token": token},
        ).json()
        media_id = graph_get(body, "id")
        if not isinstance(media_id, str) or not media_id:
            raise self.unconfirmed("media_publish", body)
        return Published(self.platform, media_id, self._permalink(media_id, token), body)

    def find_existing(self, post: OutgoingPost, token: str) -> Published | None:
        container_id = self.containers.get(post.idempotency_key)
        if container_id and self.container_status(container_id, token) != "PUBLISHED":
            return None
        body = self.call(
            "GET",
            f"{self.api_base}/{self.ig_user_id}/media",
            params={
                "fields": "id,caption,permalink,timestamp",
                "limit": str(RECENT_MEDIA_TO_CHECK),
                "access_token": token,
            },
        ).json()
        for item in graph_get(body, "data") or []:
            if isinstance(item, dict) and item.get("caption") == post.text and item.get("id"):
                return Published(self.platform, item["id"], item.get("permalink") or "", item)
        return None

    def _delete_once(self, platform_post_id: str, token: str) -> Deleted:
        raise UnsupportedError(
            "the Instagram Graph API cannot delete published media; remove it in the app",
            platform=self.platform,
            code="unsupported",
        )

    def _permalink(self, media_id: str, token: str) -> str:
        try:
            body = self.call(
                "GET",
                f"{self.api_base}/{media_id}",
                params={"fields": "id,permalink", "access_token": token},
            ).json()
        except Exception:  # the post is confirmed by its id; the link is a convenience
            return ""
        return str(graph_get(body, "permalink") or "")

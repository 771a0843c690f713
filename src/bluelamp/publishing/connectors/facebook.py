"""Facebook Pages (Graph API): text posts to ``/{page-id}/feed``, a post with one photo to
``/{page-id}/photos`` (multipart ``source`` + ``caption``), removal with ``DELETE /{post-id}``.
The token is a Page access token, sent as ``access_token``.

Idempotency: the Graph API has no idempotency key for posts. After an attempt whose answer was
lost, the connector lists the Page's recent posts (``GET /{page-id}/feed?fields=id,message``)
and takes the one with exactly our text.
"""

from __future__ import annotations

from typing import Any

from bluelamp.publishing.connectors.base import (
    Deleted,
    OutgoingPost,
    Published,
    RejectedError,
    TransientError,
)
from bluelamp.publishing.connectors.graph import GraphConnector, graph_get
from bluelamp.publishing.connectors.http import FilePart

RECENT_POSTS_TO_CHECK = 25


class FacebookPagesConnector(GraphConnector):
    """Publishes to one Facebook Page."""

    platform = "facebook"

    def __init__(self, *, page_id: str, web_base: str = "https://www.facebook.com", **kwargs: Any):
        super().__init__(**kwargs)
        self.page_id = page_id
        self.web_base = web_base.rstrip("/")

    def _publish_once(self, post: OutgoingPost, token: str) -> Published:
        if len(post.media) > 1:
            raise RejectedError(
                "only one photo per Facebook post is supported so far", platform=self.platform
            )
        if post.media:
            image = post.media[0]
            response = self.call(
                "POST",
                f"{self.api_base}/{self.page_id}/photos",
                form={"caption": post.text, "access_token": token},
                files={"source": FilePart(image.filename, image.mime_type, image.data)},
            )
            body = response.json()
            post_id = graph_get(body, "post_id") or graph_get(body, "id")
        else:
            response = self.call(
                "POST",
                f"{self.api_base}/{self.page_id}/feed",
                form={"message": post.text, "access_token": token},
            )
            body = response.json()
            post_id = graph_get(body, "id")
        if not isinstance(post_id, str) or not post_id:
            raise self.unconfirmed(f"POST /{self.page_id}", body)
        return Published(self.platform, post_id, f"{self.web_base}/{post_id}", body)

    def _delete_once(self, platform_post_id: str, token: str) -> Deleted:
        response = self.call(
            "DELETE", f"{self.api_base}/{platform_post_id}", params={"access_token": token}
        )
        body = response.json()
        if graph_get(body, "success") is not True:
            raise TransientError(
                "DELETE answered without success: true", platform=self.platform, raw=body
            )
        return Deleted(self.platform, platform_post_id, body)

    def find_existing(self, post: OutgoingPost, token: str) -> Published | None:
        body = self.call(
            "GET",
            f"{self.api_base}/{self.page_id}/feed",
            params={
                "fields": "id,message,created_time,permalink_url",
                "limit": str(RECENT_POSTS_TO_CHECK),
                "access_token": token,
            },
        ).json()
        for item in graph_get(body, "data") or []:
            if isinstance(item, dict) and item.get("message") == post.text and item.get("id"):
                url = item.get("permalink_url") or f"{self.web_base}/{item['id']}"
                return Published(self.platform, item["id"], url, item)
        return None

"""Facebook Pages (Graph API): text posts to ``/{page-id}/feed``, a post with one photo to
``/{page-id}/photos`` (multipart ``source`` + ``caption``), a post with several photos as
unpublished ``/{page-id}/photos`` (``published=false``) attached to one ``/{page-id}/feed`` post
(``attached_media[i]={"media_fbid": ...}``), a reply as a comment on the post it answers
(``POST /{object-id}/comments``, ``message`` and at most one photo as ``source``), a
correction with ``POST /{post-id}``
(``message``), removal with ``DELETE /{post-id}``. The token is a
Page access token, sent as ``access_token``; each photo's description goes as
``alt_text_custom``.

Idempotency: the Graph API has no idempotency key for posts. After an attempt whose answer was
lost, the connector lists the Page's recent posts (``GET /{page-id}/feed?fields=id,message``)
and takes the one with exactly our text (a reply: the object's comments,
``GET /{object-id}/comments``).
"""

from __future__ import annotations

import json
from typing import Any

from bluelamp.publishing.connectors.base import (
    Deleted,
    Edited,
    MediaItem,
    OutgoingPost,
    Published,
    RejectedError,
    TransientError,
    register,
)
from bluelamp.publishing.connectors.graph import GraphConnector, graph_get
from bluelamp.publishing.connectors.http import FilePart

RECENT_POSTS_TO_CHECK = 25


@register
class FacebookPagesConnector(GraphConnector):
    """Publishes to one Facebook Page."""

    platform = "facebook"
    web_base_setting = "BLUELAMP_FACEBOOK_WEB_BASE"

    @classmethod
    def for_account(
        cls, *, api_base: str, account_id: str, containers: Any = None, **common: Any
    ) -> FacebookPagesConnector:
        return cls(api_base=api_base, page_id=account_id, **common)

    def __init__(self, *, page_id: str, web_base: str = "https://www.facebook.com", **kwargs: Any):
        super().__init__(**kwargs)
        self.page_id = page_id
        self.web_base = web_base.rstrip("/")

    def _publish_once(self, post: OutgoingPost, token: str) -> Published:
        if post.quote_of:
            raise RejectedError(
                "Facebook has no quote posts: share the post in the app, or reply to it",
                platform=self.platform,
                code="unsupported",
            )
        if post.in_reply_to:
            return self._comment_once(post, token)
        if len(post.media) == 1:
            image = post.media[0]
            form = {"caption": post.text, "access_token": token}
            if image.alt_text:
                form["alt_text_custom"] = image.alt_text
            response = self.call(
                "POST",
                f"{self.api_base}/{self.page_id}/photos",
                form=form,
                files={"source": FilePart(image.filename, image.mime_type, image.data)},
            )
            body = response.json()
            post_id = graph_get(body, "post_id") or graph_get(body, "id")
        else:
            form = {"message": post.text, "access_token": token}
            # Several photos: each is uploaded unpublished (harmless if a retry uploads it
            # again), then one feed post attaches them all.
            for index, image in enumerate(post.media):
                form[f"attached_media[{index}]"] = json.dumps(
                    {"media_fbid": self._unpublished_photo(image, token)}
                )
            response = self.call("POST", f"{self.api_base}/{self.page_id}/feed", form=form)
            body = response.json()
            post_id = graph_get(body, "id")
        if not isinstance(post_id, str) or not post_id:
            raise self.unconfirmed(f"POST /{self.page_id}", body)
        return Published(self.platform, post_id, f"{self.web_base}/{post_id}", body)

    def _comment_once(self, post: OutgoingPost, token: str) -> Published:
        """A reply: a comment on the object it answers, with at most one photo."""
        if len(post.media) > 1:
            raise RejectedError(
                "a Facebook comment carries one photo at most",
                platform=self.platform,
                code="too_many_photos",
            )
        files = None
        if post.media:
            image = post.media[0]
            files = {"source": FilePart(image.filename, image.mime_type, image.data)}
        response = self.call(
            "POST",
            f"{self.api_base}/{post.in_reply_to}/comments",
            form={"message": post.text, "access_token": token},
            files=files,
        )
        body = response.json()
        comment_id = graph_get(body, "id")
        if not isinstance(comment_id, str) or not comment_id:
            raise self.unconfirmed(f"POST /{post.in_reply_to}/comments", body)
        return Published(self.platform, comment_id, self._comment_url(post, comment_id), body)

    def _comment_url(self, post: OutgoingPost, comment_id: str) -> str:
        return f"{self.web_base}/{post.in_reply_to}?comment_id={comment_id.rsplit('_', 1)[-1]}"

    def _unpublished_photo(self, image: MediaItem, token: str) -> str:
        form = {"published": "false", "access_token": token}
        if image.alt_text:
            form["alt_text_custom"] = image.alt_text
        body = self.call(
            "POST",
            f"{self.api_base}/{self.page_id}/photos",
            form=form,
            files={"source": FilePart(image.filename, image.mime_type, image.data)},
        ).json()
        photo_id = graph_get(body, "id")
        if not isinstance(photo_id, str) or not photo_id:
            raise TransientError(
                "the photo upload answered without an id", platform=self.platform, raw=body
            )
        return photo_id

    def _edit_once(self, platform_post_id: str, text: str, token: str) -> Edited:
        body = self.call(
            "POST",
            f"{self.api_base}/{platform_post_id}",
            form={"message": text, "access_token": token},
        ).json()
        if graph_get(body, "success") is not True:
            raise TransientError(
                "the edit answered without success: true", platform=self.platform, raw=body
            )
        return Edited(self.platform, platform_post_id, text, body)

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
        if post.in_reply_to:
            comments = self.call(
                "GET",
                f"{self.api_base}/{post.in_reply_to}/comments",
                params={
                    "fields": "id,message",
                    "order": "reverse_chronological",
                    "limit": str(RECENT_POSTS_TO_CHECK),
                    "access_token": token,
                },
            ).json()
            for item in graph_get(comments, "data") or []:
                if isinstance(item, dict) and item.get("message") == post.text and item.get("id"):
                    url = self._comment_url(post, item["id"])
                    return Published(self.platform, item["id"], url, item)
            return None
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

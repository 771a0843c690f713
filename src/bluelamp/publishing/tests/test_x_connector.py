"""The X API v2 connector against a fake X on 127.0.0.1."""

import socket

import pytest

from bluelamp.publishing.connectors import (
    MediaItem,
    OutgoingPost,
    RateLimited,
    RejectedError,
    TokenError,
    TransientError,
    UnconfirmedError,
    XConnector,
)
from bluelamp.publishing.connectors.base import RetryPolicy

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def post(text="Have you seen Sam? Call 101 quoting log 123.", **kwargs):
    return OutgoingPost(idempotency_key="post-1", text=text, **kwargs)


def test_publish_creates_one_post_and_returns_its_id_and_url(x, fake_x):
    published = x.publish(post(), "good-token")

    assert published.platform_post_id in fake_x.posts
    assert published.url == f"https://x.com/i/web/status/{published.platform_post_id}"
    assert published.raw["data"]["text"] == post().text
    assert published.attempts == 1 and not published.reconciled
    assert fake_x.calls("POST", "/2/tweets")[0].headers["authorization"] == "Bearer good-token"


def test_delete_removes_the_post_on_the_platform(x, fake_x):
    published = x.publish(post(), "good-token")

    deleted = x.delete(published.platform_post_id, "good-token")

    assert deleted.platform_post_id == published.platform_post_id
    assert deleted.raw == {"data": {"deleted": True}}
    assert fake_x.posts == {}


def test_publish_with_an_image_uploads_it_and_attaches_the_media_id(x, fake_x):
    published = x.publish(post(media=(MediaItem(PNG, "image/png", "a.png"),)), "good-token")

    (media_id,) = fake_x.media
    assert fake_x.media[media_id] == PNG
    assert fake_x.posts[published.platform_post_id]["media_ids"] == [media_id]
    assert fake_x.calls("POST", "/2/media/upload")[0].json()["media_category"] == "tweet_image"


def test_an_expired_token_raises_token_error_with_the_platforms_message(x, fake_x):
    fake_x.fault("POST", "/2/tweets", "token")

    with pytest.raises(TokenError) as caught:
        x.publish(post(), "good-token")

    assert caught.value.status == 401
    assert caught.value.message == "Unauthorized"
    assert len(fake_x.calls("POST", "/2/tweets")) == 1  # not retried
    assert fake_x.posts == {}


def test_an_unknown_token_raises_token_error(x):
    with pytest.raises(TokenError):
        x.publish(post(), "revoked-token")


def test_a_429_is_retried_after_the_reset_header_and_then_succeeds(x, fake_x, sleep):
    fake_x.fault("POST", "/2/tweets", "rate_limit", wait=42)

    published = x.publish(post(), "good-token")

    assert sleep.waits == [42.0]
    assert published.attempts == 2
    assert len(fake_x.posts) == 1


def test_a_rate_limit_longer_than_the_cap_is_raised_for_the_scheduler(x, fake_x, sleep):
    fake_x.fault("POST", "/2/tweets", "rate_limit", wait=3600)

    with pytest.raises(RateLimited) as caught:
        x.publish(post(), "good-token")

    assert caught.value.retry_after == 3600
    assert sleep.waits == []


def test_a_500_is_retried_with_back_off_then_gives_up_after_the_attempt_limit(x, fake_x, sleep):
    fake_x.fault("POST", "/2/tweets", "server_error", times=10)

    with pytest.raises(TransientError) as caught:
        x.publish(post(), "good-token")

    assert caught.value.status == 500
    assert len(fake_x.calls("POST", "/2/tweets")) == 4
    assert sleep.waits == [1.0, 2.0, 4.0]
    assert fake_x.posts == {}


def test_a_dropped_response_after_creating_creates_exactly_one_post(x, fake_x):
    fake_x.fault("POST", "/2/tweets", "drop")

    published = x.publish(post(), "good-token")

    assert len(fake_x.posts) == 1
    assert published.platform_post_id in fake_x.posts
    assert published.reconciled
    assert len(fake_x.calls("POST", "/2/tweets")) == 1  # found by lookup, never re-posted


def test_a_malformed_success_body_is_never_reported_as_published(x, fake_x):
    fake_x.fault("POST", "/2/tweets", "malformed", times=10, body={"data": {"text": "no id"}})

    with pytest.raises(UnconfirmedError):
        x.publish(post(), "good-token")


def test_duplicate_text_is_rejected_with_the_platforms_detail(x, fake_x):
    x.publish(post(), "good-token")

    with pytest.raises(RejectedError) as caught:
        x.publish(post(), "good-token")

    assert caught.value.status == 403
    assert "duplicate content" in caught.value.message


def test_a_500_after_the_post_was_stored_does_not_post_twice(x, fake_x):
    fake_x.fault("POST", "/2/tweets", "fail_after_create")

    published = x.publish(post(), "good-token")

    assert list(fake_x.posts) == [published.platform_post_id]
    assert published.reconciled


def test_a_refused_connection_is_retried_and_then_reported_as_transient(sleep):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = XConnector(
        api_base=f"http://127.0.0.1:{port}", retry=RetryPolicy(max_attempts=3), sleep=sleep
    )

    with pytest.raises(TransientError):
        closed.publish(post(), "good-token")

    assert sleep.waits == [1.0, 2.0]  # no lookup first: a refused connection created nothing


def test_when_the_lookup_fails_after_a_lost_answer_it_never_posts_again(x, fake_x):
    fake_x.fault("POST", "/2/tweets", "drop")
    fake_x.fault("GET", "/2/users/me", "server_error", times=10)

    with pytest.raises(UnconfirmedError):
        x.publish(post(), "good-token")

    assert len(fake_x.calls("POST", "/2/tweets")) == 1
    assert len(fake_x.posts) == 1  # it exists; a person or a later check must confirm it


def test_a_dropped_delete_response_is_reported_as_deleted(x, fake_x):
    published = x.publish(post(), "good-token")
    fake_x.fault("DELETE", r"/2/tweets/\d+", "drop")

    deleted = x.delete(published.platform_post_id, "good-token")

    assert deleted.already_gone
    assert fake_x.posts == {}


def test_deleting_a_post_that_is_not_there_is_rejected(x):
    with pytest.raises(RejectedError) as caught:
        x.delete("1456012973835788293", "good-token")

    assert caught.value.code == "not_deleted"


def test_x_cannot_edit_through_its_api(x):
    from bluelamp.publishing.connectors import UnsupportedError

    with pytest.raises(UnsupportedError, match="correct it in the app"):
        x.edit("1", "new words", "good-token")

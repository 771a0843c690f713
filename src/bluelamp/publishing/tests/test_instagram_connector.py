"""The Instagram content-publishing connector against a fake Graph API on 127.0.0.1."""

import pytest

from bluelamp.publishing.connectors import (
    InstagramConnector,
    MediaItem,
    OutgoingPost,
    RejectedError,
    TokenError,
    TransientError,
    UnconfirmedError,
    UnsupportedError,
)

IMAGE = MediaItem(b"\xff\xd8\xff", url="https://media.example.org/appeal.jpg")


def post(text="Missing: Sam, 14, last seen in Digbeth. Call 101.", media=(IMAGE,)):
    return OutgoingPost(idempotency_key="post-9", text=text, media=media)


def test_publish_creates_a_container_waits_for_it_then_publishes(instagram, fake_graph, sleep):
    fake_graph.polls_before_finished = 2

    published = instagram.publish(post(), "good-token")

    (create,) = fake_graph.calls("POST", rf"/v21.0/{fake_graph.ig_user_id}/media")
    assert create.form["image_url"] == IMAGE.url
    assert create.form["caption"] == post().text
    (publish,) = fake_graph.calls("POST", rf"/v21.0/{fake_graph.ig_user_id}/media_publish")
    assert publish.form["creation_id"] == instagram.containers["post-9"]
    assert sleep.waits == [3.0, 3.0]  # two polls while IN_PROGRESS
    assert published.platform_post_id in fake_graph.ig_media
    assert published.url.startswith("https://www.instagram.com/p/")


def test_a_dropped_publish_response_creates_exactly_one_post(instagram, fake_graph):
    fake_graph.fault("POST", r".*/media_publish", "drop")

    published = instagram.publish(post(), "good-token")

    assert list(fake_graph.ig_media) == [published.platform_post_id]
    assert len(fake_graph.containers) == 1
    assert published.reconciled


def test_a_restarted_worker_reuses_the_recorded_container(instagram, fake_graph, sleep):
    fake_graph.fault("POST", r".*/media_publish", "server_error", times=10)
    with pytest.raises(TransientError):
        instagram.publish(post(), "good-token")
    restarted = InstagramConnector(
        api_base=instagram.api_base,
        ig_user_id=fake_graph.ig_user_id,
        containers=instagram.containers,  # what the worker persisted
        http=instagram.http,
        sleep=sleep,
    )
    fake_graph.faults.clear()

    published = restarted.publish(post(), "good-token")

    assert len(fake_graph.containers) == 1
    assert list(fake_graph.ig_media) == [published.platform_post_id]


def test_a_post_without_an_image_url_is_rejected_before_calling_the_platform(instagram, fake_graph):
    with pytest.raises(RejectedError):
        instagram.publish(post(media=()), "good-token")

    assert fake_graph.requests == []


def test_an_expired_token_raises_token_error(instagram, fake_graph):
    fake_graph.fault("POST", r".*/media", "token")

    with pytest.raises(TokenError) as caught:
        instagram.publish(post(), "good-token")

    assert caught.value.code == 190


def test_a_malformed_publish_body_is_never_reported_as_published(instagram, fake_graph):
    fake_graph.fault("POST", r".*/media_publish", "malformed", times=10, body={})

    with pytest.raises(UnconfirmedError):
        instagram.publish(post(), "good-token")

    assert fake_graph.ig_media == {}


def test_delete_is_unsupported_on_instagram(instagram):
    with pytest.raises(UnsupportedError):
        instagram.delete("17920238422030506", "good-token")

"""The Facebook Pages connector against a fake Graph API on 127.0.0.1."""

import pytest

from bluelamp.publishing.connectors import (
    MediaItem,
    OutgoingPost,
    RejectedError,
    TokenError,
    TransientError,
    UnconfirmedError,
)
from bluelamp.publishing.fakeplatforms import fixture

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def post(text="Road closed on the A38 after a collision; please avoid the area.", **kwargs):
    return OutgoingPost(idempotency_key="post-7", text=text, **kwargs)


def test_publish_posts_to_the_page_feed_and_returns_the_post_id(facebook, fake_graph):
    published = facebook.publish(post(), "good-token")

    assert published.platform_post_id.startswith(f"{fake_graph.page_id}_")
    assert fake_graph.posts[published.platform_post_id]["message"] == post().text
    assert published.url == f"https://www.facebook.com/{published.platform_post_id}"
    assert fake_graph.calls("POST", rf"/v21.0/{fake_graph.page_id}/feed")[0].form["access_token"]


def test_publish_with_a_photo_uploads_it_to_the_page_photos(facebook, fake_graph):
    published = facebook.publish(post(media=(MediaItem(JPEG),)), "good-token")

    (request,) = fake_graph.calls("POST", rf"/v21.0/{fake_graph.page_id}/photos")
    assert request.files["source"] == JPEG
    assert request.form["caption"] == post().text
    assert published.platform_post_id == published.raw["post_id"]


def test_several_photos_are_uploaded_unpublished_and_attached_to_one_post(facebook, fake_graph):
    images = (MediaItem(JPEG, alt_text="A van"), MediaItem(JPEG + b"2", alt_text="A bike"))
    published = facebook.publish(post(media=images), "good-token")

    uploads = fake_graph.calls("POST", rf"/v21.0/{fake_graph.page_id}/photos")
    assert [r.form["published"] for r in uploads] == ["false", "false"]
    assert [r.form["alt_text_custom"] for r in uploads] == ["A van", "A bike"]
    assert len(fake_graph.posts) == 1
    assert fake_graph.posts[published.platform_post_id]["photos"] == list(
        fake_graph.unpublished_photos
    )


def test_several_photos_and_a_dropped_answer_still_make_one_post(facebook, fake_graph):
    fake_graph.fault("POST", rf"/v21.0/{fake_graph.page_id}/feed", "drop")
    images = (MediaItem(JPEG), MediaItem(JPEG + b"2"))

    published = facebook.publish(post(media=images), "good-token")

    assert published.reconciled
    assert list(fake_graph.posts) == [published.platform_post_id]


def test_delete_removes_the_post_on_the_platform(facebook, fake_graph):
    published = facebook.publish(post(), "good-token")

    deleted = facebook.delete(published.platform_post_id, "good-token")

    assert deleted.raw == {"success": True}
    assert fake_graph.posts == {}


def test_an_expired_token_raises_token_error_with_code_190_and_the_message(facebook, fake_graph):
    fake_graph.fault("POST", r".*/feed", "token")

    with pytest.raises(TokenError) as caught:
        facebook.publish(post(), "good-token")

    assert caught.value.code == 190
    assert "Session has expired" in caught.value.message
    assert fake_graph.posts == {}


def test_a_permission_error_body_is_rejected_with_the_platforms_code(facebook, fake_graph):
    fake_graph.fault("POST", r".*/feed", "reply", status=400, body=fixture("graph_error.json"))

    with pytest.raises(RejectedError) as caught:
        facebook.publish(post(), "good-token")

    assert caught.value.code == 100
    assert caught.value.message.startswith("(#100)")


def test_a_page_rate_limit_waits_the_estimated_time_then_succeeds(facebook, fake_graph, sleep):
    fake_graph.fault("POST", r".*/feed", "rate_limit", wait=120)

    published = facebook.publish(post(), "good-token")

    assert sleep.waits == [120.0]  # estimated_time_to_regain_access: 2 minutes
    assert published.platform_post_id in fake_graph.posts


def test_a_500_is_retried_then_gives_up_after_the_attempt_limit(facebook, fake_graph, sleep):
    fake_graph.fault("POST", r".*/feed", "server_error", times=10)

    with pytest.raises(TransientError) as caught:
        facebook.publish(post(), "good-token")

    assert caught.value.code == 2
    assert len(fake_graph.calls("POST", r".*/feed")) == 4
    assert sleep.waits == [1.0, 2.0, 4.0]


def test_a_dropped_response_after_creating_creates_exactly_one_post(facebook, fake_graph):
    fake_graph.fault("POST", r".*/feed", "drop")

    published = facebook.publish(post(), "good-token")

    assert list(fake_graph.posts) == [published.platform_post_id]
    assert published.reconciled


def test_a_malformed_success_body_is_never_reported_as_published(facebook, fake_graph):
    fake_graph.fault("POST", r".*/feed", "malformed", times=10, body={"success": True})

    with pytest.raises(UnconfirmedError):
        facebook.publish(post(), "good-token")

    assert fake_graph.posts == {}


def test_a_dropped_delete_response_is_reported_as_deleted(facebook, fake_graph):
    published = facebook.publish(post(), "good-token")
    fake_graph.fault("DELETE", r".*", "drop")

    deleted = facebook.delete(published.platform_post_id, "good-token")

    assert deleted.already_gone
    assert fake_graph.posts == {}


def test_an_app_rate_limit_without_a_wait_header_waits_the_default(facebook, fake_graph, sleep):
    body = {
        "error": {
            "message": "(#4) Application request limit reached",
            "type": "OAuthException",
            "is_transient": True,
            "code": 4,
            "fbtrace_id": "A1m6KK6iBqvjzPeQd4DYbKM",
        }
    }
    usage = '{"call_count":100,"total_cputime":12,"total_time":15}'
    fake_graph.fault(
        "POST", r".*/feed", "reply", status=400, body=body, headers={"x-app-usage": usage}
    )

    facebook.publish(post(), "good-token")

    assert sleep.waits == [60.0]


def test_edit_changes_the_words_of_a_published_post(facebook, fake_graph):
    published = facebook.publish(post(), "good-token")

    edited = facebook.edit(published.platform_post_id, "Road reopened on the A38.", "good-token")

    assert edited.raw == {"success": True}
    assert fake_graph.posts[published.platform_post_id]["message"] == "Road reopened on the A38."


def test_edit_after_a_dropped_answer_is_simply_sent_again(facebook, fake_graph):
    published = facebook.publish(post(), "good-token")
    fake_graph.fault("POST", rf"/v21.0/{published.platform_post_id}", "drop")

    facebook.edit(published.platform_post_id, "Corrected.", "good-token")

    assert fake_graph.posts[published.platform_post_id]["message"] == "Corrected."

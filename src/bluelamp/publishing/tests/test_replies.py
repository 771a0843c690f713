"""Replies and quotes know what they answer: chosen from the archive or by the platform's
address (parsed to the platform's id, with clear refusals), kept with the post, shown on its
page, and sent to the platform as the platform takes them (X: ``reply.in_reply_to_tweet_id`` and
``quote_tweet_id``; Facebook: a comment on the object). The fake platforms record them and refuse
a reply to a post they do not have, as the real ones do."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.core.errors import InvalidInputError
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.connectors.base import OutgoingPost, RejectedError
from bluelamp.publishing.fakeplatforms import PAGE_ID, FakeGraph, FakeX
from bluelamp.publishing.models import Post
from bluelamp.publishing.services import compose, connections, delivery
from bluelamp.publishing.tests.people import newsroom
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

CLEAN = "Thanks for letting us know: officers are on their way to the park now."
THEIRS = "1866152345678901234"


@pytest.fixture
def room(db):
    return newsroom()


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr(delivery, "SLEEP", lambda seconds: None)


@pytest.fixture
def live_x(settings):
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    yield fake
    fake.stop()


@pytest.fixture
def live_graph(settings):
    fake = FakeGraph().start()
    settings.BLUELAMP_GRAPH_API_BASE = f"{fake.base_url}/{fake.version}"
    yield fake
    fake.stop()


def reply(room, target, account=None, **kwargs) -> Post:
    return compose.post_create(
        actor=room.author, account=account or room.team, text=CLEAN, in_reply_to=target, **kwargs
    )


def published(room, post: Post) -> Post:
    post = compose.post_submit(post=post, actor=room.author)
    return delivery.post_publish(post=post, actor=room.author)


# --- Choosing what it answers ------------------------------------------------------------------


def test_a_reply_by_address_keeps_the_platforms_id_and_becomes_a_reply(room):
    post = reply(room, f"https://x.com/someone/status/{THEIRS}?s=20")
    assert post.kind == "reply" and post.reply_to == THEIRS and post.quote_of == ""


def test_a_bad_address_is_refused_on_its_field_and_nothing_is_saved(room):
    with pytest.raises(InvalidInputError) as refused:
        reply(room, "https://www.facebook.com/WMPolice/posts/123")
    assert "not an address on X" in refused.value.fields["errors"]["in_reply_to"][0]
    assert not Post.objects.exists()


def test_instagram_replies_and_facebook_quotes_are_refused_with_words(room):
    instagram = AccountFactory(platform="instagram", handle="wmp_insta", owner=room.author)
    with pytest.raises(InvalidInputError, match="cannot send replies on Instagram"):
        reply(room, "https://www.instagram.com/p/ABC/", account=instagram)
    with pytest.raises(InvalidInputError, match="cannot send quote posts on Facebook"):
        compose.post_create(
            actor=room.author,
            account=room.npu,
            text=CLEAN,
            quote_of=f"https://www.facebook.com/{PAGE_ID}/posts/1",
        )
    assert not Post.objects.exists()


def test_a_reply_without_its_target_cannot_be_sent_on(room):
    post = compose.post_create(actor=room.author, account=room.team, text=CLEAN, kind="reply")
    with pytest.raises(InvalidInputError) as refused:
        compose.post_submit(post=post, actor=room.author)
    assert "Say which post this replies to" in refused.value.fields["errors"]["in_reply_to"][0]
    assert Post.objects.get(pk=post.pk).state == flow.DRAFT


def test_a_post_from_the_archive_is_chosen_by_its_id_only_if_the_author_may_read_it(room):
    ours = compose.post_create(actor=room.author, account=room.team, text="Earlier news.")
    Post.objects.filter(pk=ours.pk).update(state=flow.PUBLISHED, platform_post_id="1777")
    assert reply(room, str(ours.public_id)).reply_to == "1777"
    elsewhere = AccountFactory(platform="x", handle="WMPElsewhere", owner=room.outsider)
    theirs = compose.post_create(actor=room.outsider, account=elsewhere, text="Their news.")
    Post.objects.filter(pk=theirs.pk).update(state=flow.PUBLISHED, platform_post_id="1888")
    with pytest.raises(InvalidInputError, match="There is no such post in the archive"):
        reply(room, str(theirs.public_id))


def test_both_a_reply_and_a_quote_is_refused(room):
    with pytest.raises(InvalidInputError, match="either replies to a post or quotes one"):
        reply(room, THEIRS, quote_of="1999")


def test_changing_a_reply_into_a_post_drops_its_target(room):
    post = reply(room, THEIRS)
    post = compose.post_update(post=post, actor=room.author, text=CLEAN, kind="post")
    assert post.kind == "post" and post.reply_to == ""


# --- Sending it ---------------------------------------------------------------------------------


def test_a_reply_is_published_on_x_with_in_reply_to(room, live_x):
    live_x.seed_post(THEIRS, "Is the park closed?")
    connections.connection_save(actor=room.ccd, account=room.team, token="good-token")
    post = published(room, reply(room, f"https://twitter.com/someone/status/{THEIRS}"))
    assert post.state == flow.PUBLISHED
    sent = live_x.calls("POST", "/2/tweets")[-1].json()
    assert sent["reply"] == {"in_reply_to_tweet_id": THEIRS}
    assert live_x.posts[post.platform_post_id]["in_reply_to_tweet_id"] == THEIRS


def test_a_quote_is_published_on_x_with_quote_tweet_id(room, live_x):
    live_x.seed_post(THEIRS, "Road closed on the A38.")
    connections.connection_save(actor=room.ccd, account=room.team, token="good-token")
    post = compose.post_create(actor=room.author, account=room.team, text=CLEAN, quote_of=THEIRS)
    post = published(room, post)
    assert post.kind == "post"
    assert live_x.calls("POST", "/2/tweets")[-1].json()["quote_tweet_id"] == THEIRS


def test_x_refuses_a_reply_to_a_post_it_does_not_have_and_the_post_fails(room, live_x):
    connections.connection_save(actor=room.ccd, account=room.team, token="good-token")
    post = compose.post_submit(post=reply(room, "1234"), actor=room.author)
    with pytest.raises(Exception, match="deleted or not visible"):
        delivery.post_publish(post=post, actor=room.author)
    post = Post.objects.get(pk=post.pk)
    assert post.state == flow.FAILED and "deleted or not visible" in post.last_error
    assert live_x.posts == {}


def test_a_facebook_reply_is_a_comment_on_the_object(room, live_graph):
    target = f"{PAGE_ID}_1116689000000001"
    live_graph.seed_post(target, "Has anyone seen my dog?")
    connections.connection_save(
        actor=room.ccd, account=room.npu, token="good-token", platform_account_id=PAGE_ID
    )
    post = published(
        room,
        reply(
            room,
            f"https://www.facebook.com/permalink.php?story_fbid=1116689000000001&id={PAGE_ID}",
            account=room.npu,
        ),
    )
    assert post.state == flow.PUBLISHED
    assert live_graph.calls("POST", rf"/v21.0/{target}/comments")
    comment = live_graph.comments[post.platform_post_id]
    assert comment["object"] == target and comment["message"] == CLEAN
    assert live_graph.posts == {}  # not a new post on the Page


def test_facebook_refuses_a_comment_on_an_object_it_does_not_have(live_graph):
    from bluelamp.publishing.connectors import FacebookPagesConnector

    connector = FacebookPagesConnector(
        api_base=f"{live_graph.base_url}/{live_graph.version}", page_id=PAGE_ID
    )
    with pytest.raises(RejectedError, match="does not exist") as refused:
        connector.publish(
            OutgoingPost(idempotency_key="k", text=CLEAN, in_reply_to="999_1"), "good-token"
        )
    assert refused.value.code == 100
    assert live_graph.comments == {}


def test_a_lost_answer_to_a_facebook_comment_finds_the_comment_instead_of_commenting_again(
    live_graph,
):
    from bluelamp.publishing.connectors import FacebookPagesConnector

    target = f"{PAGE_ID}_42"
    live_graph.seed_post(target, "A question.")
    live_graph.fault("POST", rf"/v21.0/{target}/comments", "drop")
    connector = FacebookPagesConnector(
        api_base=f"{live_graph.base_url}/{live_graph.version}",
        page_id=PAGE_ID,
        sleep=lambda seconds: None,
    )
    done = connector.publish(
        OutgoingPost(idempotency_key="k", text=CLEAN, in_reply_to=target), "good-token"
    )
    assert done.reconciled and len(live_graph.comments) == 1


# --- The pages ----------------------------------------------------------------------------------


def test_the_compose_page_saves_a_reply_by_address_and_the_post_page_shows_it(client, room):
    client.force_login(room.author)
    response = client.post(
        reverse("publishing:post_new"),
        {
            "account": room.team.pk,
            "kind": "reply",
            "in_reply_to": f"https://x.com/someone/status/{THEIRS}",
            "text": CLEAN,
            "action": "save",
        },
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.reply_to == THEIRS
    page = client.get(reverse("publishing:post_detail", args=[post.public_id])).content.decode()
    assert "Replies to" in page and f"https://x.com/i/web/status/{THEIRS}" in page
    assert "As it will look on X" in page


def test_the_compose_page_refuses_a_bad_address_on_its_field(client, room):
    client.force_login(room.author)
    response = client.post(
        reverse("publishing:post_new"),
        {
            "account": room.team.pk,
            "kind": "reply",
            "in_reply_to": "https://x.com/someone",
            "text": CLEAN,
            "action": "save",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "is an address on X but not of a post" in body
    assert 'href="#id_in_reply_to"' in body
    assert not Post.objects.exists()


def test_the_archive_search_offers_published_posts_and_choosing_one_fills_it_in(client, room):
    earlier = compose.post_create(
        actor=room.author, account=room.team, text="The park is closed for the fair."
    )
    Post.objects.filter(pk=earlier.pk).update(state=flow.PUBLISHED, platform_post_id="1777")
    client.force_login(room.author)
    form = {"account": room.team.pk, "kind": "post", "text": CLEAN, "find": "park is closed"}
    found = client.post(reverse("publishing:post_new"), {**form, "action": "find"})
    body = found.content.decode()
    assert found.status_code == 200 and "Reply to this" in body and "Quote this" in body
    chosen = client.post(
        reverse("publishing:post_new"), {**form, "choose": f"reply:{earlier.public_id}"}
    )
    assert f'value="{earlier.public_id}"' in chosen.content.decode()
    assert not Post.objects.exclude(pk=earlier.pk).exists()  # nothing saved yet


def test_the_api_takes_and_shows_in_reply_to(client, room):
    client.force_login(room.author)
    created = client.post(
        "/api/v1/posts",
        {"account": room.team.pk, "text": CLEAN, "in_reply_to": THEIRS},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["in_reply_to"] == THEIRS and created.json()["kind"] == "reply"
    bad = client.post(
        "/api/v1/posts",
        {"account": room.team.pk, "text": CLEAN, "in_reply_to": "not a post"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "in_reply_to" in bad.json()["errors"]

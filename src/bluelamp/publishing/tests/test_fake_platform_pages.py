"""The demo's fake platforms: a published post has its own page there (where "On the platform"
links go in the demo), and X posts published before the fake started can still be deleted."""

from __future__ import annotations

import io
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from django.test import override_settings

from bluelamp.publishing.connectors import (
    FacebookPagesConnector,
    MediaItem,
    OutgoingPost,
    XConnector,
)
from bluelamp.publishing.management.commands.fake_platforms import published_on_x
from bluelamp.publishing.models import Post
from bluelamp.publishing.tests.conftest import _common


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_post_on_the_fake_x_has_a_page_until_it_is_deleted(fake_x, sleep):
    x = XConnector(api_base=fake_x.base_url, web_base=fake_x.base_url, **_common(sleep))
    published = x.publish(
        OutgoingPost(idempotency_key="k", text="Bike marking <today>"), "good-token"
    )

    assert published.url == f"{fake_x.base_url}/i/web/status/{published.platform_post_id}"
    status, page = fetch(published.url)
    assert status == 200 and "Bike marking &lt;today&gt;" in page
    assert fetch(f"{fake_x.base_url}/WMPDudley/status/{published.platform_post_id}")[0] == 200

    x.delete(published.platform_post_id, "good-token")
    assert fetch(published.url)[0] == 404


def test_posts_held_before_the_fake_started_can_be_deleted_and_new_ids_follow(fake_x, x):
    assert fake_x.seed([("1860000000000000001", "An old post")]) == 1

    x.delete("1860000000000000001", "good-token")  # raises "not_deleted" when it is missing
    published = x.publish(OutgoingPost(idempotency_key="n", text="A new post"), "good-token")

    assert "1860000000000000001" not in fake_x.posts
    assert int(published.platform_post_id) > 1860000000000000001


def test_a_facebook_post_has_a_page_on_the_fake_graph(fake_graph, sleep):
    connector = FacebookPagesConnector(
        api_base=f"{fake_graph.base_url}/{fake_graph.version}",
        page_id=fake_graph.page_id,
        web_base=fake_graph.base_url,
        **_common(sleep),
    )
    published = connector.publish(OutgoingPost(idempotency_key="f", text="Hello"), "good-token")

    assert published.url.startswith(fake_graph.base_url + "/")
    status, page = fetch(published.url)
    assert status == 200 and "Hello" in page
    assert fetch(f"{fake_graph.base_url}/1_2")[0] == 404


def test_an_instagram_permalink_points_at_the_fake_when_told_to(fake_graph, instagram):
    fake_graph.instagram_web_base = fake_graph.base_url
    image = MediaItem(b"\xff\xd8\xff", url="https://media.example.org/appeal.jpg")
    published = instagram.publish(
        OutgoingPost(idempotency_key="i", text="A caption", media=(image,)), "good-token"
    )

    assert published.url.startswith(fake_graph.base_url + "/p/")
    status, page = fetch(published.url)
    assert status == 200 and "A caption" in page


@pytest.mark.django_db
@override_settings(BLUELAMP_X_WEB_BASE="http://127.0.0.1:9101")
def test_the_demo_archive_links_to_the_fake_x_and_is_held_there():
    call_command("load_demo", force=True, stdout=io.StringIO())

    imported = Post.objects.filter(source="imported", account__platform="x")
    assert imported.exists()
    assert all(p.platform_url.startswith("http://127.0.0.1:9101/") for p in imported)
    held = dict(published_on_x())
    assert {p.platform_post_id for p in imported if p.state == "published"} <= set(held)

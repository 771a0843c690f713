"""Platform length limits on the server: the check, the pages, the API and the fake X."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.connectors import OutgoingPost, RejectedError
from bluelamp.publishing.models import Post
from bluelamp.publishing.services import compose
from bluelamp.publishing.services.common import check_text
from bluelamp.publishing.tests.people import newsroom

pytestmark = pytest.mark.django_db

LONG = "Thanks to everyone who came to the Dudley fun day today. " * 176  # 10,032 characters


@pytest.fixture
def room():
    return newsroom()


def test_a_10000_character_post_for_x_is_refused_on_the_page_with_the_rule(client, room):
    assert room.team.platform == "x"
    post = compose.post_create(actor=room.author, account=room.team, text=LONG[:10_000])
    assert {"rule": "platform-length"}.items() <= post.findings[0].items()
    client.force_login(room.author)

    response = client.post(reverse("publishing:post_submit", args=[post.public_id]))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Fix the problems marked" in page
    assert "over X&#x27;s limit of 280" in page or "over X's limit of 280" in page
    assert Post.objects.get(pk=post.pk).state == flow.DRAFT


def test_a_10000_character_post_for_x_is_refused_by_the_api_with_the_rule(room, token_for):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(room.author)}")
    created = api.post(
        "/api/v1/posts", {"account": room.team.pk, "text": LONG[:10_000]}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["verdict"] == "block"
    assert "platform-length" in [f["rule"] for f in created.json()["findings"]]

    refused = api.post(f"/api/v1/posts/{created.json()['id']}/submit", {}, format="json")

    assert refused.status_code == 400
    assert refused.json()["code"] == "post_blocked"
    assert "Within the platform's length limit" in refused.json()["message"]
    assert Post.objects.get().state == flow.DRAFT


def test_the_same_words_on_facebook_are_within_its_limit(room):
    assert room.npu.platform == "facebook"
    report = check_text(text=LONG[:10_000], account=room.npu, kind="post", now=timezone.now())
    assert "platform-length" not in [f.rule for f in report.findings]


def test_the_live_check_gives_the_count_as_x_counts_it(client, room):
    client.force_login(room.author)
    text = "Appeal details: https://west-midlands.police.uk/news/" + "x" * 300 + " 😀"

    answer = client.post(
        reverse("publishing:post_check"),
        json.dumps({"text": text, "account": room.team.pk}),
        content_type="application/json",
    ).json()

    assert answer["length"]["count"] == 16 + 23 + 1 + 2
    assert answer["length"]["words"] == "42 of 280 weighted characters on X"
    assert "platform-length" not in [f["rule"] for f in answer["findings"]]

    over = client.post(
        reverse("publishing:post_check"),
        json.dumps({"text": "日本" * 141, "account": room.team.pk}),
        content_type="application/json",
    ).json()
    assert over["length"]["words"] == "564 weighted characters: 284 too many for X (280)"
    assert over["verdict"] == "block"


def test_the_compose_page_shows_the_platforms_count_after_a_check(client, room):
    client.force_login(room.author)
    response = client.post(
        reverse("publishing:post_new"),
        {"account": room.team.pk, "kind": "post", "text": "a" * 300, "action": "check"},
    )
    page = response.content.decode()
    assert "300 weighted characters: 20 too many for X (280)" in page
    assert "Within the platform&#x27;s length limit" in page


def test_the_fake_x_refuses_a_post_over_280_weighted_characters(x, fake_x):
    with pytest.raises(RejectedError, match="invalid-request"):
        x.publish(OutgoingPost(idempotency_key="long", text="a" * 281), "good-token")
    assert fake_x.posts == {}
    long_link = "https://west-midlands.police.uk/" + "a" * 400
    published = x.publish(OutgoingPost(idempotency_key="link", text=long_link), "good-token")
    assert published.platform_post_id in fake_x.posts

"""The same words on several accounts at once: a draft on each, each checked for its own account
(tier, platform) and sent on, approved and published on its own; all or none; every role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.publishing.models import Post
from bluelamp.publishing.services import compose
from bluelamp.publishing.tests.people import newsroom

pytestmark = pytest.mark.django_db

CLEAN = "Our Dudley team will be at Netherton market on Saturday from 10am: come and say hello."
#: Over X's 280 weighted characters, well within Facebook's limit.
LONG = ("Our Dudley team will be at Netherton market on Saturday from 10am. " * 5).strip()


@pytest.fixture
def room(db):
    return newsroom()


def test_the_compose_page_saves_a_draft_on_each_account_each_checked_for_its_own(client, room):
    client.force_login(room.author)
    response = client.post(
        reverse("publishing:post_new"),
        {"account": room.team.pk, "also": [room.npu.pk], "kind": "post", "text": LONG},
    )
    assert response.status_code == 302 and response.url == reverse("publishing:post_list")
    on_x = Post.objects.get(account=room.team)
    on_facebook = Post.objects.get(account=room.npu)
    assert on_x.text == on_facebook.text == LONG
    assert on_x.verdict == "block"  # too long for X
    assert "platform-length" not in {f["rule"] for f in on_facebook.findings}
    # Each goes on by itself: the Facebook one is sent on, the X one stays a draft.
    compose.post_submit(post=on_facebook, actor=room.author)
    assert Post.objects.get(pk=on_facebook.pk).state == "ready"
    assert Post.objects.get(pk=on_x.pk).state == "draft"


def test_an_account_the_author_may_not_post_on_is_refused_and_nothing_is_saved(client, room):
    client.force_login(room.author)
    page = client.post(
        reverse("publishing:post_new"),
        {"account": room.team.pk, "also": [room.force_account.pk], "kind": "post", "text": CLEAN},
    )
    assert page.status_code == 400
    assert "Choose only accounts you may post on" in page.content.decode()
    api = client.post(
        "/api/v1/posts/several",
        {"accounts": [room.team.pk, room.force_account.pk], "text": CLEAN},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert not Post.objects.exists()


def test_a_reply_is_written_on_one_account(client, room):
    client.force_login(room.author)
    page = client.post(
        reverse("publishing:post_new"),
        {
            "account": room.team.pk,
            "also": [room.npu.pk],
            "kind": "reply",
            "in_reply_to": "1866152345678901234",
            "text": CLEAN,
        },
    )
    assert page.status_code == 400
    assert "answers one post on one account" in page.content.decode()
    api = client.post(
        "/api/v1/posts/several",
        {"accounts": [room.team.pk, room.npu.pk], "text": CLEAN, "kind": "reply"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "accounts" in api.json()["errors"]
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("author", 201),
        ("colleague", 201),
        ("manager", 403),
        ("outsider", 403),
        ("ccd", 201),
        ("psd", 403),
        ("auditor", 403),
    ],
)
def test_each_role_may_write_on_several_accounts_only_where_it_may_post(
    client, room, who, expected
):
    client.force_login(getattr(room, who))
    answer = client.post(
        "/api/v1/posts/several",
        {"accounts": [room.team.pk, room.npu.pk], "text": CLEAN},
        content_type="application/json",
    )
    assert answer.status_code == expected
    if expected == 201:
        assert {row["account"]["id"] for row in answer.json()} == {room.team.pk, room.npu.pk}
        assert Post.objects.count() == 2
    else:
        assert not Post.objects.exists()


def test_information_security_cannot_use_it(client, db):
    from bluelamp.core.roles import Role
    from bluelamp.social_accounts.tests.factories import ForceUserFactory

    client.force_login(ForceUserFactory(username="infosec", roles=[Role.INFOSEC]))
    answer = client.post(
        "/api/v1/posts/several", {"accounts": [1], "text": CLEAN}, content_type="application/json"
    )
    assert answer.status_code == 403 and not Post.objects.exists()

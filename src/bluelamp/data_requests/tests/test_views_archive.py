"""The archive pages (issue 5, CC/01 4.26–4.31): information security searches the archive for
posts on any account and links each one; a task's page shows the archive's confirmed removal of
its post and records the task from it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.core.roles import Role
from bluelamp.data_requests import views
from bluelamp.data_requests.choices import RequestStatus
from bluelamp.data_requests.models import PostDecision, RemovalTask
from bluelamp.data_requests.tests.archive import make_post, make_removal
from bluelamp.data_requests.tests.conftest import NOW
from bluelamp.data_requests.tests.factories import RemovalRequestFactory
from bluelamp.social_accounts.tests.factories import ForceUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def test_the_search_page_lists_posts_on_any_account_with_a_link_button(
    client, force, accounts, request_
):
    post = make_post(accounts["walsall"], platform_url="https://www.facebook.com/WMPWalsall/1")
    client.force_login(force.infosec)

    url = reverse("data_requests:archive_search", args=[request_.pk])
    response = client.get(url, {"q": "Whitlock"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "@WMPWalsall" in html
    assert "20 Feb 2026" in html
    assert "Police are looking for Dana Whitlock" in html
    assert 'href="https://www.facebook.com/WMPWalsall/1"' in html
    assert f'value="{post.public_id}"' in html
    assert "Link this post" in html
    assert "each copy is a separate post" in html


def test_the_case_page_offers_the_archive_search(client, force, request_):
    client.force_login(force.infosec)
    html = client.get(reverse("data_requests:detail", args=[request_.pk])).content.decode()
    assert "Find the post in the archive" in html
    assert reverse("data_requests:archive_search", args=[request_.pk]) in html


def test_staff_are_refused_the_search_page(client, force, accounts, request_):
    make_post(accounts["dudley"], author=force.by_role[Role.STAFF])
    client.force_login(force.by_role[Role.STAFF])
    response = client.get(
        reverse("data_requests:archive_search", args=[request_.pk]), {"q": "Whitlock"}
    )
    assert response.status_code == 403
    assert "Whitlock" not in response.content.decode()


def test_link_this_post_links_it_and_a_second_time_says_why_not(client, force, accounts, request_):
    post = make_post(accounts["dudley"])
    client.force_login(force.infosec)
    url = reverse("data_requests:archive_link", args=[request_.pk])

    response = client.post(url, {"post": str(post.public_id), "q": "Whitlock"})

    assert response.status_code == 302
    assert request_.posts.get().archived_post == post
    again = client.post(url, {"post": str(post.public_id), "q": "Whitlock"})
    assert again.status_code == 400
    assert "already linked to" in again.content.decode()
    assert request_.posts.count() == 1
    # The search page shows it as linked.
    page = client.get(reverse("data_requests:archive_search", args=[request_.pk]), {"q": "Dana"})
    assert "Linked" in page.content.decode()


def test_posts_cannot_be_linked_once_the_request_is_answered(client, force, accounts):
    rr = RemovalRequestFactory(status=RequestStatus.RESPONDED, owner=force.infosec)
    post = make_post(accounts["dudley"])
    client.force_login(force.infosec)
    response = client.post(
        reverse("data_requests:archive_link", args=[rr.pk]), {"post": str(post.public_id)}
    )
    assert response.status_code == 409
    assert not PostDecision.objects.exists()


def test_the_task_page_shows_the_confirmation_and_records_it(client, force, task):
    ccd = ForceUserFactory(username="ccd-sam", display_name="Sam Comms", roles=[Role.CCD])
    removal = make_removal(task.decision.archived_post, by=ccd)
    rr = task.decision.request
    client.force_login(force.infosec)

    page = client.get(reverse("data_requests:item_action", args=[rr.pk, "complete_task", task.pk]))

    html = page.content.decode()
    assert "Removed on X (Twitter) by Sam Comms (ccd-sam) at 1 March 2026 14:05" in html
    assert "the platform confirmed it" in html
    assert "Record as done from the platform's confirmation" in html
    response = client.post(reverse("data_requests:task_from_platform", args=[rr.pk, task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.platform_removal == removal
    case = client.get(reverse("data_requests:detail", args=[rr.pk])).content.decode()
    assert "From the platform's confirmation" in case


def test_the_task_page_says_who_removes_a_post_still_published(client, force, task):
    rr = task.decision.request
    client.force_login(force.infosec)

    page = client.get(reverse("data_requests:item_action", args=[rr.pk, "complete_task", task.pk]))

    html = page.content.decode()
    assert "The post is still published" in html
    assert "Corporate Communications, or the post's author or the account's owner" in html
    assert f'<code id="case-reference">{rr.reference}</code>' in html
    assert f"/posts/{task.decision.archived_post.public_id}/" in html
    refused = client.post(reverse("data_requests:task_from_platform", args=[rr.pk, task.pk]))
    assert refused.status_code == 400
    assert "no confirmed removal" in refused.content.decode()
    assert not RemovalTask.objects.get(pk=task.pk).done

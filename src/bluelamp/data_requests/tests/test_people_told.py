"""The right people, in the right words: setting a request's tasks tells those who carry them
out; an answered or closed request is not "due"; answered and closed requests can be found;
and a post's page shows an open request about it."""

from __future__ import annotations

import pytest

from bluelamp.core.models import Notification
from bluelamp.data_requests import selectors
from bluelamp.data_requests.choices import Outcome, RequestStatus
from bluelamp.data_requests.services.actioning import removal_request_actioning_start
from bluelamp.data_requests.tests.archive import make_post
from bluelamp.data_requests.tests.factories import PostDecisionFactory, RemovalRequestFactory

pytestmark = pytest.mark.django_db


def test_setting_tasks_tells_the_post_owner_and_the_social_media_team(
    force, accounts, now, mailoutbox, django_capture_on_commit_callbacks
):
    post = make_post(accounts["dudley"])
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING, owner=force.infosec)
    PostDecisionFactory(request=request, archived_post=post, outcome=Outcome.REMOVE)
    with django_capture_on_commit_callbacks(execute=True):
        removal_request_actioning_start(actor=force.infosec, removal_request=request, now=now)
    owner = accounts["dudley"].owner
    told = [m for m in mailoutbox if m.to == [owner.email]]
    assert told and request.reference in told[0].subject
    assert "remove it from its platform" in told[0].body
    assert request.requester_name not in told[0].body
    note = Notification.objects.get(user=owner)
    assert str(post.public_id) in note.url
    assert any(m.to != [owner.email] for m in mailoutbox)  # the social media team's mailbox


def test_a_closed_request_is_not_due(force, now):
    request = RemovalRequestFactory(
        status=RequestStatus.CLOSED, owner=force.infosec, responded_at=now, closed_at=now
    )
    due = selectors.removal_request_due(request, today=now.date())
    assert "due in" not in due.text and "overdue" not in due.text
    assert due.text.startswith("answered")
    assert due.colour == "grey"


def test_closed_requests_can_be_found_on_the_queue(force, now, client):
    open_one = RemovalRequestFactory(status=RequestStatus.CONSIDERING, owner=force.infosec)
    closed = RemovalRequestFactory(
        status=RequestStatus.CLOSED, owner=force.infosec, responded_at=now, closed_at=now
    )
    client.force_login(force.infosec)
    default = client.get("/removal-requests/").content.decode()
    assert open_one.reference in default and closed.reference not in default
    shown = client.get("/removal-requests/?show=closed").content.decode()
    assert closed.reference in shown and open_one.reference not in shown
    found = client.get(f"/removal-requests/?show=all&q={closed.reference}").content.decode()
    assert closed.reference in found and open_one.reference not in found
    assert "due in" not in found


def test_the_post_page_shows_an_open_request_about_it(force, accounts, client):
    post = make_post(accounts["dudley"])
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING, owner=force.infosec)
    PostDecisionFactory(request=request, archived_post=post)
    client.force_login(accounts["dudley"].owner)
    page = client.get(f"/posts/{post.public_id}/").content.decode()
    assert request.reference in page and "data-post-note" in page
    assert request.requester_name not in page
    request.status = RequestStatus.CLOSED
    request.save(update_fields=["status"])
    assert request.reference not in client.get(f"/posts/{post.public_id}/").content.decode()

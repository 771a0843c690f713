"""In-service notifications: written with every e-mail to a user (``core.mail.notify``), listed
for their owner only, counted in the navigation, marked read; e-mails link to their item."""

from __future__ import annotations

import pytest
from django.core import mail as outbox
from django.db import transaction
from django.urls import reverse

from bluelamp.core import mail
from bluelamp.core.models import Notification
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db

LIST = reverse("core:notifications")


def _send(*people, link="/posts/123/", subject="Something happened", **kw):
    mail.notify(subject=subject, body="The details.", to=mail.addresses(*people), link=link, **kw)


def test_each_recipient_who_is_a_user_gets_a_notification_with_the_link(user_of):
    jo, sam = user_of(Role.STAFF), user_of(Role.CCD)
    with transaction.atomic():
        _send(jo, sam)
        mail.notify(subject="To a mailbox", body="x", to=["ccd-mailbox@example.police.uk"])
    assert {(n.user, n.subject, n.url) for n in Notification.objects.all()} == {
        (jo, "Something happened", "/posts/123/"),
        (sam, "Something happened", "/posts/123/"),
    }


def test_an_address_in_other_case_still_finds_the_user(user_of):
    jo = user_of(Role.STAFF)
    mail.notify(subject="Hi", body="x", to=[jo.email.upper()])
    assert Notification.objects.get().user == jo


def test_a_rolled_back_action_leaves_no_notification(user_of):
    jo = user_of(Role.STAFF)
    with pytest.raises(RuntimeError), transaction.atomic():
        _send(jo)
        raise RuntimeError("the action failed")
    assert not Notification.objects.exists()


def test_the_e_mail_carries_the_items_address_absolute_with_the_public_base(
    user_of, settings, django_capture_on_commit_callbacks
):
    settings.BLUELAMP_PUBLIC_BASE_URL = "https://bluelamp.example.police.uk"
    jo = user_of(Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        _send(jo)
    [message] = outbox.outbox
    assert "https://bluelamp.example.police.uk/posts/123/" in message.body


def test_without_a_public_base_the_e_mail_gives_the_path(
    user_of, settings, django_capture_on_commit_callbacks
):
    settings.BLUELAMP_PUBLIC_BASE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        _send(user_of(Role.STAFF))
    assert "/posts/123/" in outbox.outbox[0].body


def test_the_navigation_counts_unread_notifications(client_as):
    client = client_as(Role.STAFF)
    first = client.get("/").content.decode()
    assert f'class="govuk-service-navigation__link" href="{LIST}"' in first
    assert "unread)" not in first
    _send(client.user)
    _send(client.user)
    page = client.get("/").content.decode()
    assert "Notifications (2 unread)" in page


@pytest.mark.parametrize("role", [None, *Role])
def test_every_role_reads_its_own_notifications_and_no_one_elses(client_as, user_of, role):
    other = user_of(Role.CCD)
    _send(other, subject="For someone else")
    client = client_as(*([role] if role else []))
    _send(client.user, subject="For me")
    page = client.get(LIST).content.decode()
    assert "For me" in page and "For someone else" not in page


def test_marking_one_read_opens_its_item_and_lowers_the_count(client_as):
    client = client_as(Role.STAFF)
    _send(client.user)
    notification = Notification.objects.get()
    response = client.post(reverse("core:notification_read", args=[notification.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/posts/123/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "unread)" not in client.get("/").content.decode()


def test_marking_all_read(client_as):
    client = client_as(Role.CCD)
    _send(client.user)
    _send(client.user)
    response = client.post(reverse("core:notifications_read_all"), follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found_and_unchanged(client_as, user_of):
    other = user_of(Role.CCD)
    _send(other)
    notification = Notification.objects.get()
    client = client_as(Role.AUDITOR)
    response = client.post(reverse("core:notification_read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_link_elsewhere_is_never_followed(client_as):
    client = client_as(Role.STAFF)
    _send(client.user, link="https://evil.example/")
    notification = Notification.objects.get()
    response = client.post(reverse("core:notification_read", args=[notification.pk]), {"open": "1"})
    assert response["Location"] == LIST


def test_reading_needs_a_post_and_a_sign_in(client, client_as):
    assert client.get(LIST).status_code == 302
    signed = client_as(Role.STAFF)
    assert signed.get(reverse("core:notifications_read_all")).status_code == 405

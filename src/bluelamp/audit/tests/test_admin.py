"""The admin site shows the audit trail read-only, even to a superuser."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.audit.tests.helpers import record

pytestmark = pytest.mark.django_db


def test_the_admin_lists_events_but_cannot_add_change_or_delete(client, user_of):
    root = user_of(is_superuser=True, is_staff=True)
    client.force_login(root)
    event = record()
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403
    change = client.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {})
    assert change.status_code == 403

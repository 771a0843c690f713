"""core.mail: one e-mail per distinct address, sent only once the change commits."""

from __future__ import annotations

import pytest
from django.core import mail as outbox
from django.db import transaction

from bluelamp.core import mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_distinct_address_gets_one_message_after_the_commit():
    with transaction.atomic():
        mail.notify(subject="Hello", body="Body\n", to=["a@x.uk", ["A@x.uk", "b@x.uk"], " "])
        assert outbox.outbox == []
    assert [m.to for m in outbox.outbox] == [["a@x.uk"], ["b@x.uk"]]
    assert outbox.outbox[0].subject == "[Bluelamp] Hello"
    assert "This message was sent by" in outbox.outbox[0].body


def test_nothing_is_sent_when_the_change_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.notify(subject="Hello", body="Body", to=["a@x.uk"])
        raise RuntimeError
    assert outbox.outbox == []


def test_a_message_may_go_without_the_footer():
    with transaction.atomic():
        mail.notify(subject="Digest", body="Due", to=["a@x.uk"], footer=False)
    assert outbox.outbox[0].body == "Due"

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


def test_each_clause_a_message_cites_is_linked_to_the_policy_page(settings):
    settings.BLUELAMP_PUBLIC_BASE_URL = "https://bluelamp.example.police.uk"
    with transaction.atomic():
        mail.notify(
            subject="Lost device",
            body="Secure every account now (CC/01 5.5, 5.6). Rotate it (CC/01 5.7 and 5.9).",
            to=["a@x.uk"],
        )
    body = outbox.outbox[0].body
    policy = body.split("The policy:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert policy == [
        f"  CC/01 {n}: https://bluelamp.example.police.uk/policy/#clause-{n.replace('.', '-')}"
        for n in ("5.5", "5.6", "5.7", "5.9")
    ]


def test_a_message_that_cites_no_clause_or_an_unknown_one_gets_no_policy_lines():
    with transaction.atomic():
        mail.notify(
            subject="Hello", body="Nothing cited; CC/01 99.1 is not a clause.", to=["a@x.uk"]
        )
    assert "The policy:" not in outbox.outbox[0].body

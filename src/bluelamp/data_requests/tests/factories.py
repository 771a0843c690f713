"""factory_boy factories for removal requests. They build rows directly, in any state (the
services are what the tests exercise)."""

from __future__ import annotations

import datetime as dt

import factory

from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory
from bluelamp.data_requests.choices import (
    LetterKind,
    Outcome,
    ReceivedHow,
    Regime,
    RequestStatus,
    Right,
)
from bluelamp.data_requests.models import Letter, PostDecision, RemovalRequest, RemovalTask

#: The requester's details, so tests can look for them where they must not be.
REQUESTER_NAME = "Bethany Quartermaine"
REQUESTER_CONTACT = "bethany.q@example.org, 07700 900123, 12 Larch Road, Dudley"


class RemovalRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RemovalRequest

    requester_name = REQUESTER_NAME
    requester_contact = REQUESTER_CONTACT
    request_text = "Please remove the post naming me as a suspect: I was never charged."
    right = Right.ERASURE
    regime = Regime.UKGDPR
    received_at = dt.datetime(2026, 2, 27, 9, 0, tzinfo=dt.UTC)
    received_how = ReceivedHow.WRITTEN
    status = RequestStatus.RECEIVED
    owner = factory.SubFactory(UserFactory, username="infosec-owner", roles=[Role.INFOSEC])


class PostDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostDecision

    request = factory.SubFactory(RemovalRequestFactory)
    url = factory.Sequence(lambda n: f"https://x.com/WMPDudley/status/{1000 + n}")
    platform = "X"
    excerpt = "Police are looking for a woman in connection with..."
    outcome = Outcome.PENDING


class RemovalTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RemovalTask

    decision = factory.SubFactory(PostDecisionFactory, outcome=Outcome.REMOVE)


class LetterFactory(factory.django.DjangoModelFactory):
    """A letter already sent from the case (built directly, without the service's checks)."""

    class Meta:
        model = Letter

    request = factory.SubFactory(RemovalRequestFactory)
    kind = LetterKind.OUTCOME
    body = "Dear requester, we have removed the post."
    pdf = b"%PDF-1.4"
    sent_at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    sent_by = factory.SelfAttribute("request.owner")

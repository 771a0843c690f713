"""factory_boy factories for conduct rows, built directly in any state (the services are what
the tests exercise)."""

from __future__ import annotations

import datetime as dt

import factory

from bluelamp.conduct.choices import ContentKind, ReportKind
from bluelamp.conduct.models import ConductCase, StaffReport
from bluelamp.core.testing.factories import UserFactory

#: What the reporter wrote, so tests can look for it where it must not be.
WHAT_IS_WRONG = "Posted a photo of a custody suite with a detainee's face on a personal account."


class ConductCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConductCase

    reported_by = factory.SubFactory(UserFactory, username="reporter")
    reported_at = dt.datetime(2026, 2, 27, 9, 0, tzinfo=dt.UTC)
    content_kind = ContentKind.POST
    link = "https://x.com/somebody/status/1"
    what_is_wrong = WHAT_IS_WRONG
    clause = "6.7"


class StaffReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffReport

    kind = ReportKind.ABUSE
    reported_by = factory.SubFactory(UserFactory, username="reporter")
    captured_at = dt.datetime(2026, 2, 27, 9, 0, tzinfo=dt.UTC)
    link = "https://x.com/troll/status/2"
    pasted_text = "You are a disgrace and we know where you live"
    details = "Replies to my post since Friday."

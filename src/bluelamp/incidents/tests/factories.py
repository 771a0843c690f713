"""Crisis periods straight into the database (bypassing the services), for arranging tests."""

from __future__ import annotations

import factory

from bluelamp.core.testing.factories import UserFactory
from bluelamp.incidents.choices import CrisisKind
from bluelamp.incidents.models import CrisisPeriod
from bluelamp.incidents.tests.conftest import DAY, NOW


class CrisisPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrisisPeriod

    kind = CrisisKind.MAJOR_INCIDENT
    title = factory.Sequence(lambda n: f"Incident {n}")
    reason = "Declared for a test."
    declared_by = factory.SubFactory(UserFactory)
    starts_at = NOW - DAY
    ends_at = None


class ElectionPeriodFactory(CrisisPeriodFactory):
    kind = CrisisKind.ELECTION_PERIOD
    title = factory.Sequence(lambda n: f"Election {n}")
    starts_at = NOW - 10 * DAY
    ends_at = NOW + 10 * DAY

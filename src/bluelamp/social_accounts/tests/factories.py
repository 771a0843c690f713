"""factory_boy factories for the registry's tests. They build rows directly (the services are
what the tests exercise); ``AccountFactory`` puts the owner (and deputy) on the roster."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory
from bluelamp.social_accounts.choices import (
    ALL_ACKNOWLEDGEMENTS,
    AccountStatus,
    ApplicationStatus,
    Ownership,
    Platform,
    Purpose,
    Tier,
)
from bluelamp.social_accounts.models import Account, AccountApplication, RosterMembership

FORCE_DOMAIN = "west-midlands.pnn.police.uk"


class ForceUserFactory(UserFactory):
    """A user with a force e-mail address."""

    email = factory.LazyAttribute(lambda u: f"{u.username}@{FORCE_DOMAIN}")


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account
        skip_postgeneration_save = True

    platform = Platform.X
    handle = factory.Sequence(lambda n: f"WMPTest{n}")
    display_name = factory.LazyAttribute(lambda a: f"Test account {a.handle}")
    tier = Tier.TEAM
    ownership = Ownership.FORCE_OWNED
    team = "Test NPU"
    purpose = Purpose.ENGAGEMENT
    owner = factory.SubFactory(ForceUserFactory, roles=[Role.STAFF])
    registration_email = factory.LazyAttribute(lambda a: f"{a.handle.lower()}@{FORCE_DOMAIN}")
    bio = "Test team. Not monitored 24/7. Report crime on 101. In an emergency call 999."
    shows_disclaimer = True
    connected_apps = factory.LazyFunction(lambda: ["Hootsuite"])
    opened_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    last_post_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    password_changed_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    status = AccountStatus.ACTIVE

    @factory.post_generation
    def members(self, create: bool, extracted, **kwargs) -> None:
        if not create:
            return
        people = [self.owner, self.deputy, *(extracted or [])]
        seen = set()
        for user in people:
            if user is None or user.pk in seen:
                continue
            seen.add(user.pk)
            RosterMembership.objects.create(account=self, user=user, added_at=self.opened_at)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountApplication

    applicant = factory.SubFactory(
        ForceUserFactory,
        roles=[Role.STAFF],
        line_manager=factory.SubFactory(ForceUserFactory, roles=[Role.STAFF, Role.LINE_MANAGER]),
    )
    ownership = Ownership.FORCE_OWNED
    purpose = Purpose.ENGAGEMENT
    purpose_detail = "Talk to residents about local priorities."
    platform = Platform.X
    handle = factory.Sequence(lambda n: f"WMPApplied{n}")
    display_name = "Applied-for account"
    tier = Tier.TEAM
    team = "Test NPU"
    registration_email = factory.LazyAttribute(lambda a: a.applicant.email)
    acknowledgements = factory.LazyFunction(lambda: sorted(ALL_ACKNOWLEDGEMENTS))
    status = ApplicationStatus.AWAITING_MANAGER
    submitted_at = factory.LazyFunction(timezone.now)

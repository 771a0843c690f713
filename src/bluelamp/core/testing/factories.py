"""factory_boy factories for users. ``UserFactory(roles=[Role.CCD])`` gives a user in the
CCD group; every factory user's password is ``PASSWORD``."""

from __future__ import annotations

import factory
import faker
from django.contrib.auth.models import Group

from bluelamp.core.models import User
from bluelamp.core.permissions import forget_roles
from bluelamp.core.roles import Role

PASSWORD = "correct-horse-battery-staple"

# Tests prove that a member of the public's name never reaches the audit trail or the logs by
# looking for it there. A staff member's random name must never share a word with those names,
# or the staff member's own (rightly recorded) name would fail the check.
PUBLIC_NAMES_IN_TESTS = frozenset({"Bethany", "Quartermaine", "Larch"})
_faker = faker.Faker("en_GB")


def staff_name() -> str:
    """A realistic en_GB name that shares no word with ``PUBLIC_NAMES_IN_TESTS``."""
    while True:
        name = _faker.name()
        if not PUBLIC_NAMES_IN_TESTS.intersection(name.replace("-", " ").split()):
            return name


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.police.uk")
    display_name = factory.LazyFunction(staff_name)
    team = "Test NPU"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted, **kwargs) -> None:
        if not create or not extracted:
            return
        names = [Role(role).group_name for role in extracted]
        self.groups.add(*Group.objects.filter(name__in=names))
        forget_roles(self)


def user_with_role(role: Role, **fields) -> User:
    """An active user holding only ``role``."""
    return UserFactory(roles=[role], **fields)

"""factory_boy factories for users. ``UserFactory(roles=[Role.CCD])`` gives a user in the
CCD group; every factory user's password is ``PASSWORD``."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from bluelamp.core.models import User
from bluelamp.core.permissions import forget_roles
from bluelamp.core.roles import Role

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.police.uk")
    display_name = factory.Faker("name", locale="en_GB")
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

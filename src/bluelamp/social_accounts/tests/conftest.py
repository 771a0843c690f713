"""Fixtures for the registry's tests: the people around an application or an account."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bluelamp.core.models import User
from bluelamp.core.roles import Role
from bluelamp.social_accounts.tests.factories import ForceUserFactory


@dataclass
class Force:
    """A small force: a team of two under a manager, another team's manager, two CCD
    members, an auditor, and people from information security and PSD."""

    manager: User
    applicant: User
    colleague: User
    other_manager: User
    outsider: User
    ccd: User
    ccd2: User
    auditor: User
    infosec: User
    psd: User


@pytest.fixture
def force(db) -> Force:
    manager = ForceUserFactory(username="manager", roles=[Role.STAFF, Role.LINE_MANAGER])
    other_manager = ForceUserFactory(username="manager2", roles=[Role.STAFF, Role.LINE_MANAGER])
    return Force(
        manager=manager,
        applicant=ForceUserFactory(username="jo", roles=[Role.STAFF], line_manager=manager),
        colleague=ForceUserFactory(username="amir", roles=[Role.STAFF], line_manager=manager),
        other_manager=other_manager,
        outsider=ForceUserFactory(username="tom", roles=[Role.STAFF], line_manager=other_manager),
        ccd=ForceUserFactory(username="ccd", roles=[Role.STAFF, Role.CCD]),
        ccd2=ForceUserFactory(username="ccd2", roles=[Role.STAFF, Role.CCD]),
        auditor=ForceUserFactory(username="auditor", roles=[Role.AUDITOR]),
        infosec=ForceUserFactory(username="infosec", roles=[Role.INFOSEC]),
        psd=ForceUserFactory(username="psd", roles=[Role.PSD]),
    )

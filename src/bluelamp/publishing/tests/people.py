"""The people and accounts the publishing tests share: an author on a team account, a
colleague on its roster, their line manager, someone from another team, CCD, PSD and an auditor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bluelamp.core.models import User
from bluelamp.core.roles import Role
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)


@dataclass
class Newsroom:
    manager: User
    author: User
    colleague: User
    outsider: User
    ccd: User
    ccd2: User
    psd: User
    auditor: User
    team: Account  # an X team account, the author and colleague on its roster
    npu: Account  # an NPU Facebook page
    force_account: Account  # the force's main X account (3.11: CCD only)


def newsroom(**overrides: Any) -> Newsroom:
    manager = ForceUserFactory(username="manager", roles=[Role.STAFF, Role.LINE_MANAGER])
    author = ForceUserFactory(username="author", roles=[Role.STAFF], line_manager=manager)
    colleague = ForceUserFactory(username="colleague", roles=[Role.STAFF], line_manager=manager)
    other = ForceUserFactory(username="other_manager", roles=[Role.STAFF, Role.LINE_MANAGER])
    outsider = ForceUserFactory(username="outsider", roles=[Role.STAFF], line_manager=other)
    ccd = ForceUserFactory(username="ccd", roles=[Role.STAFF, Role.CCD])
    team = AccountFactory(
        platform="x", handle="WMPTeamTest", tier="team", owner=author, members=[colleague]
    )
    npu = AccountFactory(
        platform="facebook", handle="WMPNpuTest", tier="npu", owner=author, members=[colleague]
    )
    force_account = AccountFactory(platform="x", handle="WMPolice", tier="force", owner=ccd)
    return Newsroom(
        manager=manager,
        author=author,
        colleague=colleague,
        outsider=outsider,
        ccd=ccd,
        ccd2=ForceUserFactory(username="ccd2", roles=[Role.STAFF, Role.CCD]),
        psd=ForceUserFactory(username="psd", roles=[Role.PSD]),
        auditor=ForceUserFactory(username="auditor", roles=[Role.AUDITOR]),
        team=team,
        npu=npu,
        force_account=force_account,
    )

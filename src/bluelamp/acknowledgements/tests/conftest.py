"""Fixtures: one person per role, and a pack that requires acknowledgement (and training) for
applications and roster places, or is a new version."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bluelamp.core.policy import forget_policy_pack
from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory
from bluelamp.engine.policy_pack import DEFAULT_PACK

NOW = dt.datetime(2026, 3, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def people(db):
    return {
        role: UserFactory(
            username=f"p-{role.value}",
            roles=[role] if role != Role.CCD else [Role.STAFF, Role.CCD],
        )
        for role in Role
    }


@pytest.fixture
def pack_with(tmp_path, settings):
    """``pack_with(required_for='["roster"]', version="2.2")``: the CC/01 pack changed so."""

    def make(*, required_for: str | None = None, version: str | None = None, months: int = 36):
        text = DEFAULT_PACK.read_text(encoding="utf-8")
        if required_for is not None:
            text = re.sub(
                r"^required_for = .*$", f"required_for = {required_for}", text, flags=re.M
            )
        if version is not None:
            text = re.sub(r'^version = ".*"$', f'version = "{version}"', text, count=1, flags=re.M)
        text = re.sub(
            r"^training_valid_months = .*$", f"training_valid_months = {months}", text, flags=re.M
        )
        path = tmp_path / "pack.toml"
        path.write_text(text, encoding="utf-8")
        settings.BLUELAMP_POLICY_PACK = path
        forget_policy_pack()
        return path

    yield make
    forget_policy_pack()

"""Fixtures for conduct tests: one user per role, the reporter and the member of staff a case
is about, a fixed "now", and a screenshot."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import UserFactory

#: Monday 2 March 2026, 10:00 UTC.
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


class Force:
    def __init__(self) -> None:
        self.by_role = {
            role: UserFactory(username=f"user-{role.value}", roles=[role]) for role in Role
        }
        self.ccd = self.by_role[Role.CCD]
        self.psd = self.by_role[Role.PSD]
        self.auditor = self.by_role[Role.AUDITOR]
        self.welfare = self.by_role[Role.WELFARE]
        self.reporter = UserFactory(username="reporter", roles=[Role.STAFF])
        self.subject = UserFactory(username="subject", roles=[Role.STAFF])
        self.nobody = UserFactory(username="no-role")

    def who(self, name: str):
        """A user by the matrix's name: a role's value, "reporter", "subject" or "nobody"."""
        if name in ("reporter", "subject", "nobody"):
            return getattr(self, name)
        return self.by_role[Role(name)]


#: Everyone the permission tests try, by name.
EVERYONE = [*(role.value for role in Role), "reporter", "subject", "nobody"]


@pytest.fixture
def force(db) -> Force:
    return Force()


@pytest.fixture
def now() -> dt.datetime:
    return NOW


def png_bytes(*, with_gps: bool = False) -> bytes:
    """A small PNG (with a text chunk that must not survive)."""
    from PIL import Image, PngImagePlugin

    image = Image.new("RGB", (40, 30), (200, 30, 30))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret camera note")
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_command_reminds_everyone_outstanding(people):
    out = io.StringIO()
    call_command("acknowledgement_reminders", stdout=out)
    assert out.getvalue().strip() == "Reminded 3 people."
    out = io.StringIO()
    call_command("acknowledgement_reminders", stdout=out)
    assert out.getvalue().strip() == "Reminded 0 people."
    assert people[Role.PSD]

"""`bluelamp manage ...` and the demo users."""

from __future__ import annotations

import argparse

import pytest
from django.core.management import CommandError, call_command

from bluelamp.cli import manage as manage_cli
from bluelamp.core.models import User
from bluelamp.core.permissions import user_roles
from bluelamp.core.roles import Role


def _bluelamp_manage(*args: str) -> int:
    parser = argparse.ArgumentParser()
    manage_cli.register(parser.add_subparsers())
    parsed = parser.parse_args(["manage", *args])
    return parsed.func(parsed)


@pytest.mark.django_db
def test_bluelamp_manage_runs_a_django_command(capsys):
    assert _bluelamp_manage("check") == 0
    assert "no issues" in capsys.readouterr().out


def test_bluelamp_manage_passes_on_a_failing_commands_status(capsys):
    assert _bluelamp_manage("no_such_command") == 1


@pytest.mark.django_db
def test_demo_users_are_refused_outside_debug():
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("demo_users")


@pytest.mark.django_db
def test_demo_users_give_one_user_per_role_and_can_run_twice(capsys):
    call_command("demo_users", force=True)
    call_command("demo_users", force=True)
    held = set()
    for user in User.objects.all():
        held |= user_roles(user)
    assert held == set(Role)
    assert User.objects.count() == 7
    assert User.objects.get(username="staff").line_manager.username == "manager"
    assert "auditor" in capsys.readouterr().out

"""The demo force behind `make run`: users of every role, about forty accounts on the four
platforms in every state and with every kind of health problem, applications in every state."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from bluelamp.core.models import User
from bluelamp.core.permissions import user_roles
from bluelamp.core.roles import Role
from bluelamp.engine.account_health import KINDS
from bluelamp.social_accounts import selectors
from bluelamp.social_accounts.choices import AccountStatus, ApplicationStatus
from bluelamp.social_accounts.models import Account, AccountApplication

pytestmark = pytest.mark.django_db


def test_the_demo_is_refused_outside_debug():
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("load_demo")


def test_the_demo_force_has_everything_in_every_state_and_can_load_twice(capsys):
    # When the demo loads (twice: `make run` may run again)
    call_command("load_demo", force=True)
    call_command("load_demo", force=True)
    out = capsys.readouterr().out
    # Then every role has a user, and the sign-ins and the pack are printed
    held = set()
    for user in User.objects.all():
        held |= user_roles(user)
    assert held == set(Role)
    assert "password for all: bluelamp-demo-only" in out
    assert "CC/01 v2.1" in out
    assert "loaded already" in out
    # About forty accounts, on the four platforms, in every state
    accounts = Account.objects.all()
    assert 35 <= accounts.count() <= 50
    assert {"x", "facebook", "instagram", "youtube"} <= set(
        accounts.values_list("platform", flat=True)
    )
    assert set(accounts.values_list("status", flat=True)) == set(AccountStatus.values)
    # Applications in every state, approved ones with their accounts
    applications = AccountApplication.objects.all()
    assert set(applications.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert all(a.account for a in applications.filter(status=ApplicationStatus.APPROVED))
    # Every kind of health problem appears on the dashboard
    ccd = User.objects.get(username="ccd")
    report = selectors.account_health_report(user=ccd, now=timezone.now())
    assert all(count.accounts > 0 for count in report.counts), [
        (c.kind.key, c.accounts) for c in report.counts
    ]
    assert len(report.counts) == len(KINDS)
    # The auditor only reads; infosec and PSD have no part in the registry
    assert user_roles(User.objects.get(username="auditor")) == {Role.AUDITOR}
    assert selectors.account_list(user=User.objects.get(username="infosec")).count() == 0
    # Staff see their own accounts; their manager sees the team's
    staff = selectors.account_list(user=User.objects.get(username="staff")).count()
    manager = selectors.account_list(user=User.objects.get(username="manager")).count()
    assert 0 < staff < manager < accounts.count()


def test_the_demo_has_posts_in_every_first_state_an_archive_and_removal_requests(settings):
    from cryptography.fernet import Fernet

    from bluelamp.data_requests.models import RemovalRequest
    from bluelamp.publishing.models import PlatformConnection, Post

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    call_command("load_demo", force=True)
    states = set(Post.objects.values_list("state", flat=True))
    assert {"draft", "awaiting_approval", "scheduled", "ready", "published"} <= states
    assert Post.objects.filter(source="imported", crime_ref="20/998877/26").count() == 2
    assert PlatformConnection.objects.count() > 0
    statuses = set(RemovalRequest.objects.values_list("status", flat=True))
    assert len(statuses) == 3
    assert RemovalRequest.objects.filter(posts__archived_post__isnull=False).exists()


def test_the_demo_prints_the_address_it_is_served_on(capsys, settings):
    # `make run PORT=8080` passes its address on
    settings.BLUELAMP_PUBLIC_BASE_URL = "http://127.0.0.1:8080"
    call_command("load_demo", force=True)
    assert "Demo sign-ins at http://127.0.0.1:8080/ " in capsys.readouterr().out

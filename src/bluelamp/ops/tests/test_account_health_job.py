"""The periodic job that keeps the account health answers up to date."""

from __future__ import annotations

from django.utils import timezone

from bluelamp.core.policy import policy_pack
from bluelamp.engine import account_health as health
from bluelamp.jobs import kinds
from bluelamp.ops import jobs as ops_jobs
from bluelamp.social_accounts.services.health import stale_accounts
from bluelamp.social_accounts.tests.factories import AccountFactory


def test_the_account_health_job_runs_every_pass_and_brings_the_answers_up_to_date(db):
    assert kinds.KINDS["account-health"].every == "pass"
    AccountFactory(location_services_on=True)
    assert ops_jobs.account_health(job=None) == "1 account(s) checked again"
    assert ops_jobs.account_health(job=None) == ""
    assert not stale_accounts(now=timezone.now(), key=health.pack_key(policy_pack())).exists()

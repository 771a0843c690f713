"""The operations endpoints: liveness, readiness with a failing check named, and metrics behind
the scraper's token, read from a real database."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from bluelamp.audit.models import AuditEvent
from bluelamp.core.logging import JsonFormatter, RedactSecretsFilter, RequestIdFilter
from bluelamp.ops import readiness
from bluelamp.publishing.choices import PostState
from bluelamp.publishing.models import Post
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

TOKEN = "m" * 40

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vault_key(settings):
    from cryptography.fernet import Fernet

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]


@pytest.fixture(autouse=True)
def migrations_unknown():
    readiness.forget_migrations()
    yield
    readiness.forget_migrations()


def test_liveness_answers_without_signing_in_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "sessionid" not in response.cookies
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_liveness_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


def test_readiness_reports_every_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "vault_keys": "ok",
        "policy_pack": "ok",
    }


def test_readiness_fails_without_vault_keys(client, settings):
    settings.BLUELAMP_VAULT_KEYS = []
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["vault_keys"].startswith("no vault key")


def test_readiness_fails_while_a_migration_is_unapplied(client):
    # Forget one applied migration (inside the test's transaction): the process must not take
    # traffic until `migrate` has run.
    recorded = MigrationRecorder.Migration.objects.filter(app="ops").first() or (
        MigrationRecorder.Migration.objects.filter(app="publishing").order_by("-id").first()
    )
    recorded.delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "not applied" in response.json()["checks"]["migrations"]


def test_readiness_reads_the_migrations_once_but_the_database_every_time(client, monkeypatch):
    from django.db.migrations import executor

    built = []
    real = executor.MigrationExecutor

    def counting(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(readiness, "MigrationExecutor", counting)
    for _ in range(3):
        assert client.get("/readyz").status_code == 200
    assert len(built) == 1  # the graph is built once, then remembered
    monkeypatch.setitem(
        readiness.CHECKS, "database", lambda: "the database does not answer (Error)"
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("the database does not answer")


def test_unapplied_migrations_are_not_remembered(client):
    MigrationRecorder.Migration.objects.filter(app="publishing").order_by("-id").first().delete()
    assert client.get("/readyz").status_code == 503
    assert client.get("/readyz").status_code == 503


def test_metrics_are_off_without_a_token(client, settings):
    settings.BLUELAMP_METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_metrics_refuse_a_missing_or_wrong_token(client, settings, header):
    settings.BLUELAMP_METRICS_TOKEN = TOKEN
    headers = {"Authorization": header} if header else {}
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert b"bluelamp_" not in response.content


def _metric(text: str, name: str) -> float:
    for line in text.splitlines():
        sample, _, value = line.rpartition(" ")
        if sample == name:
            return float(value)
    raise AssertionError(f"{name} not in the metrics")


def test_metrics_count_the_work_in_the_database(client, settings):
    settings.BLUELAMP_METRICS_TOKEN = TOKEN
    author = ForceUserFactory(username="writer")
    account = AccountFactory(platform="x", handle="WMPOpsTest", tier="team", owner=author)
    now = timezone.now()

    def post(**fields):
        Post.objects.create(
            account=account, author=author, text="A post", created_at=now, updated_at=now, **fields
        )

    for minutes in (-90, -5, 60):  # two overdue, one still to come
        post(state=PostState.SCHEDULED, scheduled_for=now + dt.timedelta(minutes=minutes))
    post(state=PostState.HELD)
    post(state=PostState.PUBLISHED, published_at=now)
    client.get("/healthz")

    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert _metric(text, 'bluelamp_posts_in_flight{state="scheduled"}') == 3
    assert _metric(text, 'bluelamp_posts_in_flight{state="held"}') == 1
    assert 'state="published"' not in text
    assert _metric(text, "bluelamp_scheduled_posts_overdue") == 2
    assert 89 * 60 <= _metric(text, "bluelamp_scheduled_posts_overdue_seconds") <= 95 * 60
    assert _metric(text, "bluelamp_audit_events") == AuditEvent.objects.count()
    assert 'route="ops:healthz"' in text


def test_request_metrics_name_routes_never_paths(client, settings):
    settings.BLUELAMP_METRICS_TOKEN = TOKEN
    client.get("/no-such-page/with-an-id-RR-zq9x")
    text = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).content.decode()
    assert "zq9x" not in text
    assert 'route="unmatched"' in text


def test_json_log_lines_carry_the_request_id_and_mask_secrets(settings):
    settings.BLUELAMP_METRICS_TOKEN = TOKEN
    from bluelamp.core.logging import _configured_secrets

    _configured_secrets.cache_clear()
    record = logging.LogRecord(
        "bluelamp.test", logging.WARNING, __file__, 1, "scraper sent %s", (TOKEN,), None
    )
    for log_filter in (RequestIdFilter(), RedactSecretsFilter()):
        log_filter.filter(record)
    import json

    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING"
    assert line["request_id"] == "-"
    assert TOKEN not in line["message"]
    assert "[masked]" in line["message"]
    _configured_secrets.cache_clear()


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("BLUELAMP_LOG_FORMAT", "xml", "BLUELAMP_LOG_FORMAT must be plain or json"),
        ("BLUELAMP_METRICS_TOKEN", "short", "BLUELAMP_METRICS_TOKEN is too short"),
    ],
)
def test_operations_settings_are_checked_at_start_up(variable, value, message):
    from bluelamp.config import env

    with pytest.raises(env.ConfigError, match=message):
        env.read({"DJANGO_DEBUG": "true", variable: value})


def test_the_metrics_token_is_read_but_never_shown():
    from bluelamp.config import env

    read = env.read({"DJANGO_DEBUG": "true", "BLUELAMP_METRICS_TOKEN": TOKEN})
    assert read.metrics_token == TOKEN
    assert TOKEN not in repr(read)


def test_development_counts_its_derived_vault_key_as_ready(client, settings):
    settings.BLUELAMP_VAULT_KEYS = []
    settings.DEBUG = True
    assert client.get("/readyz").json()["checks"]["vault_keys"] == "ok"

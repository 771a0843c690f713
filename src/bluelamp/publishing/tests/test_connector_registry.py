"""Connectors are found by platform (``connectors.base.register``), with one set of defaults."""

from __future__ import annotations

import pytest

from bluelamp.publishing.connectors import (
    FacebookPagesConnector,
    InstagramConnector,
    UnsupportedError,
    XConnector,
    defaults,
)
from bluelamp.publishing.connectors.base import Connector, RetryPolicy, connector_class, register
from bluelamp.publishing.connectors.http import HttpClient
from bluelamp.publishing.services.connections import connector_for
from bluelamp.social_accounts.tests.factories import AccountFactory


def test_each_platform_has_its_connector():
    assert connector_class("x") is XConnector
    assert connector_class("facebook") is FacebookPagesConnector
    assert connector_class("instagram") is InstagramConnector
    assert connector_class("youtube") is None


def test_a_platform_cannot_be_registered_twice():
    class Another(Connector):
        platform = "x"

    with pytest.raises(ValueError, match="already registered"):
        register(Another)


def test_the_defaults_a_reader_finds_first_are_the_ones_that_run():
    assert HttpClient().timeout == defaults.TIMEOUT == 10.0
    policy = RetryPolicy()
    assert (policy.max_attempts, policy.max_wait) == (defaults.MAX_ATTEMPTS, defaults.MAX_WAIT)


@pytest.mark.django_db
def test_the_service_builds_the_registered_connector_with_the_defaults(settings):
    settings.BLUELAMP_GRAPH_API_BASE = "http://127.0.0.1:1/v21.0"
    connector = connector_for(AccountFactory(platform="facebook"), None)
    assert isinstance(connector, FacebookPagesConnector)
    assert connector.http.timeout == defaults.TIMEOUT
    assert connector.retry == RetryPolicy()
    with pytest.raises(UnsupportedError):
        connector_for(AccountFactory(platform="youtube", handle="WMPoliceTube"), None)

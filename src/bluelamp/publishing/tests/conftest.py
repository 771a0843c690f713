"""Fake platform servers and a recording sleep for the connector tests."""

from collections.abc import Iterator

import pytest

from bluelamp.publishing.connectors import FacebookPagesConnector, InstagramConnector, XConnector
from bluelamp.publishing.connectors.base import RetryPolicy
from bluelamp.publishing.connectors.http import HttpClient
from bluelamp.publishing.fakeplatforms import FakeGraph, FakeX

NOW = 1_796_000_000.0


@pytest.fixture(autouse=True)
def vault_key(settings):
    """Access tokens are encrypted with the vault's keys; each test has its own."""
    from cryptography.fernet import Fernet

    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]


class RecordingSleep:
    """Stands in for ``time.sleep``: records each wait, never sleeps."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def fake_x() -> Iterator[FakeX]:
    fake = FakeX()
    fake.clock = lambda: NOW
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    fake = FakeGraph()
    fake.clock = lambda: NOW
    fake.start()
    yield fake
    fake.stop()


def _common(sleep: RecordingSleep) -> dict:
    return {
        "http": HttpClient(timeout=5),
        # The connector tests exercise long waits and four attempts, set here explicitly (the
        # running defaults, shorter, are in connectors.defaults).
        "retry": RetryPolicy(max_attempts=4, base_delay=1.0, max_delay=60.0, max_wait=900.0),
        "sleep": sleep,
        "clock": lambda: NOW,
    }


@pytest.fixture
def x(fake_x: FakeX, sleep: RecordingSleep) -> XConnector:
    return XConnector(api_base=fake_x.base_url, **_common(sleep))


@pytest.fixture
def facebook(fake_graph: FakeGraph, sleep: RecordingSleep) -> FacebookPagesConnector:
    return FacebookPagesConnector(
        api_base=f"{fake_graph.base_url}/{fake_graph.version}",
        page_id=fake_graph.page_id,
        **_common(sleep),
    )


@pytest.fixture
def instagram(fake_graph: FakeGraph, sleep: RecordingSleep) -> InstagramConnector:
    return InstagramConnector(
        api_base=f"{fake_graph.base_url}/{fake_graph.version}",
        ig_user_id=fake_graph.ig_user_id,
        poll_interval=3.0,
        **_common(sleep),
    )

from bluelamp.spoofs.tests.conftest import people, registry  # noqa: F401 - shared fixtures

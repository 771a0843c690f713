"""Root conftest: load the shared Django test fixtures (bluelamp.core.testing.plugin)."""

pytest_plugins = ["bluelamp.core.testing.plugin"]

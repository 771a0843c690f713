"""The conduct fixtures (one user per role, the reporter, the subject) for the API's tests."""

from bluelamp.conduct.tests.conftest import force, now  # noqa: F401 - pytest fixtures

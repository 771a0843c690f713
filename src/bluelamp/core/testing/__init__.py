"""Shared test helpers: factories for users of each role, pytest fixtures (loaded by the root
conftest.py as a plugin), and a fast argon2 hasher for the test settings."""

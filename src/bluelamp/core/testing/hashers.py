"""Argon2 with cheap parameters, for the test suite only (see config/test_settings.py)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """The same algorithm and hash format ("argon2$..."), at a fraction of the cost."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1

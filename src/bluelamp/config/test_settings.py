"""Settings for the test suite: the real settings, read the same way, with a fixed test-only
secret key, debug off (as in production), no ``.env`` file, a fast argon2 hasher and mail kept
in memory. ``DATABASE_URL`` still comes from the environment, so the suite runs on SQLite by
default and on PostgreSQL when CI sets it."""

import os
import tempfile
from pathlib import Path

from bluelamp.config import env

env.configure_variant(
    defaults={"DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1"},
    forced={
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "test-only-secret-key-never-used-outside-the-test-suite-0123456789",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "BLUELAMP_AUDIT_KEYS": "test:test-only-audit-chain-key-never-used-outside-the-suite",
        "BLUELAMP_AUDIT_CHECKPOINT_KEYS": "dGVzdC1vbmx5LWNoZWNrcG9pbnQta2V5LTAxMjM0NTY=",
    },
    dotenv=False,
)

from bluelamp.config.settings import *  # noqa: E402, F403
from bluelamp.config.settings import DATABASES, LOGGING, PASSWORD_HASHERS  # noqa: E402

# Argon2 stays first (hashes still start "argon2$"), with cheap parameters so factories are fast.
PASSWORD_HASHERS = ["bluelamp.core.testing.hashers.FastArgon2PasswordHasher", *PASSWORD_HASHERS]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared-cache memory: the chain-concurrency tests need two connections that
    # queue on SQLite's write lock, which an in-memory shared-cache database does not do.
    # One file per test run (by process id), so two runs in one checkout cannot collide.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"bluelamp-test-{os.getpid()}.sqlite3")
    }
    # A throw-away database: no need to wait for the disk.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF;"

# Checkpoints are not appended to a file shared by every test (each test's database is rolled
# back, the file would not be); the tests of the file give each test its own.
BLUELAMP_AUDIT_CHECKPOINT_FILE = None

LOGGING["loggers"]["django"]["level"] = "ERROR"  # type: ignore[index]
LOGGING["loggers"]["bluelamp"]["level"] = "WARNING"  # type: ignore[index]

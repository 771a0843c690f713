"""The settings as the running service sees them: secure by default outside debug."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

from bluelamp.config import env
from bluelamp.config import settings as project_settings


def test_argon2_is_the_first_password_hasher():
    assert (
        project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_cookies_are_secure_httponly_and_samesite_outside_debug():
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_sessions_expire_when_idle_and_when_the_browser_closes():
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_framing_is_denied_and_hsts_is_on_outside_debug():
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SECURE_HSTS_SECONDS == 31_536_000


def test_every_page_needs_sign_in_by_default():
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE


def _manage_check(extra_env: dict[str, str], data_dir) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BLUELAMP_"))}
    environ.pop("DATABASE_URL", None)
    environ.update(extra_env)
    environ["BLUELAMP_DATA_DIR"] = str(data_dir)
    environ["DJANGO_SETTINGS_MODULE"] = "bluelamp.config.settings"
    return subprocess.run(
        [sys.executable, str(env.REPO_ROOT / "manage.py"), "check"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_starting_without_a_secret_key_fails_with_a_message_naming_it(tmp_path):
    # given the real settings, debug off and the key explicitly empty
    result = _manage_check({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": ""}, tmp_path)
    # then the command stops with a configuration error naming the variable, no traceback
    assert result.returncode == 2
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_mode_starts_without_a_secret_key(tmp_path):
    result = _manage_check({"DJANGO_DEBUG": "true", "DJANGO_SECRET_KEY": ""}, tmp_path)
    assert result.returncode == 0, result.stderr

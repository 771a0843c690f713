"""config.env: every setting read from the environment, checked, with errors that name the
variable."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from bluelamp.config import env
from bluelamp.config.env import ConfigError, read

STRONG_KEY = "k" * 50
AUDIT_KEYS = {
    "BLUELAMP_AUDIT_KEYS": "k1:" + "a" * 40,
    "BLUELAMP_AUDIT_CHECKPOINT_KEYS": base64.urlsafe_b64encode(b"c" * 32).decode(),
}
PRODUCTION = {
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_ALLOWED_HOSTS": "bluelamp.example.police.uk",
    **AUDIT_KEYS,
}


def fernet_key(byte: int = 1) -> str:
    return base64.urlsafe_b64encode(bytes([byte]) * 32).decode()


def test_secret_key_is_required_outside_debug_and_the_error_names_it():
    # given no DJANGO_SECRET_KEY and debug off
    environ = {"DJANGO_ALLOWED_HOSTS": "example.org"}
    # when the settings are read / then the error names the variable
    with pytest.raises(ConfigError, match="DJANGO_SECRET_KEY"):
        read(environ)


def test_debug_without_a_secret_key_uses_a_development_only_key():
    # given debug on and no key
    settings = read({"DJANGO_DEBUG": "true"})
    # then a key marked insecure is used, and only local hosts are allowed
    assert settings.debug is True
    assert settings.secret_key == env.DEBUG_ONLY_SECRET_KEY
    assert "localhost" in settings.allowed_hosts


def test_a_short_secret_key_is_refused_outside_debug():
    with pytest.raises(ConfigError, match="DJANGO_SECRET_KEY is too weak"):
        read({**PRODUCTION, "DJANGO_SECRET_KEY": "short"})


def test_the_development_key_is_refused_outside_debug():
    with pytest.raises(ConfigError, match="DJANGO_SECRET_KEY"):
        read({**PRODUCTION, "DJANGO_SECRET_KEY": env.DEBUG_ONLY_SECRET_KEY})


def test_allowed_hosts_are_required_outside_debug():
    with pytest.raises(ConfigError, match="DJANGO_ALLOWED_HOSTS"):
        read({"DJANGO_SECRET_KEY": STRONG_KEY})


def test_allowed_hosts_are_a_comma_separated_list():
    settings = read({**PRODUCTION, "DJANGO_ALLOWED_HOSTS": " a.example , b.example ,"})
    assert settings.allowed_hosts == ("a.example", "b.example")


@pytest.mark.parametrize("value", ["maybe", "2", "enabled"])
def test_a_flag_that_is_not_true_or_false_is_refused_by_name(value):
    with pytest.raises(ConfigError, match="DJANGO_DEBUG must be true or false"):
        read({**PRODUCTION, "DJANGO_DEBUG": value})


@pytest.mark.parametrize(
    "value,expected", [("1", True), ("yes", True), ("False", False), ("", False)]
)
def test_flags_accept_the_usual_spellings(value, expected):
    assert read({**PRODUCTION, "DJANGO_DEBUG": value}).debug is expected


def test_the_default_database_is_an_sqlite_file_under_var():
    settings = read(PRODUCTION)
    assert settings.database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(settings.database["NAME"]) == env.REPO_ROOT / "var" / "bluelamp.sqlite3"
    # writers queue for SQLite's lock rather than failing half-way
    assert settings.database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_a_postgres_url_configures_postgresql():
    settings = read({**PRODUCTION, "DATABASE_URL": "postgres://bl:pw@127.0.0.1:5433/bluelamp"})
    db = settings.database
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("127.0.0.1", 5433, "bluelamp", "bl")


def test_a_database_other_than_sqlite_or_postgresql_is_refused():
    with pytest.raises(ConfigError, match="DATABASE_URL must be an sqlite"):
        read({**PRODUCTION, "DATABASE_URL": "mysql://u:p@localhost/db"})


def test_a_malformed_database_url_is_refused_without_echoing_it():
    with pytest.raises(ConfigError, match="DATABASE_URL") as raised:
        read({**PRODUCTION, "DATABASE_URL": "nonsense://user:hunter2@host/db"})
    assert "hunter2" not in str(raised.value)


def test_vault_keys_must_be_fernet_keys_and_the_error_does_not_echo_the_key():
    bad = "not-a-key-hunter2"
    with pytest.raises(ConfigError, match="BLUELAMP_VAULT_KEYS key 2") as raised:
        read({**PRODUCTION, "BLUELAMP_VAULT_KEYS": f"{fernet_key()},{bad}"})
    assert bad not in str(raised.value)


def test_vault_keys_are_read_newest_first():
    keys = f"{fernet_key(1)}, {fernet_key(2)}"
    assert read({**PRODUCTION, "BLUELAMP_VAULT_KEYS": keys}).vault_keys == (
        fernet_key(1),
        fernet_key(2),
    )


def test_vault_keys_may_be_unset_until_the_vault_is_used():
    assert read(PRODUCTION).vault_keys == ()


def test_the_policy_pack_defaults_to_the_shipped_cc01_pack():
    pack = read(PRODUCTION).policy_pack
    assert pack.is_file()
    assert pack.name.startswith("wmp-cc01")


def test_a_missing_policy_pack_file_is_refused_by_name(tmp_path):
    with pytest.raises(ConfigError, match="BLUELAMP_POLICY_PACK"):
        read({**PRODUCTION, "BLUELAMP_POLICY_PACK": str(tmp_path / "nope.toml")})


def test_mail_goes_to_the_console_until_a_mail_host_is_set():
    assert read(PRODUCTION).email.backend.endswith("console.EmailBackend")
    smtp = read({**PRODUCTION, "DJANGO_EMAIL_HOST": "smtp.example.org", "DJANGO_EMAIL_PORT": "25"})
    assert smtp.email.backend.endswith("smtp.EmailBackend")
    assert smtp.email.port == 25


def test_a_number_that_is_not_a_number_is_refused_by_name():
    with pytest.raises(ConfigError, match="BLUELAMP_LOCKOUT_FAILURES must be a whole number"):
        read({**PRODUCTION, "BLUELAMP_LOCKOUT_FAILURES": "five"})
    with pytest.raises(ConfigError, match="BLUELAMP_LOCKOUT_MINUTES must be at least 1"):
        read({**PRODUCTION, "BLUELAMP_LOCKOUT_MINUTES": "0"})


def test_hsts_is_on_for_a_year_outside_debug_and_off_in_debug():
    assert read(PRODUCTION).hsts_seconds == 31_536_000
    assert read({"DJANGO_DEBUG": "true"}).hsts_seconds == 0


def test_csrf_trusted_origins_need_a_scheme():
    with pytest.raises(ConfigError, match="DJANGO_CSRF_TRUSTED_ORIGINS"):
        read({**PRODUCTION, "DJANGO_CSRF_TRUSTED_ORIGINS": "bluelamp.example"})


def test_a_dotenv_file_is_read_and_the_environment_wins(tmp_path):
    # given a .env file with two settings, one also in the environment
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "# comment\nexport DJANGO_SECRET_KEY='" + STRONG_KEY + "'\n"
        "DJANGO_ALLOWED_HOSTS=from-file.example  # trailing comment\n"
    )
    # when read with the environment naming other hosts
    settings = read({"DJANGO_ALLOWED_HOSTS": "from-env.example", **AUDIT_KEYS}, dotenv_path=dotenv)
    # then the file supplies the key and the environment the hosts
    assert settings.secret_key == STRONG_KEY
    assert settings.allowed_hosts == ("from-env.example",)


def test_a_malformed_dotenv_line_is_refused_with_its_line_number():
    with pytest.raises(ConfigError, match="line 2"):
        env.parse_dotenv("A=1\nthis is not a setting\n")


def test_env_example_documents_every_variable_the_settings_read():
    # given every variable name env.py reads
    source = Path(env.__file__).read_text()
    read_names = set(re.findall(r'\.(?:text|flag|integer|items)\(\s*"([A-Z_]+)"', source))
    read_names.add("DATABASE_URL")
    # then each is documented in .env.example
    example = (env.REPO_ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    assert read_names - documented == set()


@pytest.mark.parametrize("name", ["BLUELAMP_AUDIT_KEYS", "BLUELAMP_AUDIT_CHECKPOINT_KEYS"])
def test_the_audit_keys_are_required_outside_debug(name):
    with pytest.raises(ConfigError, match=name):
        read({**PRODUCTION, name: ""})


def test_the_audit_keys_may_be_unset_in_debug():
    audit = read({"DJANGO_DEBUG": "true"}).audit
    assert (audit.chain_keys, audit.checkpoint_keys) == ((), ())


def test_audit_keys_are_id_key_pairs_newest_first():
    keys = "k2:" + "b" * 40 + ", k1:" + "a" * 40
    assert read({**PRODUCTION, "BLUELAMP_AUDIT_KEYS": keys}).audit.chain_keys == (
        ("k2", "b" * 40),
        ("k1", "a" * 40),
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("no-id-here-" + "s" * 40, "entry 1 must be ID:KEY"),
        ("k1:short-secret", "too short"),
        ("k1:" + "a" * 40 + ",k1:" + "b" * 40, "twice"),
    ],
)
def test_bad_audit_keys_are_refused_without_echoing_them(value, message):
    with pytest.raises(ConfigError, match=message) as raised:
        read({**PRODUCTION, "BLUELAMP_AUDIT_KEYS": value})
    assert "short-secret" not in str(raised.value)
    assert "s" * 40 not in str(raised.value)


def test_a_checkpoint_key_must_be_32_bytes():
    with pytest.raises(ConfigError, match="BLUELAMP_AUDIT_CHECKPOINT_KEYS key 1"):
        read({**PRODUCTION, "BLUELAMP_AUDIT_CHECKPOINT_KEYS": "c2hvcnQ="})


def test_the_checkpoint_file_defaults_to_the_data_directory():
    assert read(PRODUCTION).audit.checkpoint_file == env.REPO_ROOT / "var" / "audit-checkpoints"

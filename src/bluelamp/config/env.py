"""The only place that reads the environment.

Every setting that can differ between a developer's machine, CI and a force's servers comes from
an environment variable read here, checked, and handed to ``settings.py`` as one typed ``Env``.
A bad or missing value stops start-up with a ``ConfigError`` whose message names the variable.
Every variable is documented in ``.env.example`` at the repository root.

Precedence, highest first: the process environment, a ``.env`` file at the repository root (if
there is one), then the defaults below. The test settings switch the ``.env`` file off so that a
developer's local file cannot change what the suite tests.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/bluelamp


def _find_repo_root() -> Path:
    candidate = PACKAGE_DIR.parent.parent  # the checkout, when installed in editable mode
    if (candidate / "pyproject.toml").is_file():
        return candidate
    return Path.cwd()


REPO_ROOT = _find_repo_root()

# Used only when DJANGO_DEBUG is true and DJANGO_SECRET_KEY is unset: never in production.
DEBUG_ONLY_SECRET_KEY = "django-insecure-bluelamp-development-only-do-not-use-in-production"
DEFAULT_DEBUG_HOSTS = ("localhost", "127.0.0.1", "[::1]")
CONN_MAX_AGE_SECONDS = 60

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


class ConfigError(Exception):
    """A setting in the environment is missing or invalid; the message names the variable."""


@dataclass(frozen=True, slots=True)
class EmailSettings:
    host: str
    port: int
    user: str
    password: str
    use_tls: bool
    from_address: str

    @property
    def backend(self) -> str:
        if self.host:
            return "django.core.mail.backends.smtp.EmailBackend"
        return "django.core.mail.backends.console.EmailBackend"


@dataclass(frozen=True, slots=True)
class PlatformSettings:
    """Where the platforms' APIs are (a test or demo points them at fakes on 127.0.0.1), and
    the public address of this service (Instagram fetches images from it)."""

    x_api_base: str = "https://api.x.com"
    graph_api_base: str = "https://graph.facebook.com/v21.0"
    #: Where a published post's own page is (the demo's fake platforms serve these too).
    x_web_base: str = "https://x.com"
    facebook_web_base: str = "https://www.facebook.com"
    public_base_url: str = ""
    worker_interval: int = 30
    #: Seconds before a failed job's second attempt (doubled after each failure, capped at an hour).
    job_retry_seconds: int = 30
    #: Seconds without a heartbeat after which a worker on another host is taken for dead.
    job_lease_seconds: int = 60
    x_client_id: str = ""
    #: The X app's bearer token (OAuth 2.0 app-only): the spoof search looks accounts up with it.
    x_bearer_token: str = ""
    #: Whether the worker searches X for spoof accounts once a week.
    spoof_search_weekly: bool = False


DEFAULT_PROVIDER_NAME = "your organisation's sign-in"


@dataclass(frozen=True, slots=True)
class SignInSettings:
    """Single sign-on with the force's OpenID Connect identity provider (off when ``issuer`` is
    empty), the one local account kept for emergencies, and two-factor for local accounts."""

    issuer: str = ""
    client_id: str = ""
    client_secret: str = ""
    provider_name: str = DEFAULT_PROVIDER_NAME
    groups_claim: str = "groups"
    username_claim: str = "preferred_username"
    #: (group, role value) pairs: a member of the group holds the role.
    group_roles: tuple[tuple[str, str], ...] = ()
    break_glass_username: str = ""
    local_two_factor: bool = True

    @property
    def sso_enabled(self) -> bool:
        return bool(self.issuer)


@dataclass(frozen=True, slots=True)
class AuditSettings:
    """The keys that make the audit trail prove itself, held outside the database.

    ``chain_keys`` are (key id, key) pairs, newest first: the first signs new events, each
    event names its key id, and every key listed checks the events it signed.
    ``checkpoint_keys`` are Ed25519 private keys (32 url-safe base64 bytes), newest first: the
    first signs checkpoints of the chain head, every key checks the checkpoints it signed. Both
    are empty in development, where keys derived from the secret key are used and said so."""

    chain_keys: tuple[tuple[str, str], ...] = ()
    checkpoint_keys: tuple[str, ...] = ()
    checkpoint_file: Path | None = None
    checkpoint_minutes: int = 60


@dataclass(frozen=True, slots=True)
class Env:
    """Everything the settings module needs, read and checked once."""

    debug: bool
    secret_key: str
    allowed_hosts: tuple[str, ...]
    csrf_trusted_origins: tuple[str, ...]
    database: dict[str, Any]
    data_dir: Path
    vault_keys: tuple[str, ...]
    policy_pack: Path
    email: EmailSettings
    session_idle_minutes: int
    lockout_failures: int
    lockout_minutes: int
    secure_ssl_redirect: bool
    trust_x_forwarded_proto: bool
    hsts_seconds: int
    log_level: str
    platforms: PlatformSettings = field(default_factory=lambda: PlatformSettings())
    #: Where a lost device not secured in time is escalated (CC/01 5.5, 5.6): CCD's duty
    #: contact; empty means Corporate Communications' usual addresses.
    ccd_duty_contact: str = ""
    sign_in: SignInSettings = field(default_factory=lambda: SignInSettings())
    audit: AuditSettings = field(default_factory=lambda: AuditSettings())
    #: The mailboxes staff reports go to (BLUELAMP_WELFARE_EMAIL, BLUELAMP_PRESS_OFFICE_EMAIL).
    contacts: dict[str, str] = field(default_factory=dict)
    #: The bearer token a metrics scraper must send; empty switches /metrics off.
    metrics_token: str = field(default="", repr=False)
    #: "plain" lines for people, or "json", one object per line, for a log collector.
    log_format: str = "plain"
    sources: dict[str, str] = field(default_factory=dict, repr=False)


# What a settings variant (the test settings) puts under and over the real environment.
_layer_defaults: dict[str, str] = {}
_layer_forced: dict[str, str] = {}
_use_dotenv = True


def configure_variant(
    *,
    defaults: Mapping[str, str] = {},
    forced: Mapping[str, str] = {},
    dotenv: bool = True,
) -> None:
    """For settings variants such as the test settings; never called in production.

    ``defaults`` lie under the real environment, ``forced`` over it, and ``dotenv`` switches
    the repository's ``.env`` file on or off."""
    global _use_dotenv
    _layer_defaults.clear()
    _layer_defaults.update(defaults)
    _layer_forced.clear()
    _layer_forced.update(forced)
    _use_dotenv = dotenv


def parse_dotenv(text: str) -> dict[str, str]:
    """Parse ``KEY=value`` lines; ``#`` comments, blank lines, ``export`` and quotes allowed."""
    values: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key.isidentifier():
            raise ConfigError(f".env line {number}: expected KEY=value")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        else:
            value = value.split(" #", 1)[0].rstrip()
        values[key] = value
    return values


def _merged(environ: Mapping[str, str] | None, dotenv_path: Path | None) -> dict[str, str]:
    # The settings variant's defaults apply to the real environment only, so that a test of
    # read() with an explicit mapping sees exactly that mapping.
    merged: dict[str, str] = dict(_layer_defaults) if environ is None else {}
    if dotenv_path is not None and dotenv_path.is_file():
        merged.update(parse_dotenv(dotenv_path.read_text(encoding="utf-8")))
    merged.update(os.environ if environ is None else environ)
    if environ is None:
        merged.update(_layer_forced)
    return merged


class _Reader:
    def __init__(self, values: Mapping[str, str]):
        self.values = values

    def text(self, name: str, default: str = "") -> str:
        return self.values.get(name, default).strip()

    def flag(self, name: str, default: bool) -> bool:
        raw = self.values.get(name)
        if raw is None:
            return default
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ConfigError(f"{name} must be true or false (got {raw!r})")

    def integer(self, name: str, default: int, *, minimum: int = 0) -> int:
        raw = self.values.get(name, "").strip()
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number (got {raw!r})") from None
        if value < minimum:
            raise ConfigError(f"{name} must be at least {minimum} (got {value})")
        return value

    def items(self, name: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.text(name).split(",") if part.strip())


def _database(reader: _Reader, data_dir: Path) -> dict[str, Any]:
    url = reader.text("DATABASE_URL")
    if not url:
        url = f"sqlite:///{data_dir / 'bluelamp.sqlite3'}"
    try:
        # Connections are kept between requests (checked before reuse): a new SQLite connection
        # re-reads the schema and a new PostgreSQL one authenticates again, which cost about
        # 1 ms of a 3 ms check (bench/bench_api.py).
        config = dict(
            dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE_SECONDS, conn_health_checks=True)
        )
    except Exception as exc:  # dj-database-url raises several kinds for a bad URL
        # The message names the variable but not the URL, which may hold a password.
        raise ConfigError(f"DATABASE_URL is not a database URL I understand ({exc})") from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        options = config.setdefault("OPTIONS", {})
        # BEGIN IMMEDIATE: writers queue for the lock instead of failing part-way, so two
        # audit writers serialise on SQLite as select_for_update makes them on PostgreSQL.
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", 20)
    elif engine not in ("django.db.backends.postgresql", "django.db.backends.postgis"):
        raise ConfigError(
            "DATABASE_URL must be an sqlite:/// or postgres:// URL "
            f"(Bluelamp is tested on SQLite and PostgreSQL only; got engine {engine!r})"
        )
    config["ATOMIC_REQUESTS"] = False
    return config


def _vault_keys(reader: _Reader) -> tuple[str, ...]:
    keys = reader.items("BLUELAMP_VAULT_KEYS")
    for position, key in enumerate(keys, start=1):
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raw = b""
        if len(raw) != 32:
            # Never echo the key itself: the message names the variable and the position only.
            raise ConfigError(
                f"BLUELAMP_VAULT_KEYS key {position} is not a Fernet key "
                "(32 url-safe base64-encoded bytes); see .env.example for how to make one"
            )
    return keys


_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
MIN_CHAIN_KEY_LENGTH = 32


def _audit(reader: _Reader, *, debug: bool, data_dir: Path) -> AuditSettings:
    chain_keys = []
    for position, item in enumerate(reader.items("BLUELAMP_AUDIT_KEYS"), start=1):
        key_id, sep, key = item.partition(":")
        # Never echo a key: the messages name the variable, the position and at most the id.
        if not sep or not _KEY_ID.match(key_id):
            raise ConfigError(
                f"BLUELAMP_AUDIT_KEYS entry {position} must be ID:KEY, the id made of letters, "
                "digits, - and _ (at most 32); see .env.example"
            )
        if len(key) < MIN_CHAIN_KEY_LENGTH:
            raise ConfigError(
                f"BLUELAMP_AUDIT_KEYS key {key_id!r} is too short: use a random string of at "
                f"least {MIN_CHAIN_KEY_LENGTH} characters (see .env.example)"
            )
        if any(key_id == known for known, _ in chain_keys):
            raise ConfigError(f"BLUELAMP_AUDIT_KEYS names the key id {key_id!r} twice")
        chain_keys.append((key_id, key))
    checkpoint_keys = reader.items("BLUELAMP_AUDIT_CHECKPOINT_KEYS")
    for position, key in enumerate(checkpoint_keys, start=1):
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raw = b""
        if len(raw) != 32:
            raise ConfigError(
                f"BLUELAMP_AUDIT_CHECKPOINT_KEYS key {position} is not an Ed25519 private key "
                "(32 url-safe base64-encoded bytes); see .env.example for how to make one"
            )
    if not debug and not chain_keys:
        raise ConfigError(
            "BLUELAMP_AUDIT_KEYS is not set. It is required unless DJANGO_DEBUG is true: the "
            "audit trail is signed with it (see .env.example)."
        )
    if not debug and not checkpoint_keys:
        raise ConfigError(
            "BLUELAMP_AUDIT_CHECKPOINT_KEYS is not set. It is required unless DJANGO_DEBUG is "
            "true: checkpoints of the audit trail are signed with it (see .env.example)."
        )
    raw_file = reader.text("BLUELAMP_AUDIT_CHECKPOINT_FILE")
    checkpoint_file = Path(raw_file).expanduser() if raw_file else data_dir / "audit-checkpoints"
    if not checkpoint_file.is_absolute():
        checkpoint_file = REPO_ROOT / checkpoint_file
    return AuditSettings(
        chain_keys=tuple(chain_keys),
        checkpoint_keys=checkpoint_keys,
        checkpoint_file=checkpoint_file,
        checkpoint_minutes=reader.integer("BLUELAMP_AUDIT_CHECKPOINT_MINUTES", 60, minimum=1),
    )


def _policy_pack(reader: _Reader) -> Path:
    raw = reader.text("BLUELAMP_POLICY_PACK")
    if not raw:
        from bluelamp.engine.policy_pack import DEFAULT_PACK

        return DEFAULT_PACK
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = REPO_ROOT / path
    if not path.is_file():
        raise ConfigError(f"BLUELAMP_POLICY_PACK names a file that does not exist: {path}")
    return path


def read(
    environ: Mapping[str, str] | None = None,
    *,
    dotenv_path: Path | None = None,
) -> Env:
    """Read and check every setting. ``environ`` defaults to the process environment (with the
    repository's ``.env`` file under it); an explicit mapping is read alone, plus ``dotenv_path``
    if given. Raises ConfigError naming the variable when one is missing or wrong."""
    if dotenv_path is None and environ is None and _use_dotenv:
        dotenv_path = REPO_ROOT / ".env"
    reader = _Reader(_merged(environ, dotenv_path))

    debug = reader.flag("DJANGO_DEBUG", False)

    secret_key = reader.text("DJANGO_SECRET_KEY")
    if not secret_key:
        if not debug:
            raise ConfigError(
                "DJANGO_SECRET_KEY is not set. It is required unless DJANGO_DEBUG is true; "
                "set it to a long random string (see .env.example)."
            )
        secret_key = DEBUG_ONLY_SECRET_KEY
    elif not debug and (len(secret_key) < 32 or secret_key == DEBUG_ONLY_SECRET_KEY):
        raise ConfigError(
            "DJANGO_SECRET_KEY is too weak for use without DJANGO_DEBUG: "
            "use a random string of at least 32 characters."
        )

    allowed_hosts = reader.items("DJANGO_ALLOWED_HOSTS")
    if not allowed_hosts:
        if not debug:
            raise ConfigError(
                "DJANGO_ALLOWED_HOSTS is not set. It is required unless DJANGO_DEBUG is true: "
                "list the host names the service answers to, separated by commas."
            )
        allowed_hosts = DEFAULT_DEBUG_HOSTS

    origins = reader.items("DJANGO_CSRF_TRUSTED_ORIGINS")
    for origin in origins:
        if not origin.startswith(("http://", "https://")):
            raise ConfigError(
                f"DJANGO_CSRF_TRUSTED_ORIGINS entries must start with https:// (got {origin!r})"
            )

    data_dir_raw = reader.text("BLUELAMP_DATA_DIR")
    data_dir = Path(data_dir_raw).expanduser() if data_dir_raw else REPO_ROOT / "var"
    if not data_dir.is_absolute():
        data_dir = REPO_ROOT / data_dir

    email = EmailSettings(
        host=reader.text("DJANGO_EMAIL_HOST"),
        port=reader.integer("DJANGO_EMAIL_PORT", 587, minimum=1),
        user=reader.text("DJANGO_EMAIL_HOST_USER"),
        password=reader.text("DJANGO_EMAIL_HOST_PASSWORD"),
        use_tls=reader.flag("DJANGO_EMAIL_USE_TLS", True),
        from_address=reader.text("DJANGO_DEFAULT_FROM_EMAIL", "bluelamp@localhost"),
    )

    log_level = reader.text("BLUELAMP_LOG_LEVEL", "INFO").upper()
    if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        raise ConfigError(
            f"BLUELAMP_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL (got {log_level!r})"
        )

    log_format = reader.text("BLUELAMP_LOG_FORMAT", "plain").lower()
    if log_format not in ("plain", "json"):
        raise ConfigError(f"BLUELAMP_LOG_FORMAT must be plain or json (got {log_format!r})")

    metrics_token = reader.text("BLUELAMP_METRICS_TOKEN")
    if metrics_token and len(metrics_token) < 32:
        raise ConfigError(
            "BLUELAMP_METRICS_TOKEN is too short: use a random string of at least 32 characters."
        )

    return Env(
        debug=debug,
        secret_key=secret_key,
        allowed_hosts=allowed_hosts,
        csrf_trusted_origins=origins,
        database=_database(reader, data_dir),
        data_dir=data_dir,
        vault_keys=_vault_keys(reader),
        policy_pack=_policy_pack(reader),
        email=email,
        session_idle_minutes=reader.integer("BLUELAMP_SESSION_IDLE_MINUTES", 60, minimum=1),
        lockout_failures=reader.integer("BLUELAMP_LOCKOUT_FAILURES", 5, minimum=1),
        lockout_minutes=reader.integer("BLUELAMP_LOCKOUT_MINUTES", 15, minimum=1),
        secure_ssl_redirect=reader.flag("DJANGO_SECURE_SSL_REDIRECT", False),
        trust_x_forwarded_proto=reader.flag("DJANGO_TRUST_X_FORWARDED_PROTO", False),
        hsts_seconds=reader.integer("DJANGO_HSTS_SECONDS", 0 if debug else 31_536_000),
        log_level=log_level,
        platforms=_platforms(reader),
        ccd_duty_contact=_duty_contact(reader),
        sign_in=_sign_in(reader),
        audit=_audit(reader, debug=debug, data_dir=data_dir),
        contacts=_contacts(reader),
        metrics_token=metrics_token,
        log_format=log_format,
    )


# The role values of core.roles.Role (read here as plain strings: settings load before apps).
ROLE_VALUES = ("staff", "line_manager", "ccd", "infosec", "psd", "auditor", "welfare")


def _group_roles(reader: _Reader) -> tuple[tuple[str, str], ...]:
    """BLUELAMP_OIDC_GROUP_ROLES: ``group=role`` pairs separated by commas; a group may be
    given several times to hold several roles."""
    pairs = []
    for item in reader.items("BLUELAMP_OIDC_GROUP_ROLES"):
        group, sep, role = (part.strip() for part in item.partition("="))
        if not sep or not group or not role:
            raise ConfigError(
                f"BLUELAMP_OIDC_GROUP_ROLES entries are group=role pairs separated by commas "
                f"(got {item!r})"
            )
        if role not in ROLE_VALUES:
            raise ConfigError(
                f"BLUELAMP_OIDC_GROUP_ROLES: {role!r} is not a role; the roles are "
                f"{', '.join(ROLE_VALUES)}"
            )
        pairs.append((group, role))
    return tuple(dict.fromkeys(pairs))


def _sign_in(reader: _Reader) -> SignInSettings:
    issuer = reader.text("BLUELAMP_OIDC_ISSUER").rstrip("/")
    values: dict[str, Any] = {
        "break_glass_username": reader.text("BLUELAMP_BREAK_GLASS_USERNAME"),
        "local_two_factor": reader.flag("BLUELAMP_LOCAL_TWO_FACTOR", True),
    }
    if not issuer:
        return SignInSettings(**values)
    if not issuer.startswith("https://"):
        raise ConfigError(
            f"BLUELAMP_OIDC_ISSUER must be an https:// address, as OpenID Connect requires "
            f"(got {issuer!r})"
        )
    for name in ("BLUELAMP_OIDC_CLIENT_ID", "BLUELAMP_OIDC_CLIENT_SECRET"):
        if not reader.text(name):
            raise ConfigError(f"{name} is required when BLUELAMP_OIDC_ISSUER is set")
    group_roles = _group_roles(reader)
    if not group_roles:
        raise ConfigError(
            "BLUELAMP_OIDC_GROUP_ROLES is required when BLUELAMP_OIDC_ISSUER is set: without "
            "it no one could sign in (map each group to a role, e.g. <group id>=staff)"
        )
    return SignInSettings(
        issuer=issuer,
        client_id=reader.text("BLUELAMP_OIDC_CLIENT_ID"),
        client_secret=reader.text("BLUELAMP_OIDC_CLIENT_SECRET"),
        provider_name=reader.text("BLUELAMP_OIDC_PROVIDER_NAME") or DEFAULT_PROVIDER_NAME,
        groups_claim=reader.text("BLUELAMP_OIDC_GROUPS_CLAIM") or "groups",
        username_claim=reader.text("BLUELAMP_OIDC_USERNAME_CLAIM") or "preferred_username",
        group_roles=group_roles,
        **values,
    )


def _duty_contact(reader: _Reader) -> str:
    value = reader.text("BLUELAMP_CCD_DUTY_CONTACT")
    if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ConfigError(f"BLUELAMP_CCD_DUTY_CONTACT must be an e-mail address (got {value!r})")
    return value


def _contacts(reader: _Reader) -> dict[str, str]:
    contacts = {}
    for name in ("BLUELAMP_WELFARE_EMAIL", "BLUELAMP_PRESS_OFFICE_EMAIL"):
        value = reader.text(name)
        if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ConfigError(f"{name} must be an e-mail address (got {value!r})")
        contacts[name] = value
    return contacts


def _platforms(reader: _Reader) -> PlatformSettings:
    values = {}
    for key, name in (
        ("x_api_base", "BLUELAMP_X_API_BASE"),
        ("graph_api_base", "BLUELAMP_GRAPH_API_BASE"),
        ("x_web_base", "BLUELAMP_X_WEB_BASE"),
        ("facebook_web_base", "BLUELAMP_FACEBOOK_WEB_BASE"),
        ("public_base_url", "BLUELAMP_PUBLIC_BASE_URL"),
    ):
        value = reader.text(name).rstrip("/")
        if value and not value.startswith(("http://", "https://")):
            raise ConfigError(f"{name} must be an http:// or https:// address (got {value!r})")
        if value:
            values[key] = value
    return PlatformSettings(
        **values,
        worker_interval=reader.integer("BLUELAMP_WORKER_INTERVAL", 30, minimum=1),
        job_retry_seconds=reader.integer("BLUELAMP_JOB_RETRY_SECONDS", 30, minimum=0),
        job_lease_seconds=reader.integer("BLUELAMP_JOB_LEASE_SECONDS", 60, minimum=5),
        x_client_id=reader.text("BLUELAMP_X_CLIENT_ID"),
        x_bearer_token=reader.text("BLUELAMP_X_BEARER_TOKEN"),
        spoof_search_weekly=reader.flag("BLUELAMP_SPOOF_SEARCH_WEEKLY", False),
    )

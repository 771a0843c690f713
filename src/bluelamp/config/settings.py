"""Django settings for Bluelamp. Every value that differs between machines comes from
``config/env.py`` (the only reader of the environment); everything else is fixed here."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bluelamp.config import env

ENV = env.read()

PACKAGE_DIR = env.PACKAGE_DIR
REPO_ROOT = env.REPO_ROOT
DATA_DIR = ENV.data_dir

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = list(ENV.allowed_hosts)
CSRF_TRUSTED_ORIGINS = list(ENV.csrf_trusted_origins)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "bluelamp.core",
    "bluelamp.audit",
    "bluelamp.identity",
    "bluelamp.social_accounts",
    "bluelamp.data_requests",
    "bluelamp.account_security",
    "bluelamp.conduct",
    "bluelamp.incidents",
    "bluelamp.publishing",
    "bluelamp.spoofs",
    "bluelamp.reviews",
    "bluelamp.disclosure",
    "bluelamp.selfcheck",
    "bluelamp.acknowledgements",
    "django_tasks",
    "django_tasks_db",
    "bluelamp.jobs",
    "bluelamp.api",
    "bluelamp.ops",
    "bluelamp.demo",
]

MIDDLEWARE = [
    "bluelamp.ops.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "bluelamp.core.middleware.RequestIdMiddleware",
    "bluelamp.core.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "bluelamp.identity.middleware.TwoFactorMiddleware",
    "bluelamp.core.middleware.SecurityHeadersMiddleware",
    "bluelamp.core.middleware.BadInputMiddleware",
    "bluelamp.core.middleware.ApplicationErrorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bluelamp.config.urls"
WSGI_APPLICATION = "bluelamp.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bluelamp.core.context_processors.bluelamp",
                "bluelamp.incidents.context_processors.crisis",
                "bluelamp.acknowledgements.context_processors.acknowledgement",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": ENV.database}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _name = str(DATABASES["default"].get("NAME", ""))
    if _name and _name != ":memory:" and not _name.startswith("file:"):
        Path(_name).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users, passwords, sign-in ---------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "bluelamp.core.auth_backends.LockoutModelBackend",
    "bluelamp.identity.oidc.OIDCBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Lock-out: this many failed sign-ins for one username within the window locks it until the
# failures age out of the window. Every lock-out is an audit event.
BLUELAMP_LOCKOUT_FAILURES = ENV.lockout_failures
BLUELAMP_LOCKOUT_WINDOW = timedelta(minutes=ENV.lockout_minutes)

# Single sign-on with the force's OpenID Connect provider (docs/sign-in.md): off while
# BLUELAMP_OIDC_ISSUER is empty. mozilla-django-oidc reads the OIDC_* settings; the provider's
# endpoints are discovered from the issuer (bluelamp.identity.oidc).
BLUELAMP_SIGN_IN = ENV.sign_in
BLUELAMP_SSO_ENABLED = ENV.sign_in.sso_enabled
BLUELAMP_BREAK_GLASS_USERNAME = ENV.sign_in.break_glass_username
# Local accounts holding these roles (and the break-glass account) give a code from an
# authenticator app after their password.
BLUELAMP_LOCAL_TWO_FACTOR = ENV.sign_in.local_two_factor
BLUELAMP_TWO_FACTOR_ROLES = ("ccd", "infosec", "auditor")
OIDC_RP_CLIENT_ID = ENV.sign_in.client_id
OIDC_RP_CLIENT_SECRET = ENV.sign_in.client_secret
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_STORE_ID_TOKEN = True  # kept for the provider's sign-out (id_token_hint)
OIDC_AUTHENTICATION_CALLBACK_URL = "identity:oidc_callback"
OIDC_OP_LOGOUT_URL_METHOD = "bluelamp.identity.oidc.provider_logout_url"
OTP_TOTP_ISSUER = "Bluelamp"

# --- Sessions and cookies ---------------------------------------------------------------------
# A session ends after this long without a request (each request pushes the expiry on), or
# when the browser closes.
SESSION_COOKIE_AGE = ENV.session_idle_minutes * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_FAILURE_VIEW = "bluelamp.core.views.csrf_failure"

# --- Transport and browser security -----------------------------------------------------------
SECURE_HSTS_SECONDS = ENV.hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = ENV.hsts_seconds > 0
SECURE_HSTS_PRELOAD = False
SECURE_SSL_REDIRECT = ENV.secure_ssl_redirect
# The load balancer's probes speak plain HTTP to the process behind it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
BLUELAMP_METRICS_TOKEN = ENV.metrics_token
if ENV.trust_x_forwarded_proto:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The Content-Security-Policy: the page's own origin only, plus a per-request nonce for the one
# inline script GOV.UK Frontend needs. Written by core.middleware.SecurityHeadersMiddleware.
BLUELAMP_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
BLUELAMP_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = ENV.email.backend
EMAIL_HOST = ENV.email.host or "localhost"
EMAIL_PORT = ENV.email.port
EMAIL_HOST_USER = ENV.email.user
EMAIL_HOST_PASSWORD = ENV.email.password
EMAIL_USE_TLS = ENV.email.use_tls
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = ENV.email.from_address
SERVER_EMAIL = ENV.email.from_address

# --- Bluelamp ---------------------------------------------------------------------------------
BLUELAMP_SERVICE_NAME = "Bluelamp"
BLUELAMP_POLICY_PACK = ENV.policy_pack
# Fernet keys for the credential vault, newest first; older ones only decrypt (key rotation).
BLUELAMP_VAULT_KEYS = list(ENV.vault_keys)
# The audit trail's keys, held outside the database (docs/audit.md): HMAC keys for the chain as
# (key id, key) pairs and Ed25519 keys for checkpoints, newest first; empty in development,
# where keys derived from the secret key are used (and `manage.py check` says so).
BLUELAMP_AUDIT_KEYS = list(ENV.audit.chain_keys)
BLUELAMP_AUDIT_CHECKPOINT_KEYS = list(ENV.audit.checkpoint_keys)
# The file checkpoints are appended to (None: not kept, only printed and e-mailed), and how
# often the worker writes one.
BLUELAMP_AUDIT_CHECKPOINT_FILE = ENV.audit.checkpoint_file
BLUELAMP_AUDIT_CHECKPOINT_MINUTES = ENV.audit.checkpoint_minutes
BLUELAMP_X_API_BASE = ENV.platforms.x_api_base
BLUELAMP_GRAPH_API_BASE = ENV.platforms.graph_api_base
BLUELAMP_X_WEB_BASE = ENV.platforms.x_web_base
BLUELAMP_FACEBOOK_WEB_BASE = ENV.platforms.facebook_web_base
BLUELAMP_X_CLIENT_ID = ENV.platforms.x_client_id
# The X app's bearer token, for the spoof search's account lookups (docs/spoofs.md); blank: the
# token of an X account connected for publishing is used. The worker searches weekly if asked.
BLUELAMP_X_BEARER_TOKEN = ENV.platforms.x_bearer_token
BLUELAMP_SPOOF_SEARCH_WEEKLY = ENV.platforms.spoof_search_weekly
BLUELAMP_PUBLIC_BASE_URL = ENV.platforms.public_base_url
BLUELAMP_WORKER_INTERVAL = ENV.platforms.worker_interval
# The job queue (docs/jobs.md): Django's tasks framework on this database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BLUELAMP_JOB_RETRY_SECONDS = ENV.platforms.job_retry_seconds
BLUELAMP_JOB_LEASE_SECONDS = ENV.platforms.job_lease_seconds
BLUELAMP_CCD_DUTY_CONTACT = ENV.ccd_duty_contact
# Where staff reports go (bluelamp.conduct): abuse to staff welfare, journalists' approaches to
# CCD's press office. Blank: the welfare role's members; the pack's CCD mailbox or CCD's members.
BLUELAMP_WELFARE_EMAIL = ENV.contacts.get("BLUELAMP_WELFARE_EMAIL", "")
BLUELAMP_PRESS_OFFICE_EMAIL = ENV.contacts.get("BLUELAMP_PRESS_OFFICE_EMAIL", "")

# --- REST API ---------------------------------------------------------------------------------
# Under /api/v1/. Callers authenticate with a personal API token (bluelamp.api) or a signed-in
# session (which keeps Django's CSRF check for writes). Answers are JSON only: no browsable API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "bluelamp.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "bluelamp.core.rest.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "bluelamp.core.rest.pagination.ApiPagination",
    # Per user, counted in the default cache (per process unless a shared cache is set up).
    # Live checking as an officer types sends a request every keystroke pause; a batch is up
    # to 1,000 posts.
    "DEFAULT_THROTTLE_RATES": {"check": "600/minute", "check_batch": "120/hour"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bluelamp API",
    "DESCRIPTION": (
        "The registry of corporate social media accounts, account applications, and the post "
        "checker. Authenticate with a personal API token: `Authorization: Bearer blp_…`. "
        'Every error is `{"code": …, "message": …}` with a stable code.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "SeverityEnum": "bluelamp.core.rest.serializers.SEVERITIES",
        "PostTierEnum": "bluelamp.engine.model.TIERS",
        "AccountTierEnum": "bluelamp.social_accounts.choices.Tier",
        "AccountStatusEnum": "bluelamp.social_accounts.choices.AccountStatus",
        "ApplicationStatusEnum": "bluelamp.social_accounts.choices.ApplicationStatus",
        "PostKindEnum": "bluelamp.publishing.choices.PostKind",
        "PostStateEnum": "bluelamp.publishing.choices.PostState",
        "ApproverEnum": "bluelamp.publishing.choices.Approver",
        "RemovalRequestStateEnum": "bluelamp.data_requests.choices.RequestStatus",
        "SpoofCandidateStateEnum": "bluelamp.spoofs.choices.CandidateStatus",
        "SpoofCandidateStateFilterEnum": "bluelamp.spoofs.choices.STATE_FILTERS",
        "ReviewDecisionEnum": "bluelamp.reviews.choices.Decision",
        "ReviewStateEnum": "bluelamp.reviews.choices.ReviewStatus",
        "ReviewReasonEnum": "bluelamp.reviews.choices.Reason",
        "AppealCaseStateEnum": "bluelamp.reviews.choices.CaseStatus",
        "ConductCaseStateEnum": "bluelamp.conduct.choices.CaseStatus",
        "LostDeviceReportStateEnum": "bluelamp.account_security.choices.ReportStatus",
        "StaffReportStateEnum": "bluelamp.conduct.choices.ReportStatus",
    },
}

# --- Logging: to standard error; messages pass a filter that masks secrets. ---------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "bluelamp.core.logging.RequestIdFilter"},
        "redact_secrets": {"()": "bluelamp.core.logging.RedactSecretsFilter"},
    },
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        "json": {"()": "bluelamp.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": ENV.log_format,
            "filters": ["request_id", "redact_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": ENV.log_level, "propagate": False},
        "django.db.backends": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "bluelamp": {"handlers": ["console"], "level": ENV.log_level, "propagate": False},
    },
}

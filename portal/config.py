"""Configuration from the environment.

Secrets and addresses come only from environment variables. Council settings that staff edit
(name, branding, timescales, closure days) live in the database instead: see `portal.data.models.CouncilSettings`.
"""

import json
import os
import secrets
from pathlib import Path

DEFAULT_SECRET_KEYS = {"", "change-me", "changeme", "secret", "dev", "development"}
# Environments that may run with relaxed settings; every other name (staging, production, ...) is held to the rules
# in `check_deployed_settings`.
RELAXED_ENVIRONMENTS = frozenset({"development", "test"})
SECRET_KEY_MIN_LENGTH = 32
SECRET_KEY_MIN_DISTINCT = 10


class ConfigurationError(RuntimeError):
    """The portal refuses to start because a setting is missing or unsafe."""


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def _env_json_object(name: str) -> dict:
    value = os.environ.get(name, "").strip()
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError as error:
        raise ConfigurationError(f"{name} is not valid JSON: {error}") from error
    if not isinstance(parsed, dict) or not all(isinstance(v, str) for v in parsed.values()):
        raise ConfigurationError(f'{name} must be a JSON object of strings, like {{"acknowledgement": "<id>"}}')
    return parsed


def base_config(instance_path: Path) -> dict:
    """Settings common to every environment, read from the environment where they can vary."""
    return {
        "ENVIRONMENT": os.environ.get("PORTAL_ENV", "production"),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'portal.db'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SECRET_KEY": os.environ.get("SECRET_KEY", ""),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _env_bool("SESSION_COOKIE_SECURE", True),
        "PERMANENT_SESSION_LIFETIME": _env_int("SESSION_LIFETIME_SECONDS", 30 * 60),
        "SESSION_WARNING_SECONDS": _env_int("SESSION_WARNING_SECONDS", 2 * 60),
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "FORCE_HTTPS": _env_bool("FORCE_HTTPS", True),
        "PROXY_HOPS": _env_int("PROXY_HOPS", 1),
        "MAX_CONTENT_LENGTH": _env_int("MAX_REQUEST_BYTES", 60 * 1024 * 1024),
        # Attachments (portal.uploads): keep UPLOAD_MAX_FILES x UPLOAD_MAX_BYTES below MAX_CONTENT_LENGTH.
        "UPLOAD_MAX_FILES": _env_int("UPLOAD_MAX_FILES", 5),
        "UPLOAD_MAX_BYTES": _env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024),
        "UPLOAD_STORAGE": os.environ.get("UPLOAD_STORAGE") or "local",
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER") or None,  # None: <instance folder>/uploads
        "DRAFT_EXPIRY_DAYS": _env_int("DRAFT_EXPIRY_DAYS", 28),
        # Closing the loop (portal.participation): how long a survey link works, when the one reminder goes, and
        # whether adults are asked about their complaint once it closes.
        "SURVEY_LINK_DAYS": _env_int("SURVEY_LINK_DAYS", 28),
        "SURVEY_REMINDER_DAYS": _env_int("SURVEY_REMINDER_DAYS", 7),
        "ADULT_SURVEY": _env_bool("ADULT_SURVEY", False),
        # The daily reminders (`flask reminders send`) mention what is due within this many working days.
        "REMINDER_WORKING_DAYS": _env_int("REMINDER_WORKING_DAYS", 3),
        # Notifications: GOV.UK Notify if NOTIFY_API_KEY is set, else SMTP if SMTP_HOST is set, else the outbox only.
        "NOTIFY_API_KEY": os.environ.get("NOTIFY_API_KEY", ""),
        "NOTIFY_BASE_URL": os.environ.get("NOTIFY_BASE_URL") or "https://api.notifications.service.gov.uk",
        "NOTIFY_EMAIL_TEMPLATE_ID": os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", ""),
        "NOTIFY_SMS_TEMPLATE_ID": os.environ.get("NOTIFY_SMS_TEMPLATE_ID", ""),
        "NOTIFY_TEMPLATE_IDS": _env_json_object("NOTIFY_TEMPLATE_IDS"),
        "NOTIFY_TIMEOUT_SECONDS": _env_int("NOTIFY_TIMEOUT_SECONDS", 10),
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": _env_int("SMTP_PORT", 587),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _env_bool("SMTP_STARTTLS", True),
        "SMTP_TIMEOUT_SECONDS": _env_int("SMTP_TIMEOUT_SECONDS", 5),
        "MAIL_FROM": os.environ.get("MAIL_FROM", ""),
        "OUTBOX_MAX_ATTEMPTS": _env_int("OUTBOX_MAX_ATTEMPTS", 10),
        # The portal's own address, like https://feedback.anytown.gov.uk. When set, staff account emails build their
        # links from it rather than from the request, so a forged Host header cannot redirect them.
        "BASE_URL": os.environ.get("BASE_URL", "").rstrip("/"),
        # Staff sign-in. Two-factor codes can be switched off only in development (see portal.auth.services).
        "STAFF_TWO_FACTOR_REQUIRED": _env_bool("STAFF_TWO_FACTOR_REQUIRED", True),
        "STAFF_IDLE_MINUTES": _env_int("STAFF_IDLE_MINUTES", 30),
        # However busy, a staff session ends this long after sign-in (OWASP ASVS 3.3.2 asks for 12 hours at most).
        "STAFF_SESSION_HOURS": _env_int("STAFF_SESSION_HOURS", 12),
        # People following their case online (portal.tracking): their session ends after this long unused, or this
        # long after they signed in, and the link in the acknowledgement works for this many days.
        "TRACKING_IDLE_MINUTES": _env_int("TRACKING_IDLE_MINUTES", 30),
        "TRACKING_SESSION_HOURS": _env_int("TRACKING_SESSION_HOURS", 4),
        "TRACKING_LINK_DAYS": _env_int("TRACKING_LINK_DAYS", 28),
        # Where signed-in sessions are recorded: "database", or a redis:// address shared by every app server.
        "SESSION_STORE_URI": os.environ.get("SESSION_STORE_URI") or "database",
        # How often each app process looks whether an administrator changed the council's settings or lists
        # (portal.data.settings_cache): other app servers show a change within this many seconds.
        "SETTINGS_RECHECK_SECONDS": float(os.environ.get("SETTINGS_RECHECK_SECONDS") or 2),
    }


def development_overrides() -> dict:
    return {
        "SESSION_COOKIE_SECURE": False,
        "FORCE_HTTPS": False,
        "PROXY_HOPS": 0,
        "TEMPLATES_AUTO_RELOAD": True,
        # `make run PORT=8080` serves on that port, so emailed links point there too.
        "BASE_URL": os.environ.get("BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or 5000}").rstrip("/"),
        # Lets the `make run` demo accounts sign in with just a password.
        "STAFF_TWO_FACTOR_REQUIRED": False,
    }


def test_overrides() -> dict:
    return {
        **development_overrides(),
        "TESTING": True,
        "SECRET_KEY": "test-only-secret-key-" + "x" * 16,
        "RATELIMIT_STORAGE_URI": "memory://",
        "BASE_URL": "http://localhost",
        "STAFF_TWO_FACTOR_REQUIRED": True,
        # Every request looks at the settings revision, so a test that changes settings another way sees it at once.
        "SETTINGS_RECHECK_SECONDS": 0,
        # Tests send only to the local stand-ins they start, never to services set in a developer's shell.
        "NOTIFY_API_KEY": "",
        "SMTP_HOST": "",
    }


def development_secret_key(instance_path: Path) -> str:
    """Returns a secret key generated once and kept in the instance folder, for development only."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def weak_secret_key(secret: str) -> bool:
    return (
        secret.strip().lower() in DEFAULT_SECRET_KEYS
        or len(secret) < SECRET_KEY_MIN_LENGTH
        or len(set(secret)) < SECRET_KEY_MIN_DISTINCT
    )


def check_deployed_settings(config: dict) -> None:
    """Refuses to start anywhere but development and test with settings that would be unsafe with real people's data.
    Each message names the environment variable to set."""
    environment = config["ENVIRONMENT"]
    if weak_secret_key(config.get("SECRET_KEY") or ""):
        raise ConfigurationError(
            f"SECRET_KEY is missing, a default value, or too weak for the {environment!r} environment: it must be at "
            f"least {SECRET_KEY_MIN_LENGTH} random characters. Set it in the environment, for example with: "
            "python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    if not config.get("SESSION_COOKIE_SECURE"):
        raise ConfigurationError(
            f"SESSION_COOKIE_SECURE is off: the {environment!r} environment must send its cookies over HTTPS only. "
            "Remove SESSION_COOKIE_SECURE from the environment or set it to true"
        )
    if not config.get("STAFF_TWO_FACTOR_REQUIRED"):
        raise ConfigurationError(
            f"STAFF_TWO_FACTOR_REQUIRED is off: staff must sign in with two-factor codes in the {environment!r} "
            "environment. Remove STAFF_TWO_FACTOR_REQUIRED from the environment or set it to true"
        )
    if not str(config.get("BASE_URL") or "").startswith("https://"):
        raise ConfigurationError(
            "BASE_URL must be the portal's public https address, like https://feedback.anytown.gov.uk: "
            "emailed links are built from it"
        )

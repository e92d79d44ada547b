"""The application factory and its configuration rules."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from portal import create_app
from portal.config import ConfigurationError
from portal.data.database import db


def test_test_configuration(app):
    assert app.testing
    assert app.config["ENVIRONMENT"] == "test"


PROJECT_ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = secrets.token_hex(32)
DEPLOYED = ["production", "staging", "preproduction", "prod"]


@pytest.fixture
def deployed_settings(monkeypatch, tmp_path):
    """Settings that let a deployed environment start; each test spoils one."""
    for name in ("SESSION_COOKIE_SECURE", "STAFF_TWO_FACTOR_REQUIRED"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("BASE_URL", "https://feedback.anytown.example")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    return monkeypatch


@pytest.mark.parametrize("environment", DEPLOYED)
@pytest.mark.parametrize("secret", ["", "dev", "change-me", "short", "a" * 64, "ab" * 40])
def test_every_deployed_environment_refuses_a_missing_default_short_or_weak_secret(
    deployed_settings, environment, secret
):
    deployed_settings.setenv("PORTAL_ENV", environment)
    deployed_settings.setenv("SECRET_KEY", secret)
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("environment", DEPLOYED)
@pytest.mark.parametrize(("name", "value"), [("SESSION_COOKIE_SECURE", "false"), ("STAFF_TWO_FACTOR_REQUIRED", "0")])
def test_every_deployed_environment_refuses_plain_http_cookies_or_sign_in_without_two_factor(
    deployed_settings, environment, name, value
):
    deployed_settings.setenv("PORTAL_ENV", environment)
    deployed_settings.setenv(name, value)
    with pytest.raises(ConfigurationError, match=name):
        create_app()


def test_staging_with_the_development_secret_refuses_to_start_and_names_the_variable(tmp_path):
    """As an operator would see it: `PORTAL_ENV=staging SECRET_KEY=dev` and the app will not even load."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("SECRET_KEY", "PORTAL_", "DATABASE_"))
    }
    environment.update(
        PORTAL_ENV="staging",
        SECRET_KEY="dev",
        BASE_URL="https://feedback.anytown.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 's.db'}",
        PORTAL_INSTANCE_PATH=str(tmp_path / "instance"),
    )
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ConfigurationError: SECRET_KEY is missing, a default value, or too weak" in result.stderr


@pytest.mark.parametrize("environment", ["development", "test"])
def test_development_and_test_may_run_relaxed(deployed_settings, tmp_path, environment):
    deployed_settings.setenv("PORTAL_ENV", environment)
    deployed_settings.setenv("SECRET_KEY", "dev" if environment == "test" else "")
    deployed_settings.setenv("SESSION_COOKIE_SECURE", "false")
    deployed_settings.setenv("PORTAL_INSTANCE_PATH", str(tmp_path / "instance"))
    assert create_app().config["ENVIRONMENT"] == environment


@pytest.mark.parametrize("base_url", ["", "http://feedback.anytown.example"])
def test_production_refuses_a_missing_or_plain_http_base_url(deployed_settings, base_url):
    deployed_settings.setenv("PORTAL_ENV", "production")
    deployed_settings.setenv("BASE_URL", base_url)
    with pytest.raises(ConfigurationError, match="BASE_URL"):
        create_app()


def test_production_starts_with_a_proper_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("BASE_URL", "https://feedback.anytown.example")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["FORCE_HTTPS"] is True


def test_development_generates_a_secret_once(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'd.db'}")
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path / "instance"))
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert len(first) == 64
    assert first == second
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0


def test_sqlite_uses_write_ahead_logging(app_context):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    assert db.session.execute(db.text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(db.text("PRAGMA foreign_keys")).scalar() == 1


def test_migrations_create_every_model_table(app_context):
    tables = set(inspect(db.engine).get_table_names())
    assert {table.name for table in db.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables


def test_models_and_migrations_agree(app_context):
    """`flask db check`: the migrations produce exactly the schema the models describe."""
    result = app_context.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output

"""The application factory and its configuration rules."""

import pytest
from sqlalchemy import inspect

from portal import create_app
from portal.config import ConfigurationError
from portal.data.database import db


def test_test_configuration(app):
    assert app.testing
    assert app.config["ENVIRONMENT"] == "test"


@pytest.mark.parametrize("secret", ["", "change-me", "short"])
def test_production_refuses_a_missing_default_or_short_secret(monkeypatch, secret):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("BASE_URL", "https://feedback.anytown.example")
    monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("base_url", ["", "http://feedback.anytown.example"])
def test_production_refuses_a_missing_or_plain_http_base_url(monkeypatch, base_url):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a" * 64)
    monkeypatch.setenv("BASE_URL", base_url)
    with pytest.raises(ConfigurationError, match="BASE_URL"):
        create_app()


def test_production_starts_with_a_proper_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a" * 64)
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

"""The data layer: models and the queries that are the only code touching the database session."""

from pathlib import Path

from flask import Flask

from portal.data import database, next_due, settings_cache  # noqa: F401  (next_due: keeps each case's deadline)


def init_app(app: Flask, migrations_directory: Path) -> None:
    """Binds the database and its migrations to the app."""
    database.init_app(app, migrations_directory)
    settings_cache.init_app(app)

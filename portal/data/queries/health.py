"""Whether the database answers, for the health check."""

from sqlalchemy import text

from portal.data.database import db


def database_answers() -> bool:
    return db.session.execute(text("SELECT 1")).scalar() == 1

"""The unit of work. Services change records they loaded through `portal.data.queries`, add an audit event, and
then commit here: the change and its audit are stored together or not at all."""

from portal.data.database import db


def commit() -> None:
    db.session.commit()


def rollback() -> None:
    """Forgets every change since the last commit, for example after a rule refused a change half made."""
    db.session.rollback()


def flush() -> None:
    """Sends the changes so far to the database without committing, so new records get their ids and
    relationship lists are up to date."""
    db.session.flush()


def reload(record) -> None:
    """Reads the record again from the database, for when another request may have changed it."""
    db.session.refresh(record)

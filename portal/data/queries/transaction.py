"""The end of a unit of work: services change records, then commit them together with their audit event, or roll
everything back when a rule refuses the change."""

from portal.extensions import db


def commit() -> None:
    db.session.commit()


def rollback() -> None:
    db.session.rollback()


def flush() -> None:
    """Sends pending changes to the database inside the transaction, so new rows get their ids."""
    db.session.flush()

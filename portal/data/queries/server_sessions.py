"""Server-side session records (portal.common.server_sessions keeps the rules; this keeps the rows)."""

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import delete, or_, select, update

from portal.data.database import db
from portal.data.models import ServerSession

Record = TypeVar("Record")
FIELDS = ("handle", "kind", "subject", "started_at", "last_seen_at", "user_agent", "ip_address")


# Rows are read as plain columns, never as ORM objects, so a record always shows what the database holds now.
COLUMNS = [getattr(ServerSession, field) for field in FIELDS]


def _as_record(row, make: Callable[..., Record]) -> Record:
    return make(**{field: getattr(row, field) for field in FIELDS})


def add(token_hash: str, record) -> None:
    db.session.add(ServerSession(token_hash=token_hash, **{field: getattr(record, field) for field in FIELDS}))


def get(token_hash: str, make: Callable[..., Record]) -> Record | None:
    row = db.session.execute(select(*COLUMNS).where(ServerSession.token_hash == token_hash)).first()
    return None if row is None else _as_record(row, make)


def touch(token_hash: str, now: datetime) -> None:
    db.session.execute(
        update(ServerSession)
        .where(ServerSession.token_hash == token_hash)
        .values(last_seen_at=now)
        .execution_options(synchronize_session=False)
    )


def remove(token_hashes: list[str]) -> None:
    if token_hashes:
        db.session.execute(
            delete(ServerSession)
            .where(ServerSession.token_hash.in_(token_hashes))
            .execution_options(synchronize_session=False)
        )


def for_subject(kind: str, subject: str, make: Callable[..., Record]) -> dict[str, Record]:
    rows = db.session.execute(
        select(ServerSession.token_hash, *COLUMNS).where(ServerSession.kind == kind, ServerSession.subject == subject)
    )
    return {row.token_hash: _as_record(row, make) for row in rows}


def remove_stale(kind: str, idle_since: datetime, started_before: datetime) -> None:
    db.session.execute(
        delete(ServerSession)
        .where(
            ServerSession.kind == kind,
            or_(ServerSession.last_seen_at < idle_since, ServerSession.started_at < started_before),
        )
        .execution_options(synchronize_session=False)
    )

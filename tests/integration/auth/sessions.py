"""Looking at and ageing the server-side record of a test client's staff session."""

import hashlib
from datetime import timedelta

from sqlalchemy import select, update

from portal.common.clock import utc_now
from portal.common.staff_sessions import TOKEN_KEY
from portal.data.database import db
from portal.data.models import ServerSession


def session_token(client) -> str | None:
    with client.session_transaction() as session:
        return session.get(TOKEN_KEY)


def _token_hash(client) -> str:
    token = session_token(client)
    assert token, "the client holds no staff session"
    return hashlib.sha256(token.encode()).hexdigest()


def session_record(client) -> ServerSession | None:
    db.session.expire_all()
    return db.session.scalar(select(ServerSession).where(ServerSession.token_hash == _token_hash(client)))


def age_session(client, *, idle: timedelta = timedelta(0), since_sign_in: timedelta | None = None) -> None:
    """Makes the client's session look as if it was last used `idle` ago (and signed in `since_sign_in` ago)."""
    now = utc_now()
    values = {"last_seen_at": now - idle}
    if since_sign_in is not None:
        values["started_at"] = now - since_sign_in
    db.session.execute(update(ServerSession).where(ServerSession.token_hash == _token_hash(client)).values(**values))
    db.session.commit()

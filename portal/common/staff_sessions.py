"""Signed-in staff sessions, recorded on the server (portal.common.server_sessions) under the "staff" kind.

The Flask session cookie carries the session's token beside Flask-Login's user id. A staff page is served only while
the token's record exists and has been used within STAFF_IDLE_MINUTES, and for at most STAFF_SESSION_HOURS after
sign-in (OWASP ASVS 3.3). Signing out, a password change, deactivation and an administrator's "sign out everywhere"
remove records, so a copy of the cookie stops working at once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, session

from portal.common import server_sessions
from portal.common.server_sessions import SessionCheck, SessionKind, SessionRecord

TOKEN_KEY = "staff_session"


def staff_kind() -> SessionKind:
    config = current_app.config
    return SessionKind(
        name="staff",
        idle_limit=timedelta(minutes=config["STAFF_IDLE_MINUTES"]),
        lifetime=timedelta(hours=config["STAFF_SESSION_HOURS"]),
    )


_browser = server_sessions.BrowserSessions(TOKEN_KEY, staff_kind)


def begin(subject: str, now: datetime) -> None:
    """Records a new session for the account `subject` and puts its token in this browser's cookie."""
    _browser.begin(subject, now)


def current(now: datetime) -> SessionCheck:
    """The state of this browser's session, checked once per request."""
    return _browser.current(now)


def belongs_to(subject: str, now: datetime) -> bool:
    """Whether this browser has a live session for the account `subject`."""
    result = current(now)
    return result.active and result.record is not None and result.record.subject == subject


def has_token() -> bool:
    return _browser.has_token()


def note_activity(now: datetime) -> None:
    _browser.note_activity(now)


def end_current() -> None:
    """Ends this browser's session on the server. The caller commits and clears the cookie."""
    _browser.end_current()


def end_all(subject: str, keep_current: bool = False) -> int:
    """Ends every session of the account `subject` (but this browser's, if asked). The caller commits."""
    keep = session.get(TOKEN_KEY) if keep_current else None
    return server_sessions.end_all(staff_kind(), subject, keep=keep)


def end_other(subject: str, handle: str, now: datetime) -> bool:
    """Ends one of the account's other sessions; False if there is none by that handle. This browser's own session
    is ended by signing out instead."""
    mine = current(now).record
    if mine is not None and mine.handle == handle:
        return False
    return server_sessions.end_by_handle(staff_kind(), subject, handle)


@dataclass(frozen=True)
class SessionRow:
    """One line of the "Your sessions" page."""

    record: SessionRecord
    this_browser: bool


def listing(subject: str, now: datetime) -> list[SessionRow]:
    """The account's live sessions, this browser's first, then the most recently used."""
    mine = current(now).record
    rows = [
        SessionRow(record, this_browser=mine is not None and record.handle == mine.handle)
        for record in server_sessions.active(staff_kind(), subject, now)
    ]
    return sorted(rows, key=lambda row: not row.this_browser)

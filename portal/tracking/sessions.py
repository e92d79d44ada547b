"""The sessions of people following their case online, recorded on the server (portal.common.server_sessions) under
the "tracking" kind, apart from staff sessions.

The browser's cookie carries only the session's token. The session's subject is the id of the sign-in that proved the
person holds an address (`TrackingSignIn`): they may see the cases given with that address, and nothing else. A
session ends after TRACKING_IDLE_MINUTES unused, TRACKING_SESSION_HOURS after it began, or when the person signs out
or leaves with "Exit this page".
"""

from datetime import datetime, timedelta

from flask import current_app

from portal.common.server_sessions import BrowserSessions, SessionCheck, SessionKind

TOKEN_KEY = "tracking_session"


def tracking_kind() -> SessionKind:
    config = current_app.config
    return SessionKind(
        name="tracking",
        idle_limit=timedelta(minutes=config["TRACKING_IDLE_MINUTES"]),
        lifetime=timedelta(hours=config["TRACKING_SESSION_HOURS"]),
    )


browser = BrowserSessions(TOKEN_KEY, tracking_kind)


def signed_in_as(now: datetime) -> int | None:
    """The id of the sign-in behind this browser's live tracking session, or `None`."""
    checked: SessionCheck = browser.current(now)
    if not checked.active or checked.record is None:
        return None
    return int(checked.record.subject)

"""Sessions recorded on the server, so that ending one really ends it.

The browser's cookie carries only a random token. The server keeps a record of each session under the token's
SHA-256, so whoever reads the store cannot sign in with what they find there. A session ends when its record goes:
signing out, being signed out by someone else, or going idle for longer than its kind allows. A copy of the cookie
taken before then finds no record and gets nothing.

Records live in the database by default, or in Redis when SESSION_STORE_URI is a redis:// address; either way
every app server sees the same sessions.

Each kind of session has its own limits: staff sessions (portal.auth.staff_sessions), and people following their
case without an account (portal.tracking.sessions). Subjects are plain strings (a staff account's id, a verified
sign-in's id), so nothing here knows who they are. `BrowserSessions` keeps one kind's token in the browser's cookie.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

import redis
from flask import Flask, current_app, g, request, session

from portal.config import ConfigurationError
from portal.data import transaction
from portal.data.queries import server_sessions as queries

# The last-seen time is written at most this often, so a busy page does not write on every request.
TOUCH_EVERY = timedelta(seconds=60)
USER_AGENT_LENGTH = 300
ADDRESS_LENGTH = 45


class SessionStatus(enum.Enum):
    ACTIVE = "active"
    IDLE = "idle"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SessionKind:
    """A kind of session and its limits: idle for longer than `idle_limit`, or older than `lifetime`, and it ends."""

    name: str
    idle_limit: timedelta
    lifetime: timedelta


@dataclass(frozen=True)
class SessionRecord:
    """What the server knows about one session. `handle` identifies it on screen and in URLs; the token never does."""

    handle: str
    kind: str
    subject: str
    started_at: datetime
    last_seen_at: datetime
    user_agent: str = ""
    ip_address: str = ""

    def status(self, kind: SessionKind, now: datetime) -> SessionStatus:
        if self.kind != kind.name:
            return SessionStatus.UNKNOWN
        if now - self.started_at > kind.lifetime:
            return SessionStatus.EXPIRED
        if now - self.last_seen_at > kind.idle_limit:
            return SessionStatus.IDLE
        return SessionStatus.ACTIVE


@dataclass(frozen=True)
class SessionCheck:
    status: SessionStatus
    record: SessionRecord | None = None

    @property
    def active(self) -> bool:
        return self.status is SessionStatus.ACTIVE


class SessionStore(Protocol):
    """Where records are kept. Writes to the database store wait for the caller's commit; Redis writes at once."""

    def add(self, token_hash: str, record: SessionRecord, keep_for: timedelta) -> None: ...

    def get(self, token_hash: str) -> SessionRecord | None: ...

    def touch(self, token_hash: str, now: datetime) -> None: ...

    def remove(self, token_hashes: list[str]) -> None: ...

    def for_subject(self, kind: str, subject: str) -> dict[str, SessionRecord]: ...

    def remove_stale(self, kind: SessionKind, now: datetime) -> None: ...


class DatabaseSessionStore:
    """Records in the `server_sessions` table, through `portal.data.queries.server_sessions`."""

    def add(self, token_hash: str, record: SessionRecord, keep_for: timedelta) -> None:
        queries.add(token_hash, record)

    def get(self, token_hash: str) -> SessionRecord | None:
        return queries.get(token_hash, SessionRecord)

    def touch(self, token_hash: str, now: datetime) -> None:
        queries.touch(token_hash, now)

    def remove(self, token_hashes: list[str]) -> None:
        queries.remove(token_hashes)

    def for_subject(self, kind: str, subject: str) -> dict[str, SessionRecord]:
        return queries.for_subject(kind, subject, SessionRecord)

    def remove_stale(self, kind: SessionKind, now: datetime) -> None:
        queries.remove_stale(kind.name, idle_since=now - kind.idle_limit, started_before=now - kind.lifetime)


class RedisSessionStore:
    """Records as Redis hashes that expire with their session's lifetime, plus a set per subject to list them."""

    PREFIX = "portal:session:"
    TOUCH_IF_PRESENT = (
        "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HSET', KEYS[1], 'last_seen_at', ARGV[1]) end "
        "return 0"
    )

    def __init__(self, url: str) -> None:
        self.redis = redis.Redis.from_url(url, decode_responses=True)

    def _key(self, token_hash: str) -> str:
        return f"{self.PREFIX}{token_hash}"

    def _subject_key(self, kind: str, subject: str) -> str:
        return f"{self.PREFIX}subject:{kind}:{subject}"

    def add(self, token_hash: str, record: SessionRecord, keep_for: timedelta) -> None:
        seconds = max(1, int(keep_for.total_seconds()))
        fields = {
            "handle": record.handle,
            "kind": record.kind,
            "subject": record.subject,
            "started_at": record.started_at.timestamp(),
            "last_seen_at": record.last_seen_at.timestamp(),
            "user_agent": record.user_agent,
            "ip_address": record.ip_address,
        }
        subject_key = self._subject_key(record.kind, record.subject)
        with self.redis.pipeline() as pipe:
            pipe.hset(self._key(token_hash), mapping=fields)
            pipe.expire(self._key(token_hash), seconds)
            pipe.sadd(subject_key, token_hash)
            pipe.expire(subject_key, seconds)
            pipe.execute()

    @staticmethod
    def _record(fields: dict) -> SessionRecord | None:
        if not fields:
            return None
        return SessionRecord(
            handle=fields["handle"],
            kind=fields["kind"],
            subject=fields["subject"],
            started_at=datetime.fromtimestamp(float(fields["started_at"]), UTC),
            last_seen_at=datetime.fromtimestamp(float(fields["last_seen_at"]), UTC),
            user_agent=fields.get("user_agent", ""),
            ip_address=fields.get("ip_address", ""),
        )

    def get(self, token_hash: str) -> SessionRecord | None:
        return self._record(self.redis.hgetall(self._key(token_hash)))

    def touch(self, token_hash: str, now: datetime) -> None:
        # Only an existing record: a session ended meanwhile must not come back as a bare last-seen time.
        self.redis.eval(self.TOUCH_IF_PRESENT, 1, self._key(token_hash), now.timestamp())

    def remove(self, token_hashes: list[str]) -> None:
        for token_hash in token_hashes:
            record = self.get(token_hash)
            with self.redis.pipeline() as pipe:
                pipe.delete(self._key(token_hash))
                if record is not None:
                    pipe.srem(self._subject_key(record.kind, record.subject), token_hash)
                pipe.execute()

    def for_subject(self, kind: str, subject: str) -> dict[str, SessionRecord]:
        subject_key = self._subject_key(kind, subject)
        token_hashes = sorted(self.redis.smembers(subject_key))
        with self.redis.pipeline() as pipe:
            for token_hash in token_hashes:
                pipe.hgetall(self._key(token_hash))
            found = pipe.execute()
        records = {}
        for token_hash, fields in zip(token_hashes, found, strict=True):
            record = self._record(fields)
            if record is None:  # expired by Redis: tidy the set
                self.redis.srem(subject_key, token_hash)
            else:
                records[token_hash] = record
        return records

    def remove_stale(self, kind: SessionKind, now: datetime) -> None:
        """Redis forgets each record when its lifetime ends; idle ones go when they are next looked at."""


def init_app(app: Flask) -> None:
    uri = app.config.get("SESSION_STORE_URI") or "database"
    if uri == "database":
        app.extensions["server_sessions"] = DatabaseSessionStore()
    elif uri.startswith(("redis://", "rediss://", "unix://")):
        app.extensions["server_sessions"] = RedisSessionStore(uri)
    else:
        raise ConfigurationError(f"SESSION_STORE_URI must be 'database' or a redis:// address, not {uri!r}")


def store() -> SessionStore:
    return current_app.extensions["server_sessions"]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# What the rest of the portal calls ------------------------------------------------------------------------------------


def start(kind: SessionKind, subject: str, now: datetime, user_agent: str = "", ip_address: str = "") -> str:
    """Records a new session and returns its token, for the cookie. Stale sessions of the same kind are tidied away."""
    sessions = store()
    sessions.remove_stale(kind, now)
    token = secrets.token_urlsafe(32)
    record = SessionRecord(
        handle=secrets.token_urlsafe(12),
        kind=kind.name,
        subject=subject,
        started_at=now,
        last_seen_at=now,
        user_agent=(user_agent or "")[:USER_AGENT_LENGTH],
        ip_address=(ip_address or "")[:ADDRESS_LENGTH],
    )
    sessions.add(_hash(token), record, keep_for=kind.lifetime)
    return token


def check(kind: SessionKind, token: object, now: datetime) -> SessionCheck:
    """Whether the session behind `token` is still going, and its record."""
    if not isinstance(token, str) or not token:
        return SessionCheck(SessionStatus.UNKNOWN)
    record = store().get(_hash(token))
    if record is None:
        return SessionCheck(SessionStatus.UNKNOWN)
    return SessionCheck(record.status(kind, now), record)


def touch(token: str, record: SessionRecord, now: datetime) -> SessionRecord:
    """Notes that the session was used now (at most once every TOUCH_EVERY). Returns the record as it now stands."""
    if now - record.last_seen_at < TOUCH_EVERY:
        return record
    store().touch(_hash(token), now)
    return replace(record, last_seen_at=now)


def end(token: object) -> None:
    if isinstance(token, str) and token:
        store().remove([_hash(token)])


def end_all(kind: SessionKind, subject: str, keep: str | None = None) -> int:
    """Ends every session of `subject`, except the one with token `keep`. Returns how many ended."""
    kept = _hash(keep) if keep else None
    ending = [token_hash for token_hash in store().for_subject(kind.name, subject) if token_hash != kept]
    store().remove(ending)
    return len(ending)


def end_by_handle(kind: SessionKind, subject: str, handle: str) -> bool:
    """Ends one of `subject`'s sessions, named by its handle. False if it has none by that handle."""
    for token_hash, record in store().for_subject(kind.name, subject).items():
        if secrets.compare_digest(record.handle, handle):
            store().remove([token_hash])
            return True
    return False


def active(kind: SessionKind, subject: str, now: datetime) -> list[SessionRecord]:
    """The subject's sessions still going, most recently used first."""
    records = [
        record
        for record in store().for_subject(kind.name, subject).values()
        if record.status(kind, now) is SessionStatus.ACTIVE
    ]
    return sorted(records, key=lambda record: record.last_seen_at, reverse=True)


class BrowserSessions:
    """This browser's session of one kind: its token lives in the Flask session cookie under `token_key`, and its
    record on the server. Checked at most once per request (the result is kept in `g`)."""

    def __init__(self, token_key: str, kind: Callable[[], SessionKind]) -> None:
        self.token_key = token_key
        self.kind = kind
        self._checked = f"_{token_key}_check"

    def begin(self, subject: str, now: datetime) -> None:
        """Records a new session for `subject` and puts its token in this browser's cookie. The caller commits."""
        token = start(self.kind(), subject, now, user_agent=request.user_agent.string, ip_address=request.remote_addr)
        session[self.token_key] = token
        g.pop(self._checked, None)

    def current(self, now: datetime) -> SessionCheck:
        """The state of this browser's session."""
        token = session.get(self.token_key)
        checked = g.get(self._checked)
        if checked is None or checked[0] != token:
            checked = (token, check(self.kind(), token, now))
            setattr(g, self._checked, checked)
        return checked[1]

    def has_token(self) -> bool:
        return bool(session.get(self.token_key))

    def note_activity(self, now: datetime) -> None:
        """Keeps a live session from going idle, and commits."""
        result = self.current(now)
        if result.active and result.record is not None:
            touch(session[self.token_key], result.record, now)
            transaction.commit()

    def end_current(self) -> None:
        """Ends this browser's session on the server and forgets its token. The caller commits."""
        end(session.pop(self.token_key, None))
        g.pop(self._checked, None)

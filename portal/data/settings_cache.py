"""The council's settings and other rarely changed lists, kept in each app process rather than read on every request.

Every change to a cached table (council settings, closure days, teams, service areas, themes, message templates,
advocacy providers) writes a new random revision into the one-row `settings_revision` table, in the same transaction
as the change. Each process remembers the revision its copies were read at and looks at the table again at most
every SETTINGS_RECHECK_SECONDS: one indexed one-row read, not one query per list per request. A different revision
drops every copy, and the next use reads the lists afresh. The process that made a change drops its copies as the
change commits, so an administrator sees their own change at once; other app servers see it within the recheck time.

A random revision rather than a counter: a counter can come back to a value a process already holds (a restored
backup, or tests that empty the tables), and the process would then keep its old copies.
"""

from __future__ import annotations

import functools
import secrets
import threading
import time
from collections.abc import Callable
from types import MappingProxyType, SimpleNamespace
from typing import Any, TypeVar

from flask import Flask, current_app, has_app_context
from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from portal.data.database import db
from portal.data.models import (
    AdvocacyProvider,
    ClosureDay,
    CouncilSettings,
    MessageTemplate,
    ServiceArea,
    SettingsRevision,
    Team,
    Theme,
)

CACHED_MODELS = (CouncilSettings, ClosureDay, Team, ServiceArea, Theme, MessageTemplate, AdvocacyProvider)
REVISION_ROW_ID = 1
CHANGED = "settings_changed"
Value = TypeVar("Value")


class SettingsCache:
    """One app's copies of the cached lists, by name, with the revision they were read at."""

    def __init__(self, recheck_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.recheck_seconds = recheck_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._values: dict[str, Any] = {}
        self._revision: str | None = None
        self._checked_at = float("-inf")

    def get(self, name: str, load: Callable[[], Value]) -> Value:
        value = self.peek(name)
        if value is None:
            value = load()
            self.put(name, value)
        return value

    def peek(self, name: str) -> Any:
        """The copy of `name` at the current revision, or None."""
        self._recheck()
        return self._values.get(name)

    def fresh(self, name: str) -> Any:
        """The copy of `name` if the revision was looked at within the recheck time, else None. For a caller that
        cannot look itself (it runs in front of Flask, with no database session): on None it lets the request go on
        to code that looks."""
        if self.clock() - self._checked_at >= self.recheck_seconds:
            return None
        return self._values.get(name)

    def put(self, name: str, value: Any) -> None:
        self._values[name] = value

    def keeper(self, name: str) -> Callable[[Any], None]:
        """Something to keep a value as `name` with later, unless the copies are dropped first: for a value made over
        a whole request from settings that a change committed meanwhile may have made stale."""
        return functools.partial(self._values.__setitem__, name)

    def forget(self) -> None:
        """Drops every copy and looks at the revision again on the next use."""
        with self._lock:
            self._values = {}
            self._checked_at = float("-inf")

    def _recheck(self) -> None:
        now = self.clock()
        if now - self._checked_at < self.recheck_seconds:
            return
        # Read before the lists: a change committed in between makes the next look find a newer revision.
        revision = db.session.scalar(select(SettingsRevision.revision).where(SettingsRevision.id == REVISION_ROW_ID))
        with self._lock:
            if revision != self._revision:
                self._values = {}
                self._revision = revision
            self._checked_at = now


def init_app(app: Flask) -> None:
    app.extensions["settings_cache"] = SettingsCache(app.config["SETTINGS_RECHECK_SECONDS"])


def cached(name: str, load: Callable[[], Value]) -> Value:
    """The app's copy of `name`, loaded with `load()` when it has none at the current revision. The value is shared
    by every request the process serves: return something that cannot be changed in place."""
    return current_app.extensions["settings_cache"].get(name, load)


def settings_cache() -> SettingsCache:
    """This app's cache, for things kept as long as the settings they were made from (portal.common.page_cache)."""
    return current_app.extensions["settings_cache"]


def snapshot(row: Any) -> SimpleNamespace:
    """A read-only copy of a row's columns, safe to share between requests: lists become tuples, dicts read-only."""

    def frozen(value: Any) -> Any:
        if isinstance(value, list):
            return tuple(value)
        if isinstance(value, dict):
            return MappingProxyType(dict(value))
        return value

    return SimpleNamespace(**{column.key: frozen(getattr(row, column.key)) for column in row.__mapper__.column_attrs})


def _new_revision(connection) -> None:
    revision = secrets.token_hex(16)
    changed = connection.execute(
        update(SettingsRevision).where(SettingsRevision.id == REVISION_ROW_ID).values(revision=revision)
    ).rowcount
    if not changed:
        connection.execute(insert(SettingsRevision).values(id=REVISION_ROW_ID, revision=revision))


def _row_changed(mapper, connection, target) -> None:
    session = Session.object_session(target)
    if session is not None and not session.info.get(CHANGED):
        _new_revision(connection)
        session.info[CHANGED] = True


for _model in CACHED_MODELS:
    for _event in ("after_insert", "after_update", "after_delete"):
        event.listen(_model, _event, _row_changed)


@event.listens_for(Session, "after_commit")
def _forget_after_a_change(session: Session) -> None:
    if session.info.pop(CHANGED, False) and has_app_context():
        cache = current_app.extensions.get("settings_cache")
        if cache is not None:
            cache.forget()


@event.listens_for(Session, "after_rollback")
def _nothing_changed(session: Session) -> None:
    session.info.pop(CHANGED, None)

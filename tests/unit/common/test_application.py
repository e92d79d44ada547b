"""The app class remembers which views and hooks are plain functions instead of asking on every request."""

import flask.app

from portal import PortalFlask


class UnhashableView:
    __hash__ = None

    def __call__(self):
        return "page"


def test_a_function_is_checked_once_and_an_unhashable_callable_every_time(monkeypatch):
    asked = []
    check = flask.app.iscoroutinefunction
    monkeypatch.setattr(flask.app, "iscoroutinefunction", lambda func: asked.append(func) or check(func))
    app = PortalFlask(__name__)

    def view():
        return "page"

    unhashable = UnhashableView()
    for _ in range(3):
        assert app.ensure_sync(view) is view
        assert app.ensure_sync(unhashable) is unhashable
    assert asked.count(view) == 1
    assert sum(1 for func in asked if func is unhashable) == 3

"""Odd addresses get a 404 or a clear message, never a server error.

- Ids in addresses fit the database's integer column: a 40-digit id is simply not found, rather than overflowing
  the database driver (SQLite raises OverflowError; PostgreSQL refuses the number).
- Text in addresses has no control characters and a sensible length: PostgreSQL refuses NUL in text.
- A query string with a NUL in it gets the "problem with your request" page (400): no real link has one.
"""

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter, UnicodeConverter

# The largest value of a PostgreSQL INTEGER, which every id column is.
LARGEST_ID = 2**31 - 1
LONGEST_PATH_PART = 200


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` that matches only numbers an id column can hold (ASCII digits, 0 to LARGEST_ID)."""

    regex = r"[0-9]+"

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None, signed=False):
        maximum = LARGEST_ID if max is None else max
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=maximum, signed=signed)


class PlainTextConverter(UnicodeConverter):
    """The default `<name>` converter, without control characters and at most LONGEST_PATH_PART long."""

    def __init__(self, map, minlength: int = 1, maxlength: int | None = None, length: int | None = None):
        super().__init__(map, minlength=minlength, maxlength=maxlength or LONGEST_PATH_PART, length=length)
        self.regex = self.regex.replace("[^/]", "[^/\\x00-\\x1f\\x7f]")


def _refuse_nul_in_query_string():
    if any("\x00" in name or any("\x00" in value for value in values) for name, values in request.args.lists()):
        abort(400)


def register_converters(app: Flask) -> None:
    """Call before any blueprint is registered: each rule picks its converter when it is added."""
    app.url_map.converters.update(int=DatabaseIdConverter, default=PlainTextConverter, string=PlainTextConverter)


def register(app: Flask) -> None:
    app.before_request(_refuse_nul_in_query_string)

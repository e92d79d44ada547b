"""Staff sign-in: accounts, passwords, two-factor codes and roles."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/staff")

from portal.auth import account, refusals, routes, session_hooks  # noqa: E402,F401  (registers the views and hooks on the blueprint)

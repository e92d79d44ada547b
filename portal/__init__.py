"""The feedback portal for children's services: the application factory."""

import os
from pathlib import Path

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import config as portal_config
from portal import data
from portal.common import caching, cookie_sessions, input_guards, page_cache, server_sessions
from portal.common.kept_responses import KeptResponses
from portal.common.security_headers import PolicyKeepingTalisman
from portal.extensions import csrf, limiter, login_manager

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# The only inline script: GOV.UK Frontend's line in its page template that marks the body `js-enabled` before the page
# is drawn. It is allowed by its hash, as GOV.UK Frontend's documentation offers, rather than by a nonce new on every
# response, so a page the same for everyone is the same byte for byte. tests/integration/test_any_port_any_page.py
# checks every inline script on the pages against it: an upgrade that changes the script fails there.
GOVUK_FRONTEND_INLINE_SCRIPT = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": f"'self' {GOVUK_FRONTEND_INLINE_SCRIPT}",
    "style-src": "'self'",
    # A council's logo may live on its own website.
    "img-src": "'self' data: https:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


class PortalFlask(Flask):
    """Flask, remembering which views and request hooks it has checked are plain functions. Flask asks `inspect`
    whether each one is a coroutine on every request; they never change once the app is made, and asking again was
    a tenth of what a kept public page cost (benchmarks/public_pages.py)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._checked_functions: dict = {}

    def ensure_sync(self, func):
        try:
            return self._checked_functions[func]
        except KeyError:
            checked = self._checked_functions[func] = super().ensure_sync(func)
            return checked
        except TypeError:  # not hashable: check it every time, as Flask does
            return super().ensure_sync(func)


def create_app(config_overrides: dict | None = None) -> Flask:
    app = PortalFlask(
        __name__,
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        static_url_path="/assets",
    )
    load_config(app, config_overrides or {})
    input_guards.register_converters(app)
    register_extensions(app)
    register_jinja(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_request_rules(app)
    register_cli(app)
    register_middleware(app)
    return app


def load_config(app: Flask, overrides: dict) -> None:
    settings = portal_config.base_config(Path(app.instance_path))
    environment = overrides.get("ENVIRONMENT", settings["ENVIRONMENT"])
    if environment == "development":
        settings.update(portal_config.development_overrides())
    elif environment == "test":
        settings.update(portal_config.test_overrides())
    settings.update(overrides)
    settings["ENVIRONMENT"] = environment
    if environment == "development" and not settings["SECRET_KEY"]:
        settings["SECRET_KEY"] = portal_config.development_secret_key(Path(app.instance_path))
    if environment not in portal_config.RELAXED_ENVIRONMENTS:
        portal_config.check_deployed_settings(settings)
    app.config.update(settings)
    if settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)


def register_middleware(app: Flask) -> None:
    """WSGI middleware in front of Flask, innermost first: whole responses kept for new visitors, then the proxy's
    headers, read before anything looks at the scheme, host or address."""
    app.wsgi_app = KeptResponses(app)
    if hops := app.config["PROXY_HOPS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_extensions(app: Flask) -> None:
    from portal.auth import loader  # noqa: F401  (registers the staff user loader)

    # Talisman first: its request hook redirects plain HTTP to HTTPS before anything else answers.
    # Talisman keeps its settings on the instance, so each app gets its own: a shared one would carry one app's
    # HTTPS rules into another (tests build production and test apps in one process).
    PolicyKeepingTalisman(
        app,
        content_security_policy=CONTENT_SECURITY_POLICY,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        frame_options="DENY",
        referrer_policy="same-origin",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )
    # Next, so a kept page is served after the HTTPS check but without the CSRF check (a GET has none) and the rate
    # limiter's bookkeeping, which it has no need of (portal.common.page_cache).
    page_cache.init_app(app)
    data.init_app(app, migrations_directory=PROJECT_ROOT / "migrations")
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    server_sessions.init_app(app)
    cookie_sessions.init_app(app)


def register_jinja(app: Flask) -> None:
    from portal.common import filters, staff_menu

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(PROJECT_ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    WTFormsHelpers(app)
    filters.register(app)
    staff_menu.register(app)


def register_blueprints(app: Flask) -> None:
    from portal import auth, casework
    from portal.admin import bp as admin_bp
    from portal.intake import bp as intake_bp
    from portal.learning import bp as learning_bp
    from portal.notifications import routes as notification_routes
    from portal.pages import bp as pages_bp
    from portal.participation import bp as participation_bp
    from portal.reporting import bp as reporting_bp
    from portal.tracking import bp as tracking_bp
    from portal.young_people import bp as young_people_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(intake_bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(casework.bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(young_people_bp)
    app.register_blueprint(participation_bp)
    app.register_blueprint(tracking_bp)
    app.register_blueprint(learning_bp)
    app.register_blueprint(reporting_bp)
    notification_routes.register(app)


def register_error_handlers(app: Flask) -> None:
    from portal.common import errors

    errors.register(app)


def register_request_rules(app: Flask) -> None:
    """Rules for every request and response: odd query strings refused, nothing personal cached."""
    input_guards.register(app)
    caching.register(app)


def register_cli(app: Flask) -> None:
    from portal import cli
    from portal.auth import cli as staff_cli
    from portal.intake import cli as intake_cli
    from portal.notifications import cli as notifications_cli
    from portal.participation import cli as participation_cli
    from portal.reminders import cli as reminders_cli
    from portal.reporting import cli as reporting_cli
    from portal.uploads import cli as uploads_cli

    cli.register(app)
    notifications_cli.register(app)
    staff_cli.register(app)
    intake_cli.register(app)
    uploads_cli.register(app)
    participation_cli.register(app)
    reminders_cli.register(app)
    reporting_cli.register(app)

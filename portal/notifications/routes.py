"""The development outbox page, `/dev/outbox`: every message the portal has queued, readable in the browser.

It exists only when ENVIRONMENT is "development", so people trying the portal out can read the emails it would send.
"""

from flask import Blueprint, Flask, current_app, render_template

from portal.config import ConfigurationError
from portal.data.queries.outbox import list_messages
from portal.notifications.senders import describe_sender, sender_for

bp = Blueprint("notifications", __name__, url_prefix="/dev")

PAGE_SIZE = 100


@bp.get("/outbox")
def outbox():
    try:
        sender = describe_sender(sender_for(current_app.config))
    except ConfigurationError as error:
        sender = f"Misconfigured: {error}"
    return render_template("notifications/outbox.html", messages=list_messages(limit=PAGE_SIZE), sender=sender)


def register(app: Flask) -> None:
    """Registers the page in development only; elsewhere `/dev/outbox` is a 404."""
    if app.config["ENVIRONMENT"] == "development":
        app.register_blueprint(bp)

"""Messages not sent: emails and text messages that failed, or wait to be tried again, each with the reason the
email server or GOV.UK Notify gave. An administrator can send a failed one again once the fault is put right (the
same as `flask outbox retry`). The page names each message's case by its reference only: administrators see no cases.
"""

from flask import render_template

from portal.admin import bp
from portal.admin.views import administrators_only, saved
from portal.common.clock import utc_now
from portal.data.queries.outbox import not_yet_sent
from portal.notifications.outbox import requeue


@bp.get("/messages-not-sent")
@administrators_only
def undelivered_messages():
    return render_template("admin/undelivered.html", messages=not_yet_sent(), now=utc_now(), title="Messages not sent")


@bp.post("/messages-not-sent/<int:message_id>/retry")
@administrators_only
def retry_message(message_id: int):
    if not requeue(message_id, utc_now()):
        return saved("That message is not waiting to be sent again", "admin.undelivered_messages")
    return saved("The message will be sent again within a minute", "admin.undelivered_messages")

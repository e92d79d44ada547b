"""A public visitor's drafts: what they have typed so far in a journey, kept on the server and linked to this browser
only until it closes. The adult journeys (intake) and the children's journey (young_people) both keep their answers
this way, one draft per journey, and both take documents the same way.
"""

import secrets
from datetime import datetime, timedelta

from flask import Blueprint, current_app, request, session

from portal.common.clock import utc_now
from portal.data.models import Draft
from portal.data.queries import drafts as draft_queries
from portal.uploads import UploadPolicy, accept_uploads, attachment_for, discard_stored

SESSION_KEY = "drafts"
# What a public visitor's session holds besides their drafts: the case each journey last sent, for its confirmation
# page, and where a resume link was sent.
LAST_SENT_KEY = "last_sent_case"
CHILD_LAST_SENT_KEY = "young_people_last_sent"
RESUME_SENT_KEY = "resume_sent"
FORGOTTEN_ON_EXIT = (SESSION_KEY, LAST_SENT_KEY, CHILD_LAST_SENT_KEY, RESUME_SENT_KEY)


def draft_lifetime() -> timedelta:
    return timedelta(days=current_app.config["DRAFT_EXPIRY_DAYS"])


def current_draft(journey_name: str) -> Draft | None:
    token = session.get(SESSION_KEY, {}).get(journey_name)
    return draft_queries.draft_by_token(token, utc_now()) if token else None


def start_draft(journey_name: str) -> Draft:
    draft = draft_queries.create_draft(journey_name, secrets.token_urlsafe(32), utc_now() + draft_lifetime())
    remember(draft)
    return draft


def remember(draft: Draft) -> None:
    """Links this browser to the draft until the browser closes: the session cookie is never made permanent, so on a
    shared computer nobody who opens the browser later can reach what was typed. The emailed resume link is the only
    way back after that."""
    drafts = dict(session.get(SESSION_KEY, {}))
    drafts[draft.journey] = draft.token
    session[SESSION_KEY] = drafts


def keep_session_alive() -> None:
    """Re-signs a public visitor's session cookie on this request. A session that is not permanent is otherwise signed
    only when it changes, and the signature expires PERMANENT_SESSION_LIFETIME after it was made: someone still
    working would be cut off that long after they started rather than after they stopped. Called for the journeys'
    pages only, never for assets or the exit, whose responses could otherwise put back a session just forgotten."""
    if SESSION_KEY in session:
        session.modified = True


def forget_draft(journey_name: str) -> None:
    drafts = dict(session.get(SESSION_KEY, {}))
    drafts.pop(journey_name, None)
    session[SESSION_KEY] = drafts


def guard_journey_pages(blueprint: Blueprint) -> None:
    """What every page of a public journey needs on a shared device: the session renewed while someone works, and
    no page, with what was typed, kept in the browser's cache for whoever uses it next."""
    blueprint.before_request(keep_session_alive)

    @blueprint.after_request
    def never_store(response):
        response.headers["Cache-Control"] = "no-store"
        return response


def forget_this_browser() -> None:
    """Unlinks this browser from everything a public visitor started or sent: drafts stay on the server until they
    expire, but nobody using this browser can reach them."""
    for key in FORGOTTEN_ON_EXIT:
        session.pop(key, None)


def something_to_forget() -> bool:
    """Whether this browser's session holds anything but its CSRF token: answers, a sent case, a case being followed
    or a sign-in. When it does not, "Exit this page" has nothing to forget, so the page needs no CSRF token for it and
    a first visit starts no session."""
    return any(key != "csrf_token" for key in session)


def save_page(draft: Draft, page_answers: dict) -> None:
    """Stores a page's answers beside the others: changing one answer never loses the rest."""
    draft_queries.save_answers(draft, {**draft.answers, **page_answers}, utc_now() + draft_lifetime())


def remove_attachment(draft: Draft, attachment_id: int) -> None:
    attachment = draft_queries.remove_attachment(draft, attachment_id)
    if attachment is not None:
        file_storage().delete(attachment.storage_key)


def file_storage():
    from portal.uploads.storage import storage_for

    return storage_for(current_app.config, current_app.instance_path)


def purge_expired_drafts(now: datetime) -> int:
    """Deletes drafts past their expiry, with their uploaded files. Returns how many went."""
    expired = draft_queries.expired_drafts(now)
    storage = file_storage()
    for draft in expired:
        for attachment in draft.attachments:
            storage.delete(attachment.storage_key)
    return draft_queries.delete_drafts([draft.id for draft in expired])


def handle_documents_post(draft: Draft, field_name: str = "documents") -> list[str]:
    """Stores the files chosen in the form's `field_name` against the draft. Returns one GOV.UK error message for
    each rejected file."""
    storage = file_storage()
    outcome = accept_uploads(
        request.files.getlist(field_name),
        storage,
        UploadPolicy.from_config(current_app.config),
        already_added=[attachment.sha256 for attachment in draft.attachments],
    )
    attachments = [attachment_for(stored) for stored in outcome.stored]
    try:
        draft_queries.add_attachments(draft, attachments)
    except Exception:
        discard_stored(outcome.stored, storage)
        raise
    return outcome.errors

"""The documents page: files are checked by their content and stored against the draft as they are added."""

from flask import current_app, request

from portal.data.models import Draft
from portal.data.queries import drafts as draft_queries
from portal.intake.services import file_storage
from portal.uploads import UploadPolicy, accept_uploads, attachment_for, discard_stored


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

"""Attachments: up to UPLOAD_MAX_FILES files per submission, each at most UPLOAD_MAX_BYTES, typed by content.

A journey page passes the posted files to `accept_uploads`, creates an ``Attachment`` row for each file in
``outcome.stored`` and shows ``outcome.errors`` in the GOV.UK error summary. Stored files live behind the
`Storage` interface (a folder under the instance path by default) and are never served from ``static/``.
"""

from portal.uploads.checks import ACCEPTED_KINDS, CheckedFile, RejectionReason, UploadRejection, check_upload
from portal.uploads.names import safe_display_name
from portal.uploads.services import (
    StoredFile,
    UploadedFile,
    UploadOutcome,
    UploadPolicy,
    accept_uploads,
    attachment_for,
    discard_stored,
)
from portal.uploads.storage import InvalidStorageKey, LocalStorage, Storage, storage_for

__all__ = [
    "ACCEPTED_KINDS",
    "CheckedFile",
    "InvalidStorageKey",
    "LocalStorage",
    "RejectionReason",
    "Storage",
    "StoredFile",
    "UploadOutcome",
    "UploadPolicy",
    "UploadRejection",
    "UploadedFile",
    "accept_uploads",
    "attachment_for",
    "check_upload",
    "discard_stored",
    "safe_display_name",
    "storage_for",
]

"""Accepting the files from one form post: count them, check each, store the good ones, explain the rest."""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Protocol, Self

from portal.data.models import Attachment
from portal.uploads.checks import (
    CheckedFile,
    RejectionReason,
    UploadRejection,
    check_upload,
    duplicate_message,
    too_many_message,
    virus_message,
)
from portal.uploads.scanning import ClamdScanner, ScanStatus, Verdict, scanner_from
from portal.uploads.storage import Storage


class UploadedFile(Protocol):
    """What we use of werkzeug's ``FileStorage``: the name the browser sent and the stream to read."""

    filename: str | None
    stream: IO[bytes]


@dataclass(frozen=True)
class UploadPolicy:
    max_files: int
    max_bytes: int
    scanner: ClamdScanner | None = None

    @classmethod
    def from_config(cls, config: Mapping) -> Self:
        return cls(
            max_files=int(config["UPLOAD_MAX_FILES"]),
            max_bytes=int(config["UPLOAD_MAX_BYTES"]),
            scanner=scanner_from(config),
        )


@dataclass(frozen=True)
class StoredFile:
    """A file now in storage, with every value an ``Attachment`` row needs."""

    storage_key: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    scan_status: ScanStatus = ScanStatus.NOT_SCANNED


@dataclass(frozen=True)
class UploadOutcome:
    stored: tuple[StoredFile, ...]
    rejections: tuple[UploadRejection, ...]

    @property
    def errors(self) -> list[str]:
        """One GOV.UK error message for each rejected file, in the order the files were chosen."""
        return [rejection.message for rejection in self.rejections]


def accept_uploads(
    files: Iterable[UploadedFile],
    storage: Storage,
    policy: UploadPolicy,
    already_added: Collection[str] = (),
) -> UploadOutcome:
    """Checks and stores the files chosen in one post; ``already_added`` holds the sha256 of files added before.

    Fields left blank (no name and nothing in them) are ignored. If the files chosen now and before come to more
    than ``policy.max_files``, nothing is read or stored and the one error says how many are allowed. Otherwise
    each file is judged on its own: good files are stored, and each rejected file (empty, too large, wrong type,
    active or two formats at once, identical to one already added, or found to hold a virus by the scanner when one
    is set up) gets its own message and is never stored. A file the scanner could not scan is stored in quarantine.
    Each file is read only up to ``max_bytes + 1`` bytes, so a huge file costs no more memory than a file just over
    the limit, and one file is held in memory at a time.

    The caller creates the ``Attachment`` rows from ``stored``; if that fails, it should call
    `discard_stored` so that no file is left without a row.
    """
    chosen = [file for file in files if not _is_blank(file)]
    if len(chosen) + len(already_added) > policy.max_files:
        message = too_many_message(policy.max_files)
        return UploadOutcome(stored=(), rejections=(UploadRejection("", RejectionReason.TOO_MANY, message),))

    seen = set(already_added)
    stored: list[StoredFile] = []
    rejections: list[UploadRejection] = []
    try:
        for file in chosen:
            result = check_upload(file.filename or "", file.stream.read(policy.max_bytes + 1), policy.max_bytes)
            if isinstance(result, CheckedFile) and result.sha256 in seen:
                result = UploadRejection(result.filename, RejectionReason.DUPLICATE, duplicate_message(result.filename))
            if isinstance(result, UploadRejection):
                rejections.append(result)
                continue
            status = _scan(result, policy.scanner)
            if status is None:
                rejections.append(
                    UploadRejection(result.filename, RejectionReason.VIRUS, virus_message(result.filename))
                )
                continue
            seen.add(result.sha256)
            stored.append(_store(result, storage, status))
    except BaseException:
        discard_stored(stored, storage)
        raise
    return UploadOutcome(stored=tuple(stored), rejections=tuple(rejections))


def attachment_for(stored: StoredFile, uploaded_by_id: int | None = None) -> Attachment:
    """The database row for a stored file; the caller puts it on a draft or a case."""
    return Attachment(
        filename=stored.filename,
        content_type=stored.content_type,
        size_bytes=stored.size_bytes,
        sha256=stored.sha256,
        storage_key=stored.storage_key,
        uploaded_by_id=uploaded_by_id,
        scan_status=stored.scan_status.value,
    )


def discard_stored(files: Iterable[StoredFile], storage: Storage) -> None:
    """Deletes files stored by `accept_uploads`, for when their ``Attachment`` rows could not be saved."""
    for file in files:
        storage.delete(file.storage_key)


def _is_blank(file: UploadedFile) -> bool:
    """A file input left empty still arrives, with no name and no content."""
    if file.filename:
        return False
    position = file.stream.tell()
    is_empty = not file.stream.read(1)
    file.stream.seek(position)
    return is_empty


def _scan(checked: CheckedFile, scanner: ClamdScanner | None) -> ScanStatus | None:
    """How the file is to be kept, or None when the scanner found a virus and it must not be kept at all."""
    if scanner is None:
        return ScanStatus.NOT_SCANNED
    result = scanner.scan(checked.data)
    if result.verdict == Verdict.INFECTED:
        return None
    return ScanStatus.CLEAN if result.verdict == Verdict.CLEAN else ScanStatus.QUARANTINED


def _store(checked: CheckedFile, storage: Storage, status: ScanStatus) -> StoredFile:
    key = storage.save(checked.data)
    return StoredFile(
        storage_key=key,
        filename=checked.filename,
        content_type=checked.content_type,
        size_bytes=checked.size_bytes,
        sha256=checked.sha256,
        scan_status=status,
    )

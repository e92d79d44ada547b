"""accept_uploads: what one form post of files turns into. Nothing rejected is ever stored."""

import hashlib
import io

import pytest
from werkzeug.datastructures import FileStorage

from portal.uploads import LocalStorage, RejectionReason, UploadPolicy, accept_uploads, discard_stored
from tests.unit.uploads import samples
from tests.unit.uploads.samples import MB

POLICY = UploadPolicy(max_files=5, max_bytes=10 * MB)


def upload(filename: str, data: bytes) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type="application/pdf")


def blank() -> FileStorage:
    """What a browser sends for a file input left empty."""
    return FileStorage(stream=io.BytesIO(b""), filename="", content_type="application/octet-stream")


def stored_files(storage: LocalStorage) -> list:
    return [path for path in storage.root.rglob("*") if path.is_file()]


@pytest.fixture
def storage(tmp_path) -> LocalStorage:
    return LocalStorage(tmp_path / "uploads")


def test_good_files_are_stored_with_what_an_attachment_row_needs(storage):
    outcome = accept_uploads([upload("letter.pdf", samples.pdf()), upload("me.png", samples.png())], storage, POLICY)
    assert outcome.errors == []
    pdf, png = outcome.stored
    assert (pdf.filename, pdf.content_type, pdf.size_bytes) == ("letter.pdf", "application/pdf", len(samples.pdf()))
    assert pdf.sha256 == hashlib.sha256(samples.pdf()).hexdigest()
    assert storage.open(pdf.storage_key) == samples.pdf()
    assert (png.filename, png.content_type) == ("me.png", "image/png")


def test_the_browsers_content_type_is_ignored(storage):
    (stored,) = accept_uploads([upload("notes.txt", samples.TEXT)], storage, POLICY).stored
    assert stored.content_type == "text/plain; charset=utf-8"


def test_each_rejected_file_gets_its_own_message_and_is_not_stored(storage):
    outcome = accept_uploads(
        [
            upload("letter.pdf", samples.pdf()),
            upload("invoice.pdf", samples.windows_exe()),
            upload("page.pdf", samples.HTML),
            upload("scan.pdf", samples.pdf() + b"\x00" * (11 * MB)),
            upload("nothing.txt", b""),
        ],
        storage,
        POLICY,
    )
    assert [file.filename for file in outcome.stored] == ["letter.pdf"]
    assert outcome.errors == [
        "‘invoice.pdf’ must be a PDF, JPG, PNG, HEIC, DOCX or TXT file",
        "‘page.pdf’ must be a PDF, JPG, PNG, HEIC, DOCX or TXT file",
        "‘scan.pdf’ must be smaller than 10MB",
        "‘nothing.txt’ is empty",
    ]
    assert len(stored_files(storage)) == 1


def test_more_files_than_allowed_stores_nothing(storage):
    files = [upload(f"drawing{n}.png", samples.png(width=n + 1)) for n in range(6)]
    outcome = accept_uploads(files, storage, POLICY)
    assert outcome.stored == ()
    assert outcome.errors == ["You can only upload 5 files"]
    assert outcome.rejections[0].reason is RejectionReason.TOO_MANY
    assert stored_files(storage) == []


def test_files_added_earlier_count_towards_the_limit(storage):
    earlier = [hashlib.sha256(bytes([n])).hexdigest() for n in range(4)]
    files = [upload("a.png", samples.png(1)), upload("b.png", samples.png(2))]
    assert accept_uploads(files, storage, POLICY, already_added=earlier).errors == ["You can only upload 5 files"]
    assert len(accept_uploads(files[:1], storage, POLICY, already_added=earlier).stored) == 1


def test_the_limits_come_from_the_policy(storage):
    policy = UploadPolicy(max_files=1, max_bytes=100)
    two_files = [upload("a.png", samples.png(1)), upload("b.png", samples.png(2))]
    assert accept_uploads(two_files, storage, policy).errors == ["You can only upload 1 file"]
    too_big = [upload("a.pdf", samples.pdf())]
    assert accept_uploads(too_big, storage, policy).errors == ["‘a.pdf’ must be smaller than 100 bytes"]


def test_policy_from_config():
    assert UploadPolicy.from_config({"UPLOAD_MAX_FILES": "3", "UPLOAD_MAX_BYTES": 2048}) == UploadPolicy(3, 2048)


def test_an_identical_file_is_only_added_once(storage):
    outcome = accept_uploads([upload("me.png", samples.png()), upload("copy.png", samples.png())], storage, POLICY)
    assert len(outcome.stored) == 1
    assert outcome.errors == ["‘copy.png’ has already been added"]
    assert outcome.rejections[0].reason is RejectionReason.DUPLICATE


def test_a_file_identical_to_one_added_earlier_is_refused(storage):
    earlier = [hashlib.sha256(samples.png()).hexdigest()]
    outcome = accept_uploads([upload("again.png", samples.png())], storage, POLICY, already_added=earlier)
    assert outcome.stored == ()
    assert outcome.errors == ["‘again.png’ has already been added"]


def test_file_inputs_left_empty_are_ignored(storage):
    outcome = accept_uploads([blank(), upload("me.png", samples.png()), blank()], storage, POLICY)
    assert len(outcome.stored) == 1
    assert outcome.errors == []
    assert accept_uploads([blank()] * 6, storage, POLICY).errors == []


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_a_huge_file_is_read_only_just_past_the_limit(storage):
    stream = CountingStream(b"%PDF-1.4" + b"\x00" * (11 * MB))
    outcome = accept_uploads([FileStorage(stream=stream, filename="big.pdf")], storage, POLICY)
    assert outcome.errors == ["‘big.pdf’ must be smaller than 10MB"]
    assert stream.bytes_read == POLICY.max_bytes + 1


class FailingStorage(LocalStorage):
    """Fails on the second save, like a disk filling up."""

    saves = 0

    def save(self, data: bytes) -> str:
        self.saves += 1
        if self.saves == 2:
            raise OSError("disk full")
        return super().save(data)


def test_when_storage_fails_part_way_the_files_already_saved_are_removed(tmp_path):
    storage = FailingStorage(tmp_path / "uploads")
    with pytest.raises(OSError, match="disk full"):
        accept_uploads([upload("a.png", samples.png(1)), upload("b.png", samples.png(2))], storage, POLICY)
    assert stored_files(storage) == []


def test_discard_stored_removes_the_files(storage):
    outcome = accept_uploads([upload("a.png", samples.png(1)), upload("b.png", samples.png(2))], storage, POLICY)
    discard_stored(outcome.stored, storage)
    assert stored_files(storage) == []

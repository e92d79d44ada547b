"""check_upload: the type comes from the content, never from the name (issue: attachments)."""

import hashlib

import pytest

from portal.uploads.checks import (
    DOCX,
    HEIC,
    JPG,
    PDF,
    PNG,
    TXT,
    CheckedFile,
    RejectionReason,
    UploadRejection,
    check_upload,
    detect_kind,
    format_size,
)
from tests.unit.uploads import samples
from tests.unit.uploads.samples import MB

LIMIT = 10 * MB
WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
SHEET_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def accepted(filename: str, data: bytes) -> CheckedFile:
    result = check_upload(filename, data, LIMIT)
    assert isinstance(result, CheckedFile), result
    return result


def rejected(filename: str, data: bytes, max_bytes: int = LIMIT) -> UploadRejection:
    result = check_upload(filename, data, max_bytes)
    assert isinstance(result, UploadRejection), result
    return result


@pytest.mark.parametrize(
    ("filename", "data", "kind", "stored_name"),
    [
        ("letter.pdf", samples.pdf(), PDF, "letter.pdf"),
        ("drawing.png", samples.png(), PNG, "drawing.png"),
        ("photo.jpg", samples.jpeg(), JPG, "photo.jpg"),
        ("IMG_0001.HEIC", samples.heic(), HEIC, "IMG_0001.HEIC"),
        ("my complaint.docx", samples.docx(), DOCX, "my complaint.docx"),
        ("what happened.txt", samples.TEXT, TXT, "what happened.txt"),
    ],
)
def test_each_accepted_type_is_recognised_from_its_content(filename, data, kind, stored_name):
    checked = accepted(filename, data)
    assert checked.content_type == kind.content_type
    assert checked.filename == stored_name
    assert checked.size_bytes == len(data)
    assert checked.data == data


def test_the_stored_content_type_and_extension_follow_the_content_not_the_name():
    checked = accepted("drawing.pdf", samples.png())
    assert checked.content_type == "image/png"
    assert checked.filename == "drawing.png"


def test_a_real_pdf_named_as_an_executable_keeps_its_pdf_extension():
    assert accepted("report.pdf.exe", samples.pdf()).filename == "report.pdf"


def test_a_name_without_an_extension_gets_the_detected_one():
    assert accepted("My drawing", samples.png()).filename == "My drawing.png"


def test_a_jpeg_keeps_its_own_spelling_of_the_extension():
    assert accepted("holiday.jpeg", samples.jpeg()).filename == "holiday.jpeg"


def test_the_checksum_is_the_sha256_of_the_content():
    assert accepted("a.pdf", samples.pdf()).sha256 == hashlib.sha256(samples.pdf()).hexdigest()


@pytest.mark.parametrize(
    "ftyp",
    [
        samples.iso_bmff(b"heic", b"mif1", b"heic"),  # iPhone
        samples.iso_bmff(b"heix", b"mif1", b"heix"),  # 10-bit photos from many Android phones
        samples.iso_bmff(b"mif1", b"mif1", b"heic"),
        samples.iso_bmff(b"mif1", b"mif1", b"heix", b"miaf"),
        samples.iso_bmff(b"heim", b"mif1"),
        samples.iso_bmff(b"heis", b"mif1"),
    ],
)
def test_heic_and_the_heif_brands_phones_write_are_accepted(ftyp):
    checked = accepted("photo", ftyp)
    assert checked.content_type == "image/heic"
    assert checked.filename == "photo.heic"


@pytest.mark.parametrize(
    "ftyp",
    [
        samples.iso_bmff(b"avif", b"mif1", b"avif"),
        samples.iso_bmff(b"isom", b"isom", b"mp41"),
        samples.iso_bmff(b"qt  ", b"qt  "),
        samples.iso_bmff(b"msf1", b"msf1", b"hevc"),  # an image sequence, not a photo
    ],
)
def test_other_iso_media_files_are_rejected(ftyp):
    assert rejected("photo.heic", ftyp).reason is RejectionReason.WRONG_TYPE


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("letter.pdf", samples.elf()),
        ("letter.pdf", samples.windows_exe()),
        ("letter.pdf", samples.HTML),
        ("drawing.png", samples.SVG),
        ("drawing.png", b'<?xml version="1.0"?>\n' + samples.SVG),
        ("notes.txt", samples.HTML),
        ("budget.docx", samples.xlsx()),
        ("letter.docx", samples.zip_of({"letter.txt": "hello"})),
        ("letter.docx", samples.zip_of({"word/document.xml": "<w:document/>"})),
        ("letter.docx", samples.docm()),
        ("letter.pdf", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00;"),
        ("letter.pdf", bytes(range(256)) * 4),
    ],
    ids=[
        "ELF named .pdf",
        "Windows exe named .pdf",
        "HTML named .pdf",
        "SVG named .png",
        "SVG with XML declaration",
        "HTML named .txt",
        "XLSX named .docx",
        "plain ZIP named .docx",
        "ZIP with only word/ names",
        "DOCM named .docx",
        "GIF",
        "unknown binary",
    ],
)
def test_everything_else_is_rejected_with_the_list_of_accepted_types(filename, data):
    rejection = rejected(filename, data)
    assert rejection.reason is RejectionReason.WRONG_TYPE
    assert rejection.message == f"‘{filename}’ must be a PDF, JPG, PNG, HEIC, DOCX or TXT file"


def test_a_zip_listing_word_files_but_declaring_a_spreadsheet_is_not_a_docx():
    data = samples.docx_with_content_types(
        lambda xml: xml.replace(
            WORD_MAIN, b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        )
    )
    assert detect_kind(data) is None


def test_a_docx_whose_content_types_carry_a_dtd_is_refused_unparsed():
    data = samples.docx_with_content_types(
        lambda xml: xml.replace(b"<Types", b'<!DOCTYPE x [<!ENTITY a "b">]><Types', 1)
    )
    assert detect_kind(data) is None


def test_a_docx_with_a_macro_project_is_refused():
    data = samples.zip_of(
        {
            "[Content_Types].xml": _content_types_declaring_word(),
            "word/document.xml": "<w:document/>",
            "word/vbaProject.bin": b"\x00" * 10,
        }
    )
    assert detect_kind(data) is None


def test_a_minimal_docx_written_in_any_entry_order_is_accepted():
    """filetype guesses DOCX from the first entries only; the content-types check does not depend on order."""
    data = samples.zip_of(
        {
            "docProps/app.xml": "<Properties/>",
            "docProps/core.xml": "<cp:coreProperties/>",
            "customXml/item1.xml": "<x/>",
            "customXml/item2.xml": "<x/>",
            "customXml/item3.xml": "<x/>",
            "word/document.xml": "<w:document/>",
            "[Content_Types].xml": _content_types_declaring_word(),
        }
    )
    assert detect_kind(data) is DOCX


def _content_types_declaring_word() -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" ContentType="' + WORD_MAIN + b'"/></Types>'
    )


class TestText:
    def test_utf8_with_emoji_is_text(self):
        assert detect_kind(samples.TEXT) is TXT

    def test_a_byte_order_mark_is_allowed(self):
        assert detect_kind(b"\xef\xbb\xbf" + samples.TEXT) is TXT

    def test_tabs_and_windows_line_endings_are_allowed(self):
        assert detect_kind(b"Date\tWhat happened\r\n1 May\tNobody called back\r\n") is TXT

    def test_text_that_begins_like_a_bitmap_or_executable_signature_is_still_text(self):
        assert detect_kind(b"BMX bike was taken from my placement") is TXT
        assert detect_kind(b"MZ is my initials") is TXT

    @pytest.mark.parametrize(
        "data",
        [
            "My carer said \u00a3 5".encode("cp1252"),
            samples.TEXT.decode().encode("utf-16"),
            b"hello\x00world",
            b"hello\x1b[31mworld",
        ],
        ids=["Windows-1252", "UTF-16", "NUL byte", "escape sequence"],
    )
    def test_other_encodings_and_control_characters_are_not_text(self, data):
        assert detect_kind(data) is None

    @pytest.mark.parametrize(
        "text",
        [
            "<html><body>hi</body></html>",
            "<div>hi</div>",
            "<!-- a comment -->",
            "  \n<a href=x>link</a>",
            "<?php echo 1; ?>",
            "#!/bin/sh\nrm -rf ~\n",
            "Thank you.\n" * 1000 + "<SCRIPT>alert(1)</SCRIPT>",
            "Click here: JavaScript:alert(1)",
            "see <iframe src=x>",
            "<!DOCTYPE html>",
        ],
    )
    def test_markup_and_scripts_are_not_text_wherever_they_appear(self, text):
        assert detect_kind(text.encode()) is None

    def test_a_less_than_sign_in_ordinary_writing_is_fine(self):
        assert detect_kind(b"I was <3 happy and 2 < 5\n") is TXT


class TestSizeAndEmptiness:
    def test_an_empty_file_is_rejected(self):
        rejection = rejected("letter.pdf", b"")
        assert rejection.reason is RejectionReason.EMPTY
        assert rejection.message == "‘letter.pdf’ is empty"

    def test_an_empty_file_without_a_name_uses_the_govuk_wording(self):
        assert rejected("", b"").message == "The selected file is empty"

    def test_an_11mb_file_is_rejected(self):
        rejection = rejected("scan.pdf", samples.pdf() + b"\x00" * (11 * MB))
        assert rejection.reason is RejectionReason.TOO_LARGE
        assert rejection.message == "‘scan.pdf’ must be smaller than 10MB"

    def test_a_file_of_exactly_the_limit_is_accepted(self):
        data = samples.pdf()
        assert isinstance(check_upload("a.pdf", data, len(data)), CheckedFile)
        assert rejected("a.pdf", data, len(data) - 1).reason is RejectionReason.TOO_LARGE

    def test_size_is_judged_before_type(self):
        assert rejected("virus.exe", samples.windows_exe(), 100).reason is RejectionReason.TOO_LARGE

    def test_the_limit_in_the_message_comes_from_the_setting(self):
        assert rejected("a.pdf", samples.pdf(), 100).message == "‘a.pdf’ must be smaller than 100 bytes"

    @pytest.mark.parametrize(
        ("size", "text"),
        [(10 * MB, "10MB"), (2 * MB + MB // 2, "2.5MB"), (500 * 1024, "500KB"), (1024, "1KB"), (999, "999 bytes")],
    )
    def test_sizes_are_written_the_govuk_way(self, size, text):
        assert format_size(size) == text


def test_messages_show_a_cleaned_name():
    rejection = rejected("../../secret/\u202eevil<b>.pdf", samples.HTML)
    assert rejection.filename == "evilb.pdf"
    assert rejection.message.startswith("‘evilb.pdf’ must be")


def test_a_name_with_nothing_left_uses_the_selected_file_wording():
    assert rejected("...", samples.HTML).message == "The selected file must be a PDF, JPG, PNG, HEIC, DOCX or TXT file"

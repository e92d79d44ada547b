"""Files of an accepted type that could still do harm: PDFs that run or carry something, and files that are two
formats at once. Refused with a message that says what to do."""

import pytest

from portal.uploads.checks import CheckedFile, RejectionReason, UploadRejection, check_upload, pdf_is_active
from tests.unit.uploads.samples import compressed_object_stream, jpeg, pdf, png

LIMIT = 10 * 1024 * 1024


def rejection(data: bytes, name: str = "letter.pdf") -> UploadRejection:
    result = check_upload(name, data, LIMIT)
    assert isinstance(result, UploadRejection), result
    return result


@pytest.mark.parametrize(
    "catalog",
    [
        b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
        b"/Names << /JavaScript 5 0 R >>",
        b"/OpenAction << /S /Launch /F (calc.exe) >>",
        b"/Names << /EmbeddedFiles 5 0 R >>",
        b"/AA << /O << /S /J#61va#53cript /JS (x) >> >>",  # the same names with letters written as #xx escapes
        b"/OpenAction << /S /#4Caunch >>",
    ],
)
def test_a_pdf_that_runs_or_carries_something_is_refused(catalog):
    refused = rejection(pdf(catalog))
    assert refused.reason == RejectionReason.ACTIVE_CONTENT
    assert refused.message == (
        "‘letter.pdf’ holds JavaScript, an action that opens something, or attached files. "
        "Print it to a new PDF and upload that"
    )


def test_javascript_hidden_in_a_compressed_object_stream_is_found():
    data = pdf(b"", compressed_object_stream(b"5 0 << /S /JavaScript /JS (app.alert(1)) >>"))
    assert b"JavaScript" not in data
    assert rejection(data).reason == RejectionReason.ACTIVE_CONTENT


def test_a_decompression_bomb_is_refused_rather_than_inflated():
    assert pdf_is_active(pdf(b"", compressed_object_stream(b"\x00" * (65 * 1024 * 1024))))


@pytest.mark.parametrize(
    "data",
    [
        pdf(),
        pdf(b"/OpenAction [3 0 R /Fit]"),  # opening at a zoom level is no action
        pdf(b"", compressed_object_stream(b"5 0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")),
        pdf(b"/Title (My JSON notes about /JSX)"),  # names that only start the same
    ],
)
def test_an_ordinary_pdf_is_accepted(data):
    assert isinstance(check_upload("letter.pdf", data, LIMIT), CheckedFile)


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (pdf().replace(b"%%EOF", b"<html><script>alert(1)</script></html>\n%%EOF"), "letter.pdf", "PDF"),
        (jpeg()[:-2] + b"<html><body onload=alert(1)>" + b"\xff\xd9", "photo.jpg", "JPG"),
        (png() + b"<svg onload=alert(1)>", "drawing.png", "PNG"),
    ],
)
def test_a_file_that_is_two_formats_at_once_is_refused(data, name, kind):
    refused = rejection(data, name)
    assert refused.reason == RejectionReason.TWO_FORMATS
    assert refused.message == (
        f"‘{name}’ is not a plain {kind} file: it also holds web page code. Save it again as a {kind} and upload that"
    )


def test_a_web_page_with_a_pdf_after_it_is_refused_too():
    """PDF readers find "%PDF" anywhere in the first kilobyte; browsers see the page first. Not a PDF to us."""
    refused = rejection(b"<!DOCTYPE html><html><body>hello</body></html>\n" + pdf())
    assert refused.reason == RejectionReason.WRONG_TYPE

"""Property tests: no name or content, however hostile, makes the checks raise or lets a bad name through."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from portal.uploads.checks import CheckedFile, UploadRejection, check_upload
from portal.uploads.names import MAX_NAME_LENGTH, safe_display_name
from tests.unit.uploads import samples

# Starting from real signatures sends the random tails through filetype's, the HEIC and the ZIP parsers.
PREFIXES = [
    b"",
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x00\x00\x00\x18ftypheic",
    b"\x00\x00\x00\x18ftypmif1",
    b"<svg",
    b"\xef\xbb\xbf",
    samples.docx()[:200],
]
contents = st.builds(lambda prefix, tail: prefix + tail, st.sampled_from(PREFIXES), st.binary(max_size=2048))
damaged_docx = st.builds(lambda cut, junk: samples.docx()[:cut] + junk, st.integers(0, 40000), st.binary(max_size=64))


@settings(max_examples=300, deadline=None)
@given(filename=st.text(max_size=300), data=st.one_of(contents, damaged_docx), max_bytes=st.integers(0, 50000))
def test_check_upload_never_raises(filename, data, max_bytes):
    result = check_upload(filename, data, max_bytes)
    assert isinstance(result, CheckedFile | UploadRejection)
    if isinstance(result, CheckedFile):
        assert 0 < result.size_bytes <= max_bytes
        assert result.filename


@settings(max_examples=300, deadline=None)
@given(filename=st.text(max_size=400), extension=st.sampled_from(["pdf", "jpg", "png", "heic", "docx", "txt"]))
def test_safe_display_names_are_always_safe(filename, extension):
    name = safe_display_name(filename, extension)
    assert name.endswith(f".{extension}")
    assert 0 < len(name) <= MAX_NAME_LENGTH
    assert not name.startswith((".", " ", "-"))
    assert "/" not in name and "\\" not in name and ".." not in name
    assert all(unicodedata.category(char)[0] in "LMN" or char in " -_.()" for char in name)
    assert unicodedata.normalize("NFKC", name) == name

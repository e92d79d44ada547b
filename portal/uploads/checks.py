"""Checks one uploaded file: is it empty, too big, or of a type we do not accept? Pure: no Flask, no storage.

The type is found from the content, never from the name or the browser's Content-Type, and the content type kept
with the file comes from that finding. Accepted: PDF, JPG, PNG, HEIC, DOCX and plain text. Everything else,
executables, HTML, SVG, ZIP, spreadsheets and anything unrecognised, is rejected.

- PDF, JPG and PNG are recognised by ``filetype`` from their magic numbers.
- HEIC is recognised here from the ISO-BMFF ``ftyp`` box, because ``filetype`` 1.2 misses brands that phones
  write, such as ``heix`` (10-bit photos from many Android phones).
- DOCX is a ZIP, and ``filetype`` guesses it from the first few entry names, so a ZIP holding a ``word/`` folder
  passes its test and a real DOCX written in another order fails it. Any ZIP is therefore opened and accepted
  only if ``[Content_Types].xml`` declares ``word/document.xml`` as a Word document, which rules out XLSX, plain
  ZIPs, macro-enabled DOCM files renamed to .docx, and templates.
- Text has no magic number: it must be UTF-8 (a byte order mark is allowed) without NUL or other control
  characters, must not start like a tag or a ``#!`` script, and must not hold markup or script markers
  (``<html``, ``<script``, ``<svg``, ``javascript:``...) anywhere, so that it can never be turned into a web page.
  Text in other encodings (UTF-16, Windows-1252 with a £ sign) is rejected as the wrong type.

Two more checks refuse files that are of an accepted type but could still do harm when opened:

- A PDF that can run something: JavaScript (``/JavaScript``, ``/JS``), a launch action (``/Launch``), embedded
  files (``/EmbeddedFile``, ``/EmbeddedFiles``) or embedded media (``/RichMedia``). PDF names may hide letters as
  ``#xx`` escapes (``/J#61vaScript``) and may sit inside compressed object streams, so escapes are decoded and every
  Flate-compressed stream is inflated (within a budget) before looking.
- A file that is two formats at once, such as a PDF or a JPEG that is also a web page (a "polyglot"): any binary
  file holding HTML or script markers (``<html``, ``<script``, ``<svg``...) is refused, because a browser sniffing its
  content could run it as a page.
"""

import hashlib
import io
import re
import xml.etree.ElementTree as ElementTree
import zipfile
import zlib
from dataclasses import dataclass, field
from enum import StrEnum

import filetype

from portal.uploads.names import safe_display_name


@dataclass(frozen=True)
class FileKind:
    """A type we accept: its name for people, the content type we store, and its extension and spellings."""

    label: str
    content_type: str
    extension: str
    aliases: tuple[str, ...] = ()


PDF = FileKind("PDF", "application/pdf", "pdf")
JPG = FileKind("JPG", "image/jpeg", "jpg", ("jpeg", "jpe", "jfif"))
PNG = FileKind("PNG", "image/png", "png")
HEIC = FileKind("HEIC", "image/heic", "heic", ("heif",))
DOCX = FileKind("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
TXT = FileKind("TXT", "text/plain; charset=utf-8", "txt", ("text",))
ACCEPTED_KINDS = (PDF, JPG, PNG, HEIC, DOCX, TXT)

# filetype's MIME guesses that we take at their word. APNG is an animated PNG that any PNG viewer shows.
_MAGIC_KINDS = {"application/pdf": PDF, "image/jpeg": JPG, "image/png": PNG, "image/apng": PNG, "image/heic": HEIC}
# Anything filetype calls one of these is a ZIP and gets the DOCX test below.
_ZIP_GUESSES = frozenset(
    {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
)
_SNIFF_BYTES = 8192

# HEIF still-image brands for HEVC-coded photos. Sequences (hevc, hevx) and other codecs (avif, jpeg) are not taken.
_HEIC_BRANDS = frozenset({"heic", "heix", "heim", "heis"})

_DOCX_MAIN_PART = "/word/document.xml"
_DOCX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MARKUP_MARKERS = (
    "<html",
    "<head",
    "<body",
    "<script",
    "<!doctype",
    "<svg",
    "<?xml",
    "<iframe",
    "<object",
    "<embed",
    "<meta",
    "<style",
    "javascript:",
    "vbscript:",
)
# Text that starts like a tag ("<div", "<!--", "<?php") is markup, whatever follows; "#!" starts a script.
_STARTS_LIKE_MARKUP_OR_SCRIPT = re.compile(r"<[A-Za-z!?/]|#!")


# Names in a PDF that make it run or carry something. A name ends at whitespace or a delimiter.
_ACTIVE_PDF_NAMES = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?=[\s/<>\[\]()%{}]|$)")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n")
# Inflating more than this from one upload is a decompression bomb: treated as holding something active.
_MAX_INFLATED_BYTES = 64 * 1024 * 1024
_BINARY_MARKUP_MARKERS = tuple(marker.encode() for marker in _MARKUP_MARKERS if marker not in ("<?xml",))


class RejectionReason(StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    WRONG_TYPE = "wrong_type"
    ACTIVE_CONTENT = "active_content"
    TWO_FORMATS = "two_formats"
    VIRUS = "virus"
    DUPLICATE = "duplicate"
    TOO_MANY = "too_many"


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check, with what an `Attachment` row needs except the storage key."""

    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class UploadRejection:
    """A file we will not keep. ``message`` is the GOV.UK error message to show; ``filename`` is for display."""

    filename: str
    reason: RejectionReason
    message: str


def check_upload(filename: str, data: bytes, max_bytes: int) -> CheckedFile | UploadRejection:
    """Checks one file's size and content and gives it a safe name; never raises for any bytes or name.

    ``data`` may be cut short at ``max_bytes + 1`` bytes by a bounded read: anything longer than ``max_bytes``
    is too large, whatever it holds.
    """
    label = safe_display_name(filename)
    if not data:
        return UploadRejection(label, RejectionReason.EMPTY, empty_message(label))
    if len(data) > max_bytes:
        return UploadRejection(label, RejectionReason.TOO_LARGE, too_large_message(label, max_bytes))
    kind = detect_kind(data)
    if kind is None:
        return UploadRejection(label, RejectionReason.WRONG_TYPE, wrong_type_message(label))
    if kind is not TXT and holds_markup(data):
        return UploadRejection(label, RejectionReason.TWO_FORMATS, two_formats_message(label, kind))
    if kind is PDF and pdf_is_active(data):
        return UploadRejection(label, RejectionReason.ACTIVE_CONTENT, active_pdf_message(label))
    return CheckedFile(
        filename=safe_display_name(filename, kind.extension, kind.aliases),
        content_type=kind.content_type,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


def detect_kind(data: bytes) -> FileKind | None:
    """Returns the accepted type that ``data`` really is, or None."""
    if _is_heic(data):
        return HEIC
    head = data[:_SNIFF_BYTES]
    try:
        guess = filetype.guess_mime(head)
    except Exception:  # a parser bug on hostile input must mean "not accepted", not a crash
        return None
    if guess in _MAGIC_KINDS:
        return _MAGIC_KINDS[guess]
    if guess in _ZIP_GUESSES or head.startswith(b"PK\x03\x04"):
        return DOCX if _is_docx(data) else None
    # Text has no magic number, and a few signatures are printable ("BM" for BMP, "MZ", "%!"), so text that begins
    # "BMX bike" is still text. Real binaries of those types hold NUL bytes, which the text test refuses.
    return TXT if _is_plain_text(data) else None


def holds_markup(data: bytes) -> bool:
    """True when binary content also reads as a web page or script somewhere inside it."""
    lowered = data.lower()
    return any(marker in lowered for marker in _BINARY_MARKUP_MARKERS)


def pdf_is_active(data: bytes) -> bool:
    """True for a PDF holding JavaScript, a launch action, embedded files or media, in plain sight or compressed."""
    budget = _MAX_INFLATED_BYTES
    for chunk in _pdf_chunks(data):
        if chunk is None:
            return True
        budget -= len(chunk)
        if budget < 0 or _ACTIVE_PDF_NAMES.search(
            _PDF_NAME_ESCAPE.sub(lambda match: bytes.fromhex(match[1].decode()), chunk)
        ):
            return True
    return False


def _unescape_name_character(match: re.Match) -> bytes:
    return bytes.fromhex(match[1].decode())


def _pdf_chunks(data: bytes):
    """The PDF's bytes, then each stream in it inflated as Flate data (streams that are not are skipped); None when
    a stream inflates past the budget."""
    yield data
    view = memoryview(data)
    for match in _PDF_STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(view[match.end() : end if end != -1 else len(data)], _MAX_INFLATED_BYTES)
        except zlib.error:
            continue
        if inflater.unconsumed_tail:
            yield None
            return
        yield inflated


def _is_heic(data: bytes) -> bool:
    """True for an ISO-BMFF file whose ``ftyp`` box names a HEIC still-image brand, as major or compatible brand."""
    if len(data) < 16 or data[4:8] != b"ftyp":
        return False
    box_size = int.from_bytes(data[0:4], "big")
    if not 16 <= box_size <= min(len(data), 4096):
        return False
    brands = {data[8:12]} | {data[offset : offset + 4] for offset in range(16, box_size - 3, 4)}
    return any(brand.decode("latin-1") in _HEIC_BRANDS for brand in brands)


def _is_docx(data: bytes) -> bool:
    """True if ``data`` is a ZIP whose ``[Content_Types].xml`` declares ``word/document.xml`` a Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                return False
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return False
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                return False
            with archive.open(info) as member:
                content_types = member.read(_MAX_CONTENT_TYPES_BYTES + 1)
        return _declares_word_document(content_types)
    except Exception:  # zipfile raises many kinds of error on damaged or hostile archives
        return False


def _declares_word_document(content_types: bytes) -> bool:
    # Office never writes a DTD; refusing one keeps entity expansion out of the parser.
    if len(content_types) > _MAX_CONTENT_TYPES_BYTES or b"<!DOCTYPE" in content_types.upper():
        return False
    root = ElementTree.fromstring(content_types)
    for element in root:
        if element.tag.rpartition("}")[2] != "Override":
            continue
        if element.get("PartName", "").lower() == _DOCX_MAIN_PART:
            return element.get("ContentType") == _DOCX_MAIN_TYPE
    return False


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if _CONTROL_CHARACTERS.search(text):
        return False
    if _STARTS_LIKE_MARKUP_OR_SCRIPT.match(text.lstrip()):
        return False
    lowered = text.lower()
    return not any(marker in lowered for marker in _MARKUP_MARKERS)


def accepted_types_phrase() -> str:
    """'PDF, JPG, PNG, HEIC, DOCX or TXT', from ACCEPTED_KINDS."""
    labels = [kind.label for kind in ACCEPTED_KINDS]
    return f"{', '.join(labels[:-1])} or {labels[-1]}"


def format_size(size_bytes: int) -> str:
    """A limit as GOV.UK writes it: '10MB', '2.5MB', '500KB'."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size_bytes >= factor:
            return f"{size_bytes / factor:.1f}".removesuffix(".0") + unit
    return f"{size_bytes} bytes"


def _subject(label: str) -> str:
    return f"‘{label}’" if label else "The selected file"


def empty_message(label: str) -> str:
    return f"{_subject(label)} is empty"


def too_large_message(label: str, max_bytes: int) -> str:
    return f"{_subject(label)} must be smaller than {format_size(max_bytes)}"


def wrong_type_message(label: str) -> str:
    return f"{_subject(label)} must be a {accepted_types_phrase()} file"


def two_formats_message(label: str, kind: FileKind) -> str:
    return (
        f"{_subject(label)} is not a plain {kind.label} file: it also holds web page code. "
        f"Save it again as a {kind.label} and upload that"
    )


def active_pdf_message(label: str) -> str:
    return (
        f"{_subject(label)} holds JavaScript, an action that opens something, or attached files. "
        "Print it to a new PDF and upload that"
    )


def virus_message(label: str) -> str:
    return f"{_subject(label)} contains a virus, so we have not kept it"


def duplicate_message(label: str) -> str:
    return f"{_subject(label)} has already been added"


def too_many_message(max_files: int) -> str:
    return f"You can only upload {max_files} {'file' if max_files == 1 else 'files'}"

"""Real sample files built in memory, so the tests need no binary fixtures."""

import io
import struct
import zipfile
import zlib

import openpyxl
from docx import Document

MB = 1024 * 1024


def pdf(catalog_extra: bytes = b"", *extra_objects: bytes) -> bytes:
    """A complete one-page PDF with a correct cross-reference table; `catalog_extra` goes into the catalogue and
    `extra_objects` become objects 4 onwards."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    """The start of a JFIF file (SOI and APP0) and its end marker: enough for detection."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\x00" * 64 + b"\xff\xd9"


def iso_bmff(major: bytes, *compatible: bytes) -> bytes:
    """An ftyp box followed by an empty meta box: the way HEIF, AVIF and MP4 files start."""
    ftyp_body = major + b"\x00\x00\x00\x00" + b"".join(compatible)
    ftyp = struct.pack(">I", 8 + len(ftyp_body)) + b"ftyp" + ftyp_body
    meta = struct.pack(">I", 12) + b"meta" + b"\x00\x00\x00\x00"
    return ftyp + meta + b"\x00" * 64


def heic() -> bytes:
    """As an iPhone writes it."""
    return iso_bmff(b"heic", b"mif1", b"heic")


def docx() -> bytes:
    document = Document()
    document.add_paragraph("My social worker listened to me.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "not a letter"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_of(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_with_content_types(rewrite) -> bytes:
    """A real DOCX whose [Content_Types].xml has been passed through ``rewrite``."""
    source = zipfile.ZipFile(io.BytesIO(docx()))
    files = {name: source.read(name) for name in source.namelist()}
    files["[Content_Types].xml"] = rewrite(files["[Content_Types].xml"])
    return zip_of(files)


def docm() -> bytes:
    """A macro-enabled Word document, as someone might rename to .docx."""
    macro_type = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    word_type = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return docx_with_content_types(lambda xml: xml.replace(word_type, macro_type))


def elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 200


def windows_exe() -> bytes:
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 48
        + (b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 100)
    )


HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>\n'
TEXT = "I want to say thank you to my foster carer 🙂 for the trip to the seaside.\n".encode()


def compressed_object_stream(body: bytes) -> bytes:
    """A PDF object stream holding `body`, Flate-compressed as PDF writers do."""
    packed = zlib.compress(body)
    return b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
        len(packed),
        packed,
    )


EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
"""The EICAR anti-virus test file: harmless, and found by every virus scanner by agreement."""

"""Files added on the complaint's documents page: typed by content, limited in size and number, never public."""

import gc
import io

import pytest
from sqlalchemy import func, select

from portal.common.drafts import file_storage
from portal.data.database import db
from portal.data.models import Attachment, Case
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import complaint_pages

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


def to_documents_page(client, team_id):
    pages = complaint_pages(team_id)
    post_pages(client, "complaint", pages[: [slug for slug, _ in pages].index("documents")])


def upload(client, *files, button="upload"):
    response = client.post(
        "/complaint/documents",
        data={"documents": [(io.BytesIO(data), name) for name, data in files], button: "1"},
        content_type="multipart/form-data",
    )
    response.get_data()
    response.close()
    return response


def attachments() -> list[Attachment]:
    return list(db.session.scalars(select(Attachment).order_by(Attachment.id)))


def stored_files(app) -> list:
    root = file_storage().root
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_a_real_pdf_is_kept_and_moves_to_the_case(client, team_id):
    to_documents_page(client, team_id)
    response = upload(client, ("letter.pdf", PDF))
    assert response.status_code == 302
    [attachment] = attachments()
    assert attachment.filename == "letter.pdf"
    assert attachment.content_type == "application/pdf"
    assert file_storage().open(attachment.storage_key) == PDF
    post_pages(client, "complaint", complaint_pages(team_id)[10:])
    client.post("/complaint/check-answers", data={"declaration": "y"})
    case = db.session.scalar(select(Case))
    assert [item.filename for item in case.attachments] == ["letter.pdf"]
    assert case.attachments[0].draft_id is None


def test_an_executable_or_html_named_pdf_is_refused_and_not_stored(app, client, team_id):
    to_documents_page(client, team_id)
    before = len(stored_files(app))
    response = upload(client, ("report.pdf", EXECUTABLE), ("notes.pdf", HTML))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "report.pdf" in html and "notes.pdf" in html
    assert "must be a PDF, JPG, PNG, HEIC, DOCX or TXT" in html
    assert attachments() == []
    assert len(stored_files(app)) == before


# Werkzeug's test client spools a body this large to a temporary file it never closes; a real server does.
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_11mb_file_is_refused_and_not_stored(app, client, team_id):
    to_documents_page(client, team_id)
    before = len(stored_files(app))
    response = upload(client, ("scan.pdf", PDF + b"0" * (11 * 1024 * 1024)))
    assert response.status_code == 200
    assert "must be smaller than 10MB" in response.get_data(as_text=True)
    assert attachments() == []
    assert len(stored_files(app)) == before
    del response
    gc.collect()


def test_no_more_than_five_files(client, team_id):
    to_documents_page(client, team_id)
    response = upload(client, *[(f"note{n}.txt", f"Note {n}".encode()) for n in range(6)])
    assert "You can only upload 5 files" in response.get_data(as_text=True)
    assert attachments() == []


def test_a_file_can_be_removed(client, team_id):
    to_documents_page(client, team_id)
    upload(client, ("note.txt", b"A note"))
    [attachment] = attachments()
    key = attachment.storage_key
    client.post(f"/complaint/documents/{attachment.id}/remove")
    assert attachments() == []
    assert not file_storage().exists(key)


def test_files_are_never_served_from_static(client, team_id):
    to_documents_page(client, team_id)
    upload(client, ("note.txt", b"A note"))
    [attachment] = attachments()
    assert client.get(f"/assets/{attachment.storage_key}").status_code == 404
    assert "static" not in str(file_storage().root)
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 1

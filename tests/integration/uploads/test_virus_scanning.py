"""Virus scanning with a real ClamAV daemon: the EICAR test file is refused when a scanner is set up, clean files are
kept as scanned, and a scanner that does not answer keeps the file in quarantine for staff instead of losing it."""

import io

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.common.drafts import file_storage
from portal.data.database import db
from portal.data.models import Attachment, Case
from portal.uploads.scanning import ScanStatus, Verdict, scanner_from
from tests.fixtures.config import overridden_config
from tests.integration.assisted_entry.test_record import answers, errors, post
from tests.integration.intake.test_documents import PDF, to_documents_page, upload
from tests.integration.safeguarding.conftest import staff_page
from tests.unit.uploads.samples import EICAR

VIRUS_MESSAGE = "‘eicar.txt’ contains a virus, so we have not kept it"


def attachments() -> list[Attachment]:
    return list(db.session.scalars(select(Attachment).order_by(Attachment.id)))


def page_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def test_the_real_clamd_finds_the_eicar_test_file_and_passes_a_clean_one(app, clamd_socket):
    scanner = scanner_from({"CLAMD_SOCKET": clamd_socket})
    assert scanner.scan(EICAR).verdict == Verdict.INFECTED
    assert scanner.scan(EICAR).signature.startswith("Eicar-Test-Signature")
    assert scanner.scan(PDF).verdict == Verdict.CLEAN


def test_an_infected_upload_is_refused_and_never_stored(app, client, team_id, clamd_socket):
    to_documents_page(client, team_id)
    with overridden_config(app, CLAMD_SOCKET=clamd_socket):
        response = client.post(
            "/complaint/documents",
            data={"documents": [(io.BytesIO(EICAR), "eicar.txt"), (io.BytesIO(PDF), "letter.pdf")], "upload": "1"},
            content_type="multipart/form-data",
        )
    assert response.status_code == 200
    assert VIRUS_MESSAGE in page_text(response.get_data(as_text=True))
    [kept] = attachments()
    assert (kept.filename, kept.scan_status) == ("letter.pdf", ScanStatus.CLEAN)
    assert file_storage().open(kept.storage_key) == PDF
    assert EICAR not in [path.read_bytes() for path in file_storage().root.rglob("*") if path.is_file()]


def test_staff_cannot_record_an_infected_file_either(app, client, officer, clamd_socket):
    with overridden_config(app, CLAMD_SOCKET=clamd_socket):
        response = post(client, answers(), files=[(EICAR, "eicar.txt")])
    assert errors(response) == [VIRUS_MESSAGE]
    assert db.session.scalar(select(Case)) is None


def test_a_scanner_that_does_not_answer_keeps_the_file_in_quarantine(app, client, team_id, silent_scanner_socket):
    to_documents_page(client, team_id)
    with overridden_config(app, CLAMD_SOCKET=silent_scanner_socket, CLAMD_TIMEOUT_SECONDS=1):
        assert upload(client, ("letter.pdf", PDF)).status_code == 302
    [kept] = attachments()
    assert kept.scan_status == ScanStatus.QUARANTINED
    assert file_storage().open(kept.storage_key) == PDF  # kept, not lost


def test_a_scanner_that_is_not_there_keeps_the_file_in_quarantine(app, client, team_id, tmp_path):
    to_documents_page(client, team_id)
    with overridden_config(app, CLAMD_SOCKET=str(tmp_path / "nobody-here.sock")):
        assert upload(client, ("letter.pdf", PDF)).status_code == 302
    assert [item.scan_status for item in attachments()] == [ScanStatus.QUARANTINED]


def test_staff_see_a_quarantined_file_but_cannot_download_it_until_a_rescan_passes_it(
    app, client, officer, silent_scanner_socket, clamd_socket
):
    with overridden_config(app, CLAMD_SOCKET=silent_scanner_socket, CLAMD_TIMEOUT_SECONDS=1):
        post(client, answers(), files=[(PDF, "letter.pdf"), (EICAR, "eicar.txt")])
    case = db.session.scalar(select(Case))
    letter, eicar = attachments()
    assert {letter.scan_status, eicar.scan_status} == {ScanStatus.QUARANTINED}
    documents = page_text(staff_page(app, f"/staff/cases/{case.reference}/documents"))
    assert "letter.pdf Waiting for a virus check" in documents
    assert client.get(f"/staff/cases/{case.reference}/documents/{letter.id}").status_code == 404

    with overridden_config(app, CLAMD_SOCKET=clamd_socket):
        result = app.test_cli_runner().invoke(args=["uploads", "rescan"])
    assert "Passed 1, deleted 1 with a virus, still waiting 0." in result.output
    db.session.expire_all()
    letter, eicar = attachments()
    assert (letter.scan_status, eicar.scan_status) == (ScanStatus.CLEAN, ScanStatus.INFECTED)
    assert not file_storage().exists(eicar.storage_key)
    assert client.get(f"/staff/cases/{case.reference}/documents/{letter.id}").status_code == 200
    assert "eicar.txt Deleted: it held a virus" in page_text(
        staff_page(app, f"/staff/cases/{case.reference}/documents")
    )
